package io.xmodal.metrics.internal;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Predicted and target pictures in double precision, cut into frames: a FRAMES batch
 * [batch, time, channels, height, width] has {@code batch x time} frames, an IMAGE batch
 * [batch, channels, height, width] one frame per sample. Frame {@code f} of either array starts at
 * {@code f * channels * height * width}.
 *
 * @param predicted the predicted values, C order
 * @param target    the target values, C order
 * @param frames    number of frames (over all samples)
 */
record Frames(double[] predicted, double[] target, int frames, int channels, int height, int width) {

    /** The frames of {@code predicted} and {@code target}, which must have the same shape. */
    static Frames of(String metric, INDArray predicted, INDArray target) {
        long[] shape = target.shape();
        if (!Arrays.equals(predicted.shape(), shape)) {
            throw new IllegalArgumentException(metric + ": predicted shape " + Arrays.toString(predicted.shape())
                    + " does not match target shape " + Arrays.toString(shape));
        }
        if (shape.length != 4 && shape.length != 5) {
            throw new IllegalArgumentException(metric + ": needs frames [batch, time, channels, height, width] or images "
                    + "[batch, channels, height, width], got shape " + Arrays.toString(shape));
        }
        Samples[] pt = Samples.pair(metric, predicted, target);
        int r = shape.length;
        int frames = (int) (r == 5 ? shape[0] * shape[1] : shape[0]);
        return new Frames(pt[0].values(), pt[1].values(), frames, (int) shape[r - 3], (int) shape[r - 2], (int) shape[r - 1]);
    }

    /** Values per frame. */
    int frameSize() {
        return channels * height * width;
    }

    /** The summed squared error of frame {@code f}. */
    double sse(int f) {
        int n = frameSize();
        double s = 0;
        for (int i = f * n; i < (f + 1) * n; i++) {
            double d = predicted[i] - target[i];
            s += d * d;
        }
        return s;
    }
}
