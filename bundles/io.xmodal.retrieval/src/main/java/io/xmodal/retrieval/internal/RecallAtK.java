package io.xmodal.retrieval.internal;

/** Fraction of queries with a relevant item among the first {@code k} results (higher is better). */
abstract class RecallAtK extends RankMetric {
    private final int k;

    RecallAtK(int k) {
        super("recall@" + k, "retrieval: fraction of queries with a relevant item among the first " + k + " results (higher is better)");
        this.k = k;
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    double score(Ranking r) {
        return r.recallAt(k);
    }

    /** Per query 1 - C(g-m, k) / C(g, k), averaged. */
    @Override
    public double chance(long[] queryKeys, long[] galleryKeys) {
        int g = galleryKeys.length;
        return meanOver(Ranking.relevantCounts(queryKeys, galleryKeys), m -> 1 - Ranking.noneInFirst(Math.min(k, g), m, g));
    }
}
