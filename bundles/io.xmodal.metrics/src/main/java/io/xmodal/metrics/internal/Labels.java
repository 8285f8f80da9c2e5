package io.xmodal.metrics.internal;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Predicted and true class indices of a LABEL split: predicted is [batch, classes] (probabilities or
 * scores, at least two classes), target is [batch] or [batch, 1] holding integral class indices.
 *
 * @param predicted the argmax of each predicted row (lowest index on ties; NaN scores never win, a row of
 *                  NaN only gives -1, which never matches)
 * @param target    the true class of each sample
 * @param classes   the number of classes (columns of predicted)
 */
record Labels(int[] predicted, int[] target, int classes) {

    static Labels of(String metric, INDArray predicted, INDArray target) {
        Objects.requireNonNull(predicted, "predicted");
        Objects.requireNonNull(target, "target");
        long[] ps = predicted.shape();
        long[] ts = target.shape();
        boolean targetOk = ts.length == 1 || (ts.length == 2 && ts[1] == 1);
        if (ps.length != 2 || !targetOk || ps[0] != ts[0]) {
            throw new IllegalArgumentException(metric + ": predicted shape " + Arrays.toString(ps)
                    + " does not match target shape " + Arrays.toString(ts)
                    + " (expected predicted [batch, classes] and target [batch] or [batch, 1])");
        }
        if (ps[1] < 2) {
            throw new IllegalArgumentException(metric + ": predicted shape " + Arrays.toString(ps)
                    + " has fewer than 2 classes; argmax needs one column per class");
        }
        Samples p = Samples.of(metric, "predicted", predicted);
        Samples t = Samples.of(metric, "target", target);
        int classes = p.width();
        int[] pc = new int[p.batch()];
        int[] tc = new int[t.batch()];
        double[] pv = p.values();
        for (int i = 0; i < p.batch(); i++) {
            int best = -1;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                double v = pv[i * classes + c];
                if (v > bestValue || (best < 0 && v == Double.NEGATIVE_INFINITY)) {
                    best = c;
                    bestValue = v;
                }
            }
            pc[i] = best;
            double y = t.values()[i];
            if (y != Math.rint(y) || y < 0 || y >= classes) {
                throw new IllegalArgumentException(metric + ": target of sample " + i + " is " + y
                        + ", not a class index in 0.." + (classes - 1));
            }
            tc[i] = (int) y;
        }
        return new Labels(pc, tc, classes);
    }
}
