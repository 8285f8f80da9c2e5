package io.xmodal.engine.internal.retrieval;

import io.xmodal.api.runtime.BenchResult;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Times exact search in an {@link EmbeddingIndex} of 100,000 random unit vectors of 64 values: the
 * index's search (one ND4J gemv and a bounded heap for the top 10) beside the plain reference (a dot
 * product per item in a Java loop and a full sort), on the same queries; one step is one query. Both
 * must return the same items, else the benchmark fails.
 */
public final class IndexBench {
    public static final String NAME = "retrieval-index";
    public static final String PLAIN = "retrieval-index-plain";
    static final int ITEMS = 100_000;
    static final int DIM = 64;
    static final int K = 10;

    private IndexBench() {
    }

    public static List<BenchResult> run(int warmup, int steps, Consumer<String> progress) {
        Random r = new Random(42);
        float[] v = new float[ITEMS * DIM];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        INDArray m = Nd4j.create(v, new long[] {ITEMS, DIM}, 'c');
        m.diviColumnVector(m.norm2(1).reshape(ITEMS, 1));
        List<String> ids = new ArrayList<>(ITEMS);
        List<String> empty = new ArrayList<>(ITEMS);
        for (int i = 0; i < ITEMS; i++) {
            ids.add("item-" + i);
            empty.add("");
        }
        EmbeddingIndex index = new EmbeddingIndex("bench", m, ids, empty, empty);
        int n = warmup + steps;
        INDArray[] queries = new INDArray[n];
        for (int q = 0; q < n; q++) {
            queries[q] = index.vectors().getRow(r.nextInt(ITEMS)).add(Nd4j.randn(DataType.FLOAT, DIM).muli(0.3f));
        }
        double[] fast = new double[steps];
        double[] plain = new double[steps];
        for (int q = 0; q < n; q++) {
            float[] qv = queries[q].toFloatVector();
            long t0 = System.nanoTime();
            List<EmbeddingIndex.Hit> a = index.search(queries[q], K);
            long t1 = System.nanoTime();
            List<EmbeddingIndex.Hit> b = index.searchPlain(qv, K);
            long t2 = System.nanoTime();
            for (int i = 0; i < K; i++) {
                if (a.get(i).row() != b.get(i).row() && Math.abs(a.get(i).score() - b.get(i).score()) > 1e-4) {
                    throw new IllegalStateException("index search and the plain reference disagree at rank " + (i + 1) + " of query " + q
                            + ": " + a.get(i) + " against " + b.get(i));
                }
            }
            if (q >= warmup) {
                fast[q - warmup] = (t1 - t0) / 1e6;
                plain[q - warmup] = (t2 - t1) / 1e6;
            }
        }
        BenchResult f = result(NAME, "exact top-10 search over 100,000 unit vectors of 64 floats: ND4J gemv + bounded heap; one step is one query", fast);
        BenchResult p = result(PLAIN, "the plain reference on the same queries: a Java dot-product loop per item + a full sort", plain);
        for (BenchResult b : List.of(f, p)) {
            progress.accept(String.format(Locale.ROOT, "xmodal %s items=%d dim=%d ms_per_query=%.2f (min %.2f) queries_per_s=%.0f",
                    b.model(), ITEMS, DIM, b.msMedian(), b.msMin(), b.samplesPerSecond()));
        }
        return List.of(f, p);
    }

    private static BenchResult result(String name, String description, double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        return new BenchResult(name, description, 1, (long) ITEMS * DIM, ms.length, median, sorted[0]);
    }
}
