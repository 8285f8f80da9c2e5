package io.xmodal.retrieval.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xmodal.api.Modality;
import io.xmodal.api.Params;
import io.xmodal.api.Signature;
import io.xmodal.api.data.DataException;
import io.xmodal.api.data.Transform;
import io.xmodal.api.train.TrainingPlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The transform reproduces a saved contrastive graph's embeddings, picks the encoder by shape, and refuses what it cannot use. */
class JointEmbeddingTransformTest {
    @TempDir
    Path tmp;

    /** A run folder as the engine writes it: the contrastive objective's graph (input 3 wide, target 2 wide) and model.json. */
    private Path run(TestGraphs.Built built) throws Exception {
        Path run = Files.createDirectories(tmp.resolve("run/model"));
        built.sd().save(run.resolve("graph.sd").toFile(), false);
        String in = built.plan().embeddings().get(TrainingPlan.INPUT);
        String tg = built.plan().embeddings().get(TrainingPlan.TARGET);
        Files.writeString(run.resolve("model.json"), "{\"format\": 1, \"input\": \"input\", \"target\": \"target\", \"embeddings\": {"
                + "\"image\": {\"placeholder\": \"input\", \"variable\": \"" + in + "\", \"index\": \"index/image.idx\"},"
                + "\"sound\": {\"placeholder\": \"target\", \"variable\": \"" + tg + "\", \"index\": \"index/sound.idx\"}}}");
        return run.getParent();
    }

    private static Params params(Map<String, Object> with, Path base) {
        return new Params(Params.defaults(new JointEmbeddingTransform().spec(), with).asMap(), base);
    }

    @Test
    void embedsEachSideAsTheSavedGraphDoes() throws Exception {
        TestGraphs.Built built = TestGraphs.contrastive(Map.of("dim", 4), 3, 2, 5, DataType.FLOAT);
        Path run = run(built);
        String tg = built.plan().embeddings().get(TrainingPlan.TARGET);
        Transform.Op op = new JointEmbeddingTransform().open(Signature.of(Modality.FEATURES, 2), params(Map.of("run", run.toString()), tmp));
        assertEquals(Signature.of(Modality.FEATURES, 4), op.output());
        float[] x = {0.3f, -1.2f};
        INDArray expected = built.sd().output(Map.of("target", Nd4j.create(x, new long[] {1, 2}, 'c')), tg).get(tg);
        float[] z = op.apply(x);
        assertArrayEquals(expected.toFloatVector(), z, 1e-6f);
        double norm = 0;
        for (float v : z) {
            norm += v * v;
        }
        assertEquals(1.0, norm, 1e-5, "a point of the joint space has unit length");

        Transform.Op image = new JointEmbeddingTransform().open(Signature.of(Modality.FEATURES, 3), params(Map.of("run", "run"), tmp));
        assertEquals(4, image.apply(new float[] {1, 2, 3}).length, "a relative run folder resolves against the descriptor's folder");
    }

    @Test
    void refusesAnInputNoEncoderTakesAndAFolderThatIsNoEmbeddingRun() throws Exception {
        Path run = run(TestGraphs.contrastive(Map.of("dim", 4), 3, 2, 5, DataType.FLOAT));
        DataException e = assertThrows(DataException.class, () -> new JointEmbeddingTransform()
                .open(Signature.of(Modality.FEATURES, 7), params(Map.of("run", run.toString()), tmp)));
        assertTrue(e.getMessage().contains("has no encoder for this input") && e.getMessage().contains("image (input) [-1, 3]")
                && e.getMessage().contains("sound (target) [-1, 2]"), e.getMessage());

        e = assertThrows(DataException.class, () -> new JointEmbeddingTransform()
                .open(Signature.of(Modality.FEATURES, 2), params(Map.of("run", run.toString(), "side", "input"), tmp)));
        assertTrue(e.getMessage().contains("on side input"), e.getMessage());

        Files.writeString(run.resolve("model/model.json"), "{\"format\": 1, \"input\": \"input\"}");
        e = assertThrows(DataException.class, () -> new JointEmbeddingTransform()
                .open(Signature.of(Modality.FEATURES, 2), params(Map.of("run", run.toString()), tmp)));
        assertTrue(e.getMessage().contains("did not embed into a joint space"), e.getMessage());

        e = assertThrows(DataException.class, () -> new JointEmbeddingTransform()
                .open(Signature.of(Modality.FEATURES, 2), params(Map.of("run", tmp.resolve("nowhere").toString()), tmp)));
        assertTrue(e.getMessage().contains("not a finished run"), e.getMessage());
    }
}
