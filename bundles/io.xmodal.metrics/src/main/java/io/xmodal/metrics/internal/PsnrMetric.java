package io.xmodal.metrics.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.train.Metric;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.osgi.service.component.annotations.Component;

/**
 * Peak signal-to-noise ratio in decibels for pixels in [0, 1] (peak 1): {@code 10 log10(1 / MSE)} of each
 * frame, averaged over all frames of all samples (the usual video-prediction convention). A frame's MSE is
 * floored at 1e-10, so a perfect frame counts as 100 dB instead of infinity. Higher is better.
 */
@Component(service = Metric.class)
public final class PsnrMetric implements Metric {
    static final String NAME = "psnr";
    /** The smallest MSE a frame counts with: 100 dB. */
    static final double MSE_FLOOR = 1e-10;
    private static final ComponentSpec SPEC = Specs.frames(NAME,
            "peak signal-to-noise ratio in dB (peak 1) of each frame, averaged over frames and samples (higher is better)");

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
        Frames f = Frames.of(NAME, predicted, target);
        double sum = 0;
        for (int i = 0; i < f.frames(); i++) {
            double mse = Math.max(MSE_FLOOR, f.sse(i) / f.frameSize());
            sum += -10 * Math.log10(mse);
        }
        return sum / f.frames();
    }
}
