package io.xmodal.engine.internal.eval;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/** Counts of (true class, predicted class) pairs, the prediction being the most probable class. */
public final class ConfusionMatrix {
    private ConfusionMatrix() {
    }

    /**
     * @param truth         class indices [n, 1] (or [n])
     * @param probabilities class probabilities [n, classes]
     */
    public static long[][] count(INDArray truth, INDArray probabilities, int classes) {
        long[][] m = new long[classes][classes];
        long n = probabilities.size(0);
        INDArray predicted = probabilities.reshape(n, probabilities.length() / n).argMax(1);
        for (long i = 0; i < n; i++) {
            int t = (int) truth.getDouble(i);
            int p = (int) predicted.getDouble(i);
            if (t >= 0 && t < classes && p >= 0 && p < classes) {
                m[t][p]++;
            }
        }
        return m;
    }

    /** CSV with a header of predicted class names and one row per true class. */
    public static String csv(List<String> classes, long[][] counts) {
        StringBuilder b = new StringBuilder("true/predicted");
        for (String c : classes) {
            b.append(',').append(quote(c));
        }
        b.append('\n');
        for (int r = 0; r < classes.size(); r++) {
            b.append(quote(classes.get(r)));
            for (long v : counts[r]) {
                b.append(',').append(v);
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
