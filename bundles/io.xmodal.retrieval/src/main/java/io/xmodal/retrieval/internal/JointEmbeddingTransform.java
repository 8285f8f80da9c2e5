package io.xmodal.retrieval.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Modality;
import io.xmodal.api.Param;
import io.xmodal.api.Params;
import io.xmodal.api.Role;
import io.xmodal.api.Signature;
import io.xmodal.api.data.DataException;
import io.xmodal.api.data.Transform;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.osgi.service.component.annotations.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A modality's point in the joint space of an earlier {@code contrastive} run: the sample goes through
 * that run's trained encoder and projection head (its saved graph, {@code model/graph.sd}), and comes out
 * as the L2-normalised embedding, FEATURES [dim]. Any objective can then start from the joint space: a
 * generator that draws an image from a sound's embedding, a classifier on embeddings. Which of the run's
 * two encoders applies is found from the input's shape, or named by {@code side}. The input must be
 * prepared as the earlier run prepared it (same reader settings and transforms before this one).
 */
@Component(service = Transform.class)
public final class JointEmbeddingTransform implements Transform {
    static final String NAME = "joint-embedding";

    private static final ComponentSpec SPEC = ComponentSpec.of(Role.TRANSFORM, NAME)
            .doc("the embedding of a sample in the joint space of a finished contrastive run (its encoder and projection head, L2-normalised)")
            .accepts(Modality.IMAGE, Modality.SPECTROGRAM, Modality.AUDIO, Modality.SERIES, Modality.SEQUENCE, Modality.FEATURES, Modality.FRAMES)
            .produces(Modality.FEATURES)
            .param(Param.path("run", null).doc("the folder of a finished run of objective contrastive (with model/graph.sd and model/model.json)"))
            .param(Param.choice("side", "auto", "auto", "input", "target")
                    .doc("which of the run's encoders: the one of its model input, of its target, or (auto) the one whose input shape matches"))
            .build();

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public Op open(Signature input, Params p) throws DataException {
        Path run = p.getPath("run");
        if (run == null) {
            throw new DataException(null, NAME + " needs with.run: the folder of a finished run of objective contrastive");
        }
        Path metaFile = run.resolve("model/model.json");
        Path graphFile = run.resolve("model/graph.sd");
        if (!Files.isRegularFile(metaFile) || !Files.isRegularFile(graphFile)) {
            throw new DataException(run, "not a finished run (needs model/model.json and model/graph.sd); train it first with 'xmodal run'"
                    + " and give its folder (the --out folder, or the one under runs/)");
        }
        Map<String, Map<String, Object>> embeddings = embeddings(metaFile);
        SameDiff sd;
        try {
            sd = SameDiff.load(graphFile.toFile(), true);
        } catch (RuntimeException e) {
            throw new DataException(graphFile, "unreadable saved graph: " + e.getMessage());
        }
        long[] wanted = input.withBatch(-1);
        String side = p.getString("side");
        List<String> offered = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> e : embeddings.entrySet()) {
            String placeholder = (String) e.getValue().get("placeholder");
            String variable = (String) e.getValue().get("variable");
            SDVariable ph = sd.hasVariable(placeholder) ? sd.getVariable(placeholder) : null;
            if (ph == null || !sd.hasVariable(variable)) {
                throw new DataException(metaFile, "names " + placeholder + " -> " + variable + " for '" + e.getKey()
                        + "', which the saved graph lacks; the run folder is damaged: train it again");
            }
            long[] shape = ph.getShape();
            offered.add(e.getKey() + " (" + placeholder + ") " + Arrays.toString(shape));
            boolean sideMatches = side.equals("auto") || side.equals(placeholder);
            if (sideMatches && Arrays.equals(shape, wanted)) {
                return new Embed(sd, placeholder, variable, input);
            }
        }
        throw new DataException(run, "has no encoder for this input " + input + " (as a batch " + Arrays.toString(wanted) + ")"
                + (side.equals("auto") ? "" : " on side " + side) + "; its encoders take " + String.join(", ", offered)
                + ". Prepare the input as that run did (same reader settings and transforms before " + NAME + ")");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> embeddings(Path metaFile) throws DataException {
        Map<String, Object> meta;
        try {
            meta = new ObjectMapper().readValue(metaFile.toFile(), Map.class);
        } catch (IOException e) {
            throw new DataException(metaFile, "unreadable: " + e.getMessage());
        }
        if (!(meta.get("embeddings") instanceof Map<?, ?> m) || m.isEmpty()) {
            throw new DataException(metaFile, "this run did not embed into a joint space (no 'embeddings'); give a run of objective contrastive");
        }
        return (Map<String, Map<String, Object>>) m;
    }

    /** The op: one sample at a time through the saved encoder; its own copy of the graph per worker thread. */
    private static final class Embed implements Op {
        private final SameDiff sd;
        private final String placeholder;
        private final String variable;
        private final long[] shape;
        private final Signature output;

        Embed(SameDiff sd, String placeholder, String variable, Signature input) throws DataException {
            this.sd = sd;
            this.placeholder = placeholder;
            this.variable = variable;
            this.shape = input.withBatch(1);
            INDArray probe = embed(new float[(int) input.size()]);
            if (probe.rank() != 2 || probe.size(0) != 1) {
                throw new DataException(null, NAME + ": the run's embedding " + variable + " has shape " + Arrays.toString(probe.shape())
                        + " for one sample, not [1, dim]");
            }
            this.output = Signature.of(Modality.FEATURES, probe.size(1));
        }

        private INDArray embed(float[] x) {
            INDArray in = Nd4j.create(x, shape, 'c').castTo(sd.getVariable(placeholder).dataType());
            return sd.output(Map.of(placeholder, in), variable).get(variable);
        }

        @Override
        public Signature output() {
            return output;
        }

        @Override
        public float[] apply(float[] input) {
            return embed(input).castTo(DataType.FLOAT).toFloatVector();
        }
    }
}
