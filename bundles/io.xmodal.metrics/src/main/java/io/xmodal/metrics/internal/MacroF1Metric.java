package io.xmodal.metrics.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.train.Metric;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.osgi.service.component.annotations.Component;

/**
 * Macro-averaged F1 of argmax predictions: the unweighted mean over classes of
 * {@code F1 = 2·TP / (2·TP + FP + FN)}. The mean runs over the classes that occur in the target or in the
 * predictions of this split (as scikit-learn does by default); a class that occurs in neither has no F1 and
 * is left out rather than counted as 0 or 1. Input as for {@code accuracy}. Higher is better.
 */
@Component(service = Metric.class)
public final class MacroF1Metric implements Metric {
    static final String NAME = "macro-f1";
    private static final ComponentSpec SPEC = Specs.classification(NAME,
            "unweighted mean of per-class F1 over classes present in target or prediction (higher is better)");

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    public double compute(INDArray predicted, INDArray target) {
        Labels l = Labels.of(NAME, predicted, target);
        long[] tp = new long[l.classes()];
        long[] fp = new long[l.classes()];
        long[] fn = new long[l.classes()];
        for (int i = 0; i < l.target().length; i++) {
            int p = l.predicted()[i];
            int t = l.target()[i];
            if (p == t) {
                tp[t]++;
            } else {
                fn[t]++;
                if (p >= 0) {
                    fp[p]++;
                }
            }
        }
        double sum = 0;
        int present = 0;
        for (int c = 0; c < l.classes(); c++) {
            long denominator = 2 * tp[c] + fp[c] + fn[c];
            if (denominator > 0) {
                sum += 2.0 * tp[c] / denominator;
                present++;
            }
        }
        return sum / present; // present >= 1: every sample has a target class
    }
}
