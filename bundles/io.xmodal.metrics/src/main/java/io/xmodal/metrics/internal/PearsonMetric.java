package io.xmodal.metrics.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.train.Metric;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.osgi.service.component.annotations.Component;

/**
 * Pearson correlation between all predicted and all target values of the split, pooled (both flattened into
 * one vector each), in double precision. {@link Double#NaN} when either side is constant. Higher is better.
 */
@Component(service = Metric.class)
public final class PearsonMetric implements Metric {
    static final String NAME = "pearson";
    private static final ComponentSpec SPEC = Specs.regression(NAME,
            "Pearson correlation of all predicted and target values pooled; NaN when either is constant (higher is better)");

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
        Samples[] pt = Samples.pair(NAME, predicted, target);
        double[] p = pt[0].values();
        double[] t = pt[1].values();
        int n = p.length;
        double mp = 0;
        double mt = 0;
        for (int i = 0; i < n; i++) {
            mp += p[i];
            mt += t[i];
        }
        mp /= n;
        mt /= n;
        double spt = 0;
        double spp = 0;
        double stt = 0;
        for (int i = 0; i < n; i++) {
            double dp = p[i] - mp;
            double dt = t[i] - mt;
            spt += dp * dt;
            spp += dp * dp;
            stt += dt * dt;
        }
        if (spp == 0 || stt == 0) {
            return Double.NaN;
        }
        double r = spt / Math.sqrt(spp * stt);
        return Math.max(-1, Math.min(1, r)); // rounding can stray just past ±1; NaN stays NaN
    }
}
