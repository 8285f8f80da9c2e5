package io.xmodal.retrieval.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.xmodal.api.train.RetrievalMetric;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RetrievalMetricsTest {
    // gallery g0 (1,0), g1 (0.6,0.8), g2 (0,1), g3 (-1,0)
    private static final INDArray GALLERY = Nd4j.create(new float[][] {{1, 0}, {0.6f, 0.8f}, {0, 1}, {-1, 0}});
    // q0 (1,0): similarities 1, 0.6, 0, -1 -> order g0 g1 g2 g3
    // q1 (0,1): similarities 0, 0.8, 1, 0  -> order g2 g1 g0 g3 (g0 and g3 tie at 0: lower position first)
    // q2 (1,0) with a key no gallery item has: left out
    private static final INDArray QUERIES = Nd4j.create(new float[][] {{1, 0}, {0, 1}, {1, 0}});
    private static final long[] QUERY_KEYS = {1, 0, 7};
    private static final long[] GALLERY_KEYS = {0, 1, 0, 1};

    private static double score(RetrievalMetric m) {
        return m.compute(QUERIES, GALLERY, QUERY_KEYS, GALLERY_KEYS);
    }

    @Test
    void handWorkedExample() {
        // q0 (key 1): relevant g1, g3 at ranks 2 and 4; q1 (key 0): relevant g2, g0 at ranks 1 and 3
        assertEquals(0.5, score(new RecallAt1Metric()), 1e-12);      // only q1 has a relevant item first
        assertEquals(1.0, score(new RecallAt5Metric()), 1e-12);
        assertEquals(1.0, score(new RecallAt10Metric()), 1e-12);    // k beyond the gallery
        assertEquals(1.5, score(new MeanRankMetric()), 1e-12);      // (2 + 1) / 2
        assertEquals(1.5, score(new MedianRankMetric()), 1e-12);    // middle of 1 and 2
        // AP q0 = (1/2 + 2/4) / 2 = 0.5; AP q1 = (1/1 + 2/3) / 2 = 5/6
        assertEquals((0.5 + 5.0 / 6) / 2, score(new MapMetric()), 1e-12);
    }

    @Test
    void instanceLevelPerfectAndReversedRankings() {
        INDArray e = Nd4j.create(new float[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
        long[] keys = {0, 1, 2};
        assertEquals(1.0, new RecallAt1Metric().compute(e, e, keys, keys), 1e-12);
        assertEquals(1.0, new MapMetric().compute(e, e, keys, keys), 1e-12);
        assertEquals(1.0, new MedianRankMetric().compute(e, e, keys, keys), 1e-12);
        INDArray neg = e.neg();
        // against the negated gallery each query's pair scores -1, the others 0: the pair ranks last (3)
        assertEquals(0.0, new RecallAt1Metric().compute(e, neg, keys, keys), 1e-12);
        assertEquals(3.0, new MeanRankMetric().compute(e, neg, keys, keys), 1e-12);
        assertEquals(1.0 / 3, new MapMetric().compute(e, neg, keys, keys), 1e-12);
    }

    @Test
    void medianOfAnOddCountIsTheMiddleRank() {
        INDArray g = Nd4j.create(new float[][] {{1, 0}, {0, 1}, {-1, 0}});
        INDArray q = Nd4j.create(new float[][] {{1, 0}, {1, 0}, {1, 0}});
        // ranks of the relevant items: g0 -> 1, g1 -> 2, g2 -> 3
        assertEquals(2.0, new MedianRankMetric().compute(q, g, new long[] {0, 1, 2}, new long[] {0, 1, 2}), 1e-12);
    }

    @Test
    void chanceFormulasMatchEveryOrderOfASmallGallery() {
        // a gallery of 5 with keys 0 0 1 2 2: queries of key 0 and 2 have 2 relevant items, key 1 has 1
        long[] gallery = {0, 0, 1, 2, 2};
        long[] queries = {0, 1, 2};
        List<int[]> orders = permutations(5);
        RetrievalMetric[] metrics = {new RecallAt1Metric(), new RecallAt5Metric(), new MeanRankMetric(), new MapMetric()};
        for (RetrievalMetric m : metrics) {
            double sum = 0;
            for (int[] order : orders) {
                sum += m.compute(identity(3), galleryFor(order, gallery, queries), queries, gallery);
            }
            assertEquals(sum / orders.size(), m.chance(queries, gallery), 1e-9, m.spec().name());
        }
        // recall@1 by hand: (2/5 + 1/5 + 2/5) / 3
        assertEquals((0.4 + 0.2 + 0.4) / 3, new RecallAt1Metric().chance(queries, gallery), 1e-12);
        // mean rank by hand: (6/3 + 6/2 + 6/3) / 3
        assertEquals((2 + 3 + 2) / 3.0, new MeanRankMetric().chance(queries, gallery), 1e-12);
    }

    @Test
    void chanceMedianRankOfOneRelevantItemIsTheMiddleOfTheGallery() {
        long[] keys = new long[1000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = i;
        }
        assertEquals(500.5, new MedianRankMetric().chance(keys, keys), 1e-9);
        assertEquals(0.001, new RecallAt1Metric().chance(keys, keys), 1e-12);
        assertEquals(0.010, new RecallAt10Metric().chance(keys, keys), 1e-12);
        assertEquals(500.5, new MeanRankMetric().chance(keys, keys), 1e-9);
        // g = 4, m = 2: P(first relevant at 1) = 1/2 exactly, so the median is halfway between 1 and 2
        assertEquals(1.5, new MedianRankMetric().chance(new long[] {0}, new long[] {0, 0, 1, 1}), 1e-12);
    }

    @Test
    void mismatchedShapesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RecallAt1Metric().compute(QUERIES, GALLERY, new long[] {1}, GALLERY_KEYS));
        assertEquals("1 query keys for 3 queries, 4 gallery keys for 4 items", e.getMessage());
    }

    /** Query i is the unit vector e_i; the gallery item at position p gets a score that ranks it order[p]-th for every query. */
    private static INDArray galleryFor(int[] order, long[] keys, long[] queries) {
        // every query sees the same order: item p scores (n - rank) on each query's axis
        int n = order.length;
        INDArray g = Nd4j.zeros(DataType.FLOAT, n, queries.length);
        for (int p = 0; p < n; p++) {
            for (int q = 0; q < queries.length; q++) {
                g.putScalar(p, q, n - order[p]);
            }
        }
        return g;
    }

    private static INDArray identity(int n) {
        return Nd4j.eye(n).castTo(DataType.FLOAT);
    }

    private static List<int[]> permutations(int n) {
        List<int[]> out = new ArrayList<>();
        permute(new int[n], new boolean[n], 0, out);
        return out;
    }

    private static void permute(int[] cur, boolean[] used, int at, List<int[]> out) {
        if (at == cur.length) {
            out.add(cur.clone());
            return;
        }
        for (int v = 0; v < cur.length; v++) {
            if (!used[v]) {
                used[v] = true;
                cur[at] = v;
                permute(cur, used, at + 1, out);
                used[v] = false;
            }
        }
    }
}
