package io.xmodal.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xmodal.api.train.Metric;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class FrameMetricsTest {
    private final Metric sse = new FrameSseMetric();
    private final Metric psnr = new PsnrMetric();
    private final Metric ssim = new SsimMetric();

    /** [batch, time, 1, h, w] filled by {@code f(sample, frame, row, column)}. */
    private interface Pixel {
        double at(int b, int t, int r, int c);
    }

    private static INDArray frames(int batch, int time, int h, int w, Pixel f) {
        double[] v = new double[batch * time * h * w];
        int i = 0;
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < time; t++) {
                for (int r = 0; r < h; r++) {
                    for (int c = 0; c < w; c++) {
                        v[i++] = f.at(b, t, r, c);
                    }
                }
            }
        }
        return Nd4j.create(v, new long[] {batch, time, 1, h, w}, DataType.DOUBLE);
    }

    @Test
    void frameSseSumsOverAFrameAndAveragesOverFrames() {
        // 2 samples x 2 frames of 2 x 3; the errors: frame (0,0) all 0.5 -> 6 * 0.25 = 1.5; (0,1) one pixel 1 -> 1;
        // (1,0) none -> 0; (1,1) all 0.1 -> 6 * 0.01 = 0.06; mean (1.5 + 1 + 0 + 0.06) / 4 = 0.64
        INDArray t = frames(2, 2, 2, 3, (b, f, r, c) -> 0.2);
        INDArray p = frames(2, 2, 2, 3, (b, f, r, c) -> b == 0 && f == 0 ? 0.7 : b == 0 && f == 1 ? (r == 1 && c == 2 ? 1.2 : 0.2)
                : b == 1 && f == 1 ? 0.3 : 0.2);
        assertEquals(0.64, sse.compute(p, t), 1e-12);
        // Moving MNIST scale: an all-black prediction of a 64 x 64 frame with 200 pixels of 1 scores 200
        INDArray digits = frames(1, 1, 64, 64, (b, f, r, c) -> r < 10 && c < 20 ? 1 : 0);
        assertEquals(200, sse.compute(Nd4j.zeros(DataType.DOUBLE, 1, 1, 1, 64, 64), digits), 1e-12);
        // an IMAGE batch [batch, c, h, w] is one frame a sample
        assertEquals(3 * 0.25, sse.compute(Nd4j.valueArrayOf(new long[] {2, 1, 1, 3}, 0.5), Nd4j.zeros(DataType.DOUBLE, 2, 1, 1, 3)), 1e-12);
    }

    @Test
    void psnrIsTheMeanOfPerFrameDecibels() {
        // frame 0: MSE 0.01 -> 20 dB; frame 1: MSE 0.0001 -> 40 dB; mean 30 (not 10 log10(1 / 0.00505) = 22.97)
        INDArray t = frames(1, 2, 4, 4, (b, f, r, c) -> 0.5);
        INDArray p = frames(1, 2, 4, 4, (b, f, r, c) -> f == 0 ? 0.6 : 0.51);
        assertEquals(30, psnr.compute(p, t), 1e-9);
        assertEquals(100, psnr.compute(t, t), 1e-9, "a perfect frame counts 100 dB");
    }

    @Test
    void ssimOfIdenticalAndOfConstantFramesByHand() {
        INDArray x = frames(2, 3, 16, 16, (b, f, r, c) -> ((r * 7 + c * 3 + b + f) % 16) / 15.0);
        assertEquals(1, ssim.compute(x, x), 1e-12);
        // constant frames a and b: no variance, so SSIM = (2ab + C1) / (a² + b² + C1) everywhere
        INDArray a = frames(1, 1, 12, 12, (b, f, r, c) -> 0.2);
        INDArray bb = frames(1, 1, 12, 12, (b, f, r, c) -> 0.6);
        assertEquals((2 * 0.2 * 0.6 + 1e-4) / (0.04 + 0.36 + 1e-4), ssim.compute(a, bb), 1e-12);
    }

    @Test
    void ssimMatchesTheReferenceAlgorithm() {
        // reference: Wang et al.'s algorithm in numpy/scipy (correlate2d 'valid' with the 11x11 Gaussian, sigma 1.5),
        // src/test/resources/ssim_reference.py; the values it prints for these frames:
        double xy = 0.9684761685494238;
        double flipped = -0.1289972501854827;
        INDArray x = frames(1, 1, 16, 20, (b, f, r, c) -> ((r * 7 + c * 3) % 16) / 15.0);
        INDArray y = frames(1, 1, 16, 20, (b, f, r, c) -> 0.8 * ((r * 7 + c * 3) % 16) / 15.0 + 0.1 + 0.05 * Math.sin(r * 0.9 + c * 0.4));
        INDArray z = frames(1, 1, 16, 20, (b, f, r, c) -> ((((15 - r) * 7 + c * 3) % 16) / 15.0));
        assertEquals(xy, ssim.compute(y, x), 1e-12);
        assertEquals(xy, ssim.compute(x, y), 1e-12, "symmetric");
        assertEquals(flipped, ssim.compute(z, x), 1e-12);
        // two frames average their scores
        INDArray two = Nd4j.concat(1, y, z);
        INDArray ref = Nd4j.concat(1, x, x);
        assertEquals((xy + flipped) / 2, ssim.compute(two, ref), 1e-12);
        // float input gives the same score to float precision
        assertEquals(xy, ssim.compute(y.castTo(DataType.FLOAT), x.castTo(DataType.FLOAT)), 1e-6);
    }

    @Test
    void smallFramesUseASmallerWindowAndShapesAreChecked() {
        INDArray a = frames(1, 1, 5, 7, (b, f, r, c) -> (r + c) / 12.0);
        INDArray b = frames(1, 1, 5, 7, (b2, f, r, c) -> (r * c) / 24.0);
        double s = ssim.compute(a, b);
        assertTrue(s > -1 && s < 1, "ssim " + s);
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> ssim.compute(Nd4j.zeros(3, 4), Nd4j.zeros(3, 4)));
        assertTrue(rank.getMessage().contains("needs frames [batch, time, channels, height, width]"), rank.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> sse.compute(Nd4j.zeros(1, 2, 1, 4, 4), Nd4j.zeros(1, 1, 1, 4, 4)));
        assertTrue(shape.getMessage().contains("does not match"), shape.getMessage());
    }
}
