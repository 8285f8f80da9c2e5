package io.xmodal.engine.internal.run;

import io.xmodal.api.Signature;
import io.xmodal.api.data.DataException;
import io.xmodal.api.data.Sample;
import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.api.runtime.Problem;
import io.xmodal.api.runtime.Retrieval;
import io.xmodal.engine.internal.retrieval.Embedder;
import io.xmodal.engine.internal.retrieval.EmbeddingIndex;
import io.xmodal.engine.internal.store.RunDirectory;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code xmodal retrieve RUN_DIR --query FILE}: reads the file as the run's data would be read (the
 * reader's {@code decode}, then the descriptor's transforms with the statistics fitted on the run's
 * training split), embeds it with the encoder of its modality alone (from the saved graph), and
 * searches the run's index of the other modality exactly.
 */
public final class Retriever {
    private final Preparation preparation;

    public Retriever(Preparation preparation) {
        this.preparation = preparation;
    }

    @SuppressWarnings("unchecked")
    public Retrieval retrieve(Path runDir, Path query, int k, Consumer<String> progress) throws DescriptorException {
        if (k < 1) {
            throw problem("--k", "k must be 1 or more, not " + k);
        }
        if (!Files.isRegularFile(query)) {
            throw problem(query.toString(), "no such file; give an image (.png, .jpg) or a .wav file");
        }
        Path descriptor = runDir.resolve("descriptor.yaml");
        RunDirectory dir = RunDirectory.open(runDir);
        Map<String, Object> meta;
        try {
            meta = Files.isRegularFile(runDir.resolve(ModelFiles.META)) ? dir.readJson(ModelFiles.META) : null;
        } catch (IOException e) {
            throw problem(runDir.resolve(ModelFiles.META).toString(), "unreadable: " + e.getMessage());
        }
        if (!Files.isRegularFile(descriptor) || meta == null || !(meta.get("embeddings") instanceof Map)) {
            throw problem(runDir.toString(), "not a finished run of an embedding objective (needs descriptor.yaml and " + ModelFiles.META
                    + " with embeddings); give a folder that 'xmodal run' wrote for objective contrastive");
        }
        Map<String, Map<String, Object>> embeddings = (Map<String, Map<String, Object>>) meta.get("embeddings");
        try (Prepared prep = preparation.prepare(descriptor, List.of(), line -> { })) {
            Sample sample;
            try {
                sample = prep.dataset().decode(query.toAbsolutePath());
            } catch (DataException e) {
                throw problem(query.toString(), e.getMessage().startsWith(query.toAbsolutePath() + ": ")
                        ? e.getMessage().substring(query.toAbsolutePath().toString().length() + 2) : e.getMessage());
            }
            String modality = null;
            for (String m : embeddings.keySet()) {
                if (sample.values().containsKey(m)) {
                    modality = m;
                }
            }
            if (modality == null) {
                throw problem(query.toString(), "read as " + sample.values().keySet() + ", but the run embeds " + embeddings.keySet());
            }
            final String found = modality;
            String other = embeddings.keySet().stream().filter(m -> !m.equals(found)).findFirst().orElseThrow();
            Map<String, Object> mine = embeddings.get(modality);
            Map<String, Object> theirs = embeddings.get(other);
            SameDiff sd = ModelFiles.load(dir);
            Signature sig = prep.dataset().modalities().get(modality);
            INDArray x = Nd4j.create(sample.get(modality), new long[] {1, sample.get(modality).length}, 'c');
            INDArray z = new Embedder(sd, (String) mine.get("placeholder"), (String) mine.get("variable"), sig).embed(x, 1);
            Path indexFile = runDir.resolve((String) theirs.get("index"));
            EmbeddingIndex index = EmbeddingIndex.read(indexFile);
            long t0 = System.nanoTime();
            List<EmbeddingIndex.Hit> hits = index.search(z.getRow(0), k);
            double ms = (System.nanoTime() - t0) / 1e6;
            List<Retrieval.Hit> out = new ArrayList<>();
            for (int i = 0; i < hits.size(); i++) {
                EmbeddingIndex.Hit h = hits.get(i);
                out.add(new Retrieval.Hit(i + 1, index.id(h.row()), index.source(h.row()), index.label(h.row()), h.score()));
            }
            return new Retrieval(query.toString(), modality, other, index.size(), out, ms);
        } catch (IOException e) {
            throw problem(runDir.toString(), e.getMessage());
        }
    }

    private static DescriptorException problem(String where, String message) {
        return new DescriptorException(new Problem(where, 0, 0, "", message));
    }
}
