package io.xmodal.engine.internal.retrieval;

import io.xmodal.api.Signature;
import io.xmodal.engine.internal.build.ArrayReuse;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one encoder of a joint-embedding graph alone: feeds only that modality's placeholder and reads
 * its embedding variable, in evaluation batches.
 */
public final class Embedder {
    private final SameDiff sd;
    private final String placeholder;
    private final String embedding;
    private final Signature signature;

    public Embedder(SameDiff sd, String placeholder, String embedding, Signature signature) {
        this.sd = sd;
        this.placeholder = placeholder;
        this.embedding = embedding;
        this.signature = signature;
        ArrayReuse.disable(sd);
    }

    /** Embeddings [n, dim] (float32) of flat rows [n, values]. */
    public INDArray embed(INDArray flatRows, int batch) {
        int n = (int) flatRows.rows();
        List<INDArray> chunks = new ArrayList<>();
        for (int from = 0; from < n; from += batch) {
            int to = Math.min(n, from + batch);
            INDArray rows = flatRows.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to),
                    org.nd4j.linalg.indexing.NDArrayIndex.all());
            INDArray x = rows.dup('c').reshape('c', signature.withBatch(to - from)).castTo(DataType.FLOAT);
            chunks.add(sd.output(Map.of(placeholder, x), embedding).get(embedding).castTo(DataType.FLOAT).dup());
        }
        return chunks.size() == 1 ? chunks.get(0) : Nd4j.concat(0, chunks.toArray(new INDArray[0]));
    }
}
