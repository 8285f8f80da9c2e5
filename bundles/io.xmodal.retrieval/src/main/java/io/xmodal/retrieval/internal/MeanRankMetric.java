package io.xmodal.retrieval.internal;

import io.xmodal.api.train.RetrievalMetric;
import org.osgi.service.component.annotations.Component;

/** Mean over queries of the rank of the first relevant item (1 is best; lower is better). */
@Component(service = RetrievalMetric.class)
public final class MeanRankMetric extends RankMetric {
    public MeanRankMetric() {
        super("mean-rank", "retrieval: mean over queries of the rank of the first relevant item (1 is best; lower is better)");
    }

    @Override
    public boolean higherIsBetter() {
        return false;
    }

    @Override
    double score(Ranking r) {
        return r.meanRank();
    }

    /** With m of g items relevant, the first relevant rank of a random order has mean (g + 1) / (m + 1). */
    @Override
    public double chance(long[] queryKeys, long[] galleryKeys) {
        int g = galleryKeys.length;
        return meanOver(Ranking.relevantCounts(queryKeys, galleryKeys), m -> (g + 1.0) / (m + 1.0));
    }
}
