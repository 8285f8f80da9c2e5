package io.xmodal.metrics.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.train.Metric;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.osgi.service.component.annotations.Component;

/** Mean squared error over every value of the split, in double precision. Lower is better. */
@Component(service = Metric.class)
public final class MseMetric implements Metric {
    static final String NAME = "mse";
    private static final ComponentSpec SPEC = Specs.regression(NAME, "mean squared error over all values (lower is better)");

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
        return meanSquaredError(pt[0].values(), pt[1].values());
    }

    static double meanSquaredError(double[] p, double[] t) {
        double sse = 0;
        for (int i = 0; i < p.length; i++) {
            double e = p[i] - t[i];
            sse += e * e;
        }
        return sse / p.length;
    }
}
