package io.xmodal.metrics.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.train.Metric;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.osgi.service.component.annotations.Component;

/** Root of the mean squared error over every value of the split (not a mean of per-sample roots). Lower is better. */
@Component(service = Metric.class)
public final class RmseMetric implements Metric {
    static final String NAME = "rmse";
    private static final ComponentSpec SPEC = Specs.regression(NAME, "root mean squared error over all values (lower is better)");

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public boolean higherIsBetter() {
        return false;
    }

    @Override
    public double compute(INDArray predicted, INDArray target) {
        Samples[] pt = Samples.pair(NAME, predicted, target);
        return Math.sqrt(MseMetric.meanSquaredError(pt[0].values(), pt[1].values()));
    }
}
