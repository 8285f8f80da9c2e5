package io.xmodal.engine.internal.eval;

import io.xmodal.api.Modality;
import io.xmodal.api.Signature;
import io.xmodal.api.train.Metric;
import io.xmodal.metrics.internal.FrameSseMetric;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VideoBaselinesTest {
    // 2 samples of 3 input frames and 2 target frames, 1 x 2 x 2 pixels
    private static final Signature IN = Signature.of(Modality.FRAMES, 3, 1, 2, 2);
    private static final Signature OUT = Signature.of(Modality.FRAMES, 2, 1, 2, 2);

    /** Input frame t of sample i: every pixel p is 0.1 (t + 1) + 0.01 p + 0.5 i. */
    private static INDArray inputs() {
        float[] x = new float[2 * 3 * 4];
        for (int i = 0; i < 2; i++) {
            for (int t = 0; t < 3; t++) {
                for (int p = 0; p < 4; p++) {
                    x[(i * 3 + t) * 4 + p] = 0.1f * (t + 1) + 0.01f * p + 0.5f * i;
                }
            }
        }
        return Nd4j.create(x, new long[] {2, 12}, 'c');
    }

    @Test
    void zerosCopyLastAndMeanOfInputsHoldTheFramesByHand() {
        INDArray train = Nd4j.rand(DataType.FLOAT, 5, 8);
        Map<String, INDArray> b = Baselines.predict(IN, OUT, train, inputs(), 2, 1);
        assertEquals(List.of("mean", "zeros", "copy-last", "mean-of-inputs"), List.copyOf(b.keySet()));
        for (INDArray a : b.values()) {
            assertArrayEquals(new long[] {2, 2, 1, 2, 2}, a.shape());
        }
        assertEquals(0, b.get("zeros").sumNumber().doubleValue());
        for (int i = 0; i < 2; i++) {
            for (int t = 0; t < 2; t++) {
                for (int p = 0; p < 4; p++) {
                    // copy-last: the third input frame; mean-of-inputs: the mean of 0.1, 0.2, 0.3 = 0.2
                    assertEquals(0.3 + 0.01 * p + 0.5 * i, b.get("copy-last").getDouble(i, t, 0, p / 2, p % 2), 1e-6);
                    assertEquals(0.2 + 0.01 * p + 0.5 * i, b.get("mean-of-inputs").getDouble(i, t, 0, p / 2, p % 2), 1e-6);
                }
            }
        }
    }

    @Test
    void theBaselinesAreScoredLikeTheModel() {
        // truth: both target frames of both samples equal the last input frame + 0.1 everywhere
        INDArray truth = Baselines.predict(IN, OUT, Nd4j.zeros(DataType.FLOAT, 1, 8), inputs(), 2, 1).get("copy-last").add(0.1);
        Map<String, Metric> metrics = new LinkedHashMap<>();
        metrics.put("frame-sse", new FrameSseMetric());
        Map<String, Map<String, Double>> s = Scores.baselines(metrics, IN, OUT, Nd4j.zeros(DataType.FLOAT, 1, 8), inputs(), truth, 1);
        // copy-last misses by 0.1 on 4 pixels: 4 x 0.01 = 0.04 a frame
        assertEquals(0.04, s.get("copy-last").get("frame-sse"), 1e-6);
        // mean-of-inputs misses by 0.2: 4 x 0.04
        assertEquals(0.16, s.get("mean-of-inputs").get("frame-sse"), 1e-6);
        // zeros: sample 0 frames are 0.4 + 0.01 p, sample 1 0.9 + 0.01 p
        double z = 0;
        for (int p = 0; p < 4; p++) {
            z += Math.pow(0.4 + 0.01 * p, 2) + Math.pow(0.9 + 0.01 * p, 2);
        }
        assertEquals(z / 2, s.get("zeros").get("frame-sse"), 1e-5);
        assertTrue(s.containsKey("mean"));
    }

    @Test
    void noVideoBaselinesUnlessFramesArePredictedFromFramesOfTheSameShape() {
        INDArray train = Nd4j.rand(DataType.FLOAT, 5, 8);
        assertEquals(List.of("mean"), List.copyOf(Baselines.predict(OUT, train, 2, 1).keySet()));
        Signature other = Signature.of(Modality.FRAMES, 3, 1, 4, 1);
        assertFalse(Baselines.predict(other, OUT, train, Nd4j.zeros(2, 12), 2, 1).containsKey("copy-last"));
        Signature image = Signature.of(Modality.IMAGE, 1, 2, 2);
        assertFalse(Baselines.predict(image, OUT, train, Nd4j.zeros(2, 4), 2, 1).containsKey("zeros"));
    }
}
