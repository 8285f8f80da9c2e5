package io.xmodal.metrics.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.train.Metric;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Top-k accuracy: the fraction of samples whose true class is among the k highest-scoring classes.
 * Ties are broken at random, in expectation: with {@code above} classes scoring strictly higher than
 * the true class and {@code tied} others scoring the same, a sample counts
 * clamp((k - above) / (tied + 1), 0, 1). So uniform scores over C classes give k / C (the chance level,
 * not 1), and with k = 1 and no ties this is plain accuracy. A NaN score ranks below every number.
 */
abstract class TopK implements Metric {
    private final int k;
    private final ComponentSpec spec;

    TopK(int k) {
        this.k = k;
        this.spec = Specs.classification("top-" + k,
                "fraction of samples whose true class is among the " + k + " highest-scoring classes (higher is better)");
    }

    @Override
    public ComponentSpec spec() {
        return spec;
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    public double compute(INDArray predicted, INDArray target) {
        return compute(spec.name(), k, predicted, target);
    }

    static double compute(String metric, int k, INDArray predicted, INDArray target) {
        Labels l = Labels.of(metric, predicted, target); // shape and class-index checks
        double[] scores = Samples.of(metric, "predicted", predicted).values();
        int classes = l.classes();
        double right = 0;
        for (int i = 0; i < l.target().length; i++) {
            int t = l.target()[i];
            double own = scores[i * classes + t];
            int above = 0;
            int tied = 0;
            for (int c = 0; c < classes; c++) {
                double v = scores[i * classes + c];
                if (c == t) {
                    continue;
                }
                if (Double.isNaN(own) ? !Double.isNaN(v) : v > own) {
                    above++;
                } else if (Double.isNaN(own) ? Double.isNaN(v) : v == own) {
                    tied++;
                }
            }
            right += Math.max(0, Math.min(1, (double) (k - above) / (tied + 1)));
        }
        return right / l.target().length;
    }
}
