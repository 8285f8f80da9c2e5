package io.xmodal.retrieval.internal;

import io.xmodal.api.train.RetrievalMetric;
import org.osgi.service.component.annotations.Component;

/** Fraction of queries with a relevant item among the first 5 results (higher is better). */
@Component(service = RetrievalMetric.class)
public final class RecallAt5Metric extends RankMetric {
    static final int K = 5;

    public RecallAt5Metric() {
        super("recall@" + K, "retrieval: fraction of queries with a relevant item among the first " + K + " results (higher is better)");
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    double score(Ranking r) {
        return r.recallAt(K);
    }

    /** Per query 1 - C(g-m, k) / C(g, k), averaged. */
    @Override
    public double chance(long[] queryKeys, long[] galleryKeys) {
        int g = galleryKeys.length;
        return meanOver(Ranking.relevantCounts(queryKeys, galleryKeys), m -> 1 - Ranking.noneInFirst(Math.min(K, g), m, g));
    }
}
