package io.xmodal.metrics.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.train.Metric;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.osgi.service.component.annotations.Component;

/** Mean absolute error over every value of the split, in double precision. Lower is better. */
@Component(service = Metric.class)
public final class MaeMetric implements Metric {
    static final String NAME = "mae";
    private static final ComponentSpec SPEC = Specs.regression(NAME, "mean absolute error over all values (lower is better)");

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
        double[] p = pt[0].values();
        double[] t = pt[1].values();
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            sum += Math.abs(p[i] - t[i]);
        }
        return sum / p.length;
    }
}
