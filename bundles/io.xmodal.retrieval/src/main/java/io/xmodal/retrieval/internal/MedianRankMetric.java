package io.xmodal.retrieval.internal;

import io.xmodal.api.train.RetrievalMetric;
import org.osgi.service.component.annotations.Component;

/** Median over queries of the rank of the first relevant item (1 is best; lower is better). */
@Component(service = RetrievalMetric.class)
public final class MedianRankMetric extends RankMetric {
    public MedianRankMetric() {
        super("median-rank", "retrieval: median over queries of the rank of the first relevant item (1 is best; lower is better)");
    }

    @Override
    public boolean higherIsBetter() {
        return false;
    }

    @Override
    double score(Ranking r) {
        return r.medianRank();
    }

    /**
     * The median of the first relevant rank under a random order, pooled over the queries: the
     * smallest r whose cumulative probability reaches 1/2 (halfway to r + 1 when it is exactly 1/2,
     * as the median of an even count is).
     */
    @Override
    public double chance(long[] queryKeys, long[] galleryKeys) {
        int g = galleryKeys.length;
        int[] relevant = Ranking.relevantCounts(queryKeys, galleryKeys);
        if (relevant.length == 0) {
            return Double.NaN;
        }
        for (int r = 1; r <= g; r++) {
            final int rr = r;
            double cdf = 1 - meanOver(relevant, m -> Ranking.noneInFirst(rr, m, g));
            if (Math.abs(cdf - 0.5) < 1e-12) {
                return r + 0.5;
            }
            if (cdf > 0.5) {
                return r;
            }
        }
        return g;
    }
}
