package io.xmodal.metrics.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.train.Metric;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.osgi.service.component.annotations.Component;

/**
 * Fraction of samples whose argmax over predicted [batch, classes] equals the class index in target
 * [batch] or [batch, 1]. Ties go to the lowest class index. Higher is better.
 */
@Component(service = Metric.class)
public final class AccuracyMetric implements Metric {
    static final String NAME = "accuracy";
    private static final ComponentSpec SPEC = Specs.classification(NAME,
            "fraction of samples whose argmax class equals the target class (higher is better)");

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
        int correct = 0;
        for (int i = 0; i < l.target().length; i++) {
            if (l.predicted()[i] == l.target()[i]) {
                correct++;
            }
        }
        return (double) correct / l.target().length;
    }
}
