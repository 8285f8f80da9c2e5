package io.xmodal.retrieval.internal;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ranks of the relevant gallery items of every query. The gallery is ordered by cosine
 * similarity (dot product of L2-normalised rows), highest first; equal scores are broken by gallery
 * position, lower first, so results are deterministic. An item is relevant when its key equals the
 * query's. Queries with no relevant item in the gallery are left out (they have no rank).
 */
final class Ranking {
    /** Per query (those with at least one relevant item): the 1-based ranks of its relevant items, ascending. */
    private final List<int[]> ranks;
    private final int gallery;

    private Ranking(List<int[]> ranks, int gallery) {
        this.ranks = ranks;
        this.gallery = gallery;
    }

    static Ranking of(INDArray queries, INDArray gallery, long[] queryKeys, long[] galleryKeys) {
        if (queries.rank() != 2 || gallery.rank() != 2 || queries.columns() != gallery.columns()) {
            throw new IllegalArgumentException("queries " + Arrays.toString(queries.shape()) + " and gallery " + Arrays.toString(gallery.shape())
                    + " must be [n, dim] with the same dim");
        }
        if (queryKeys.length != queries.rows() || galleryKeys.length != gallery.rows()) {
            throw new IllegalArgumentException(queryKeys.length + " query keys for " + queries.rows() + " queries, "
                    + galleryKeys.length + " gallery keys for " + gallery.rows() + " items");
        }
        int g = (int) gallery.rows();
        float[][] sims = queries.castTo(DataType.FLOAT).mmul(gallery.castTo(DataType.FLOAT).transpose()).toFloatMatrix();
        List<int[]> ranks = new ArrayList<>(sims.length);
        Integer[] order = new Integer[g];
        for (int q = 0; q < sims.length; q++) {
            float[] s = sims[q];
            for (int j = 0; j < g; j++) {
                order[j] = j;
            }
            Arrays.sort(order, (x, y) -> s[x] != s[y] ? Float.compare(s[y], s[x]) : Integer.compare(x, y));
            int[] r = new int[g];
            int m = 0;
            for (int pos = 0; pos < g; pos++) {
                if (galleryKeys[order[pos]] == queryKeys[q]) {
                    r[m++] = pos + 1;
                }
            }
            if (m > 0) {
                ranks.add(Arrays.copyOf(r, m));
            }
        }
        return new Ranking(ranks, g);
    }

    /** Queries that have a rank (at least one relevant item). */
    int queries() {
        return ranks.size();
    }

    /** Fraction of queries with a relevant item among the first k. */
    double recallAt(int k) {
        return mean(r -> r[0] <= k ? 1 : 0);
    }

    /** Mean over queries of the rank of the first relevant item. */
    double meanRank() {
        return mean(r -> r[0]);
    }

    /** Median over queries of the rank of the first relevant item (mean of the middle two for an even count). */
    double medianRank() {
        if (ranks.isEmpty()) {
            return Double.NaN;
        }
        int[] first = ranks.stream().mapToInt(r -> r[0]).sorted().toArray();
        int n = first.length;
        return n % 2 == 1 ? first[n / 2] : (first[n / 2 - 1] + first[n / 2]) / 2.0;
    }

    /** Mean over queries of average precision: the mean, over relevant items, of precision at their rank. */
    double meanAveragePrecision() {
        return mean(r -> {
            double sum = 0;
            for (int i = 0; i < r.length; i++) {
                sum += (i + 1.0) / r[i];
            }
            return sum / r.length;
        });
    }

    int gallery() {
        return gallery;
    }

    private double mean(java.util.function.ToDoubleFunction<int[]> f) {
        if (ranks.isEmpty()) {
            return Double.NaN;
        }
        double s = 0;
        for (int[] r : ranks) {
            s += f.applyAsDouble(r);
        }
        return s / ranks.size();
    }

    /** How many gallery items share each query's key: the relevant counts, for the chance formulas. */
    static int[] relevantCounts(long[] queryKeys, long[] galleryKeys) {
        Map<Long, Integer> count = new HashMap<>();
        for (long k : galleryKeys) {
            count.merge(k, 1, Integer::sum);
        }
        return Arrays.stream(queryKeys).mapToInt(k -> count.getOrDefault(k, 0)).filter(m -> m > 0).toArray();
    }

    /** P(no relevant item among the first r) when m of g items are relevant and the order is random. */
    static double noneInFirst(int r, int m, int g) {
        if (r > g - m) {
            return 0;
        }
        double p = 1;
        for (int i = 0; i < r; i++) {
            p *= (double) (g - m - i) / (g - i);
        }
        return p;
    }
}
