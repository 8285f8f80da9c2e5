package io.xmodal.retrieval.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Role;
import io.xmodal.api.train.RetrievalMetric;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Shared parts of the retrieval metrics of this bundle: the spec and the ranking. */
abstract class RankMetric implements RetrievalMetric {
    private final ComponentSpec spec;

    RankMetric(String name, String doc) {
        this.spec = ComponentSpec.of(Role.METRIC, name).doc(doc).build();
    }

    @Override
    public final ComponentSpec spec() {
        return spec;
    }

    @Override
    public final double compute(INDArray queries, INDArray gallery, long[] queryKeys, long[] galleryKeys) {
        return score(Ranking.of(queries, gallery, queryKeys, galleryKeys));
    }

    abstract double score(Ranking r);

    static double meanOver(int[] relevant, java.util.function.IntToDoubleFunction perQuery) {
        if (relevant.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (int m : relevant) {
            s += perQuery.applyAsDouble(m);
        }
        return s / relevant.length;
    }
}
