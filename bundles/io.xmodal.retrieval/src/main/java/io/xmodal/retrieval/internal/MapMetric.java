package io.xmodal.retrieval.internal;

import io.xmodal.api.train.RetrievalMetric;
import org.osgi.service.component.annotations.Component;

/** Mean average precision over queries (higher is better; 1 when every relevant item comes first). */
@Component(service = RetrievalMetric.class)
public final class MapMetric extends RankMetric {
    public MapMetric() {
        super("map", "retrieval: mean over queries of average precision (precision at each relevant item's rank, averaged; higher is better)");
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    double score(Ranking r) {
        return r.meanAveragePrecision();
    }

    /**
     * Expected average precision of a random order with m of g items relevant:
     * (1/g) [H_g + (m - 1)/(g - 1) (g - H_g)], H_g the g-th harmonic number (each rank r is relevant
     * with probability m/g, and then holds 1 + (r - 1)(m - 1)/(g - 1) relevant items on average).
     */
    @Override
    public double chance(long[] queryKeys, long[] galleryKeys) {
        int g = galleryKeys.length;
        double h = 0;
        for (int r = 1; r <= g; r++) {
            h += 1.0 / r;
        }
        final double hg = h;
        return meanOver(Ranking.relevantCounts(queryKeys, galleryKeys), m -> g == 1 ? 1 : (hg + (m - 1.0) / (g - 1.0) * (g - hg)) / g);
    }
}
