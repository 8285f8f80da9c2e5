package io.xmodal.metrics.internal;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Top-k accuracy: a sample counts as right when fewer than k classes score strictly higher than its
 * true class (so ties favour the sample, as torchmetrics' and Keras' top-k do). With k = 1 and no ties
 * this is plain accuracy. NaN scores never rank above anything.
 */
final class TopK {
    private TopK() {
    }

    static double compute(String metric, int k, INDArray predicted, INDArray target) {
        Labels l = Labels.of(metric, predicted, target); // shape and class-index checks
        double[] scores = Samples.of(metric, "predicted", predicted).values();
        int classes = l.classes();
        int right = 0;
        for (int i = 0; i < l.target().length; i++) {
            double own = scores[i * classes + l.target()[i]];
            int above = 0;
            for (int c = 0; c < classes; c++) {
                double v = scores[i * classes + c];
                if (v > own || (Double.isNaN(own) && !Double.isNaN(v))) {
                    above++;
                }
            }
            if (above < k) {
                right++;
            }
        }
        return (double) right / l.target().length;
    }
}
