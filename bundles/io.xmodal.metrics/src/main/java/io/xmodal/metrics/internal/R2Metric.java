package io.xmodal.metrics.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.train.Metric;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.osgi.service.component.annotations.Component;

/**
 * Pooled coefficient of determination over the split, in double precision:
 * <pre>
 * R² = 1 - SSE / SST
 * SSE = Σ_i Σ_j (p[i][j] - y[i][j])²
 * SST = Σ_i Σ_j (y[i][j] - m[j])²,   m[j] = (1/n) Σ_i y[i][j]
 * </pre>
 * where {@code i} runs over the {@code n} samples and {@code j} over the positions of a sample flattened
 * in C order (the steps of a series, step and feature of a sequence, pixel of an image, ...).
 * <p>
 * The reference is the <em>per-position</em> mean of the targets being scored, not one grand mean: predicting
 * {@code m[j]} at every position scores exactly 0 and a perfect prediction 1, so a model only scores above 0
 * when it beats the per-step average of this very split (a series with a strong mean shape over its steps
 * gains nothing from reproducing that shape). It is the pooled form: squared errors and deviations are summed
 * over all positions before dividing, so positions with more target variance weigh more (unlike the average
 * of per-position R² values).
 * <p>
 * When SST is 0 (a single sample, or targets identical at every position across samples) R² is undefined and
 * the result is {@link Double#NaN}, also for a perfect prediction. Higher is better.
 */
@Component(service = Metric.class)
public final class R2Metric implements Metric {
    static final String NAME = "r2";
    private static final ComponentSpec SPEC = Specs.regression(NAME,
            "pooled R² = 1 - SSE/SST against the per-position mean of the scored targets; NaN when SST is 0 (higher is better)");

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
        double[] y = pt[1].values();
        int n = pt[1].batch();
        int w = pt[1].width();
        double[] mean = new double[w];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < w; j++) {
                mean[j] += y[i * w + j];
            }
        }
        for (int j = 0; j < w; j++) {
            mean[j] /= n;
        }
        double sse = 0;
        double sst = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < w; j++) {
                int k = i * w + j;
                double e = p[k] - y[k];
                double d = y[k] - mean[j];
                sse += e * e;
                sst += d * d;
            }
        }
        return sst == 0 ? Double.NaN : 1 - sse / sst;
    }
}
