package io.xmodal.metrics.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.train.Metric;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.osgi.service.component.annotations.Component;

/**
 * Per-frame summed squared error: the squared errors of one frame's pixels are summed, and the sums
 * averaged over all frames of all samples. With pixels in [0, 1] this is the figure Moving MNIST papers
 * report as "MSE per frame" (e.g. 64 x 64 frames: a blank prediction of two digits scores a few hundred).
 * Lower is better.
 */
@Component(service = Metric.class)
public final class FrameSseMetric implements Metric {
    static final String NAME = "frame-sse";
    private static final ComponentSpec SPEC = Specs.frames(NAME,
            "summed squared error of each frame, averaged over frames and samples (the Moving MNIST convention; lower is better)");

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
        Frames f = Frames.of(NAME, predicted, target);
        double sum = 0;
        for (int i = 0; i < f.frames(); i++) {
            sum += f.sse(i);
        }
        return sum / f.frames();
    }
}
