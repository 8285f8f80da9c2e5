package io.xmodal.engine.internal.eval;

import io.xmodal.api.Modality;
import io.xmodal.api.Signature;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Trivial predictors fitted on the training split, scored with the same metrics as the model:
 * {@code mean} (the per-position training mean) for regression; {@code majority} (the most
 * frequent training class) and {@code chance} (a seeded uniformly random class) for labels. When
 * FRAMES are predicted from FRAMES of the same frame shape, also the video baselines, which read each
 * test sample's input frames: {@code zeros} (black frames), {@code copy-last} (the last input frame,
 * repeated for every target frame) and {@code mean-of-inputs} (the pixel-wise mean of the input frames,
 * repeated).
 */
public final class Baselines {
    private Baselines() {
    }

    /**
     * @param trainTargets training targets, flat rows in original units (labels: class indices [n,1])
     * @param testCount    how many test predictions to make
     * @return baseline name to its predictions, shaped like the model's
     */
    public static Map<String, INDArray> predict(Signature target, INDArray trainTargets, int testCount, long seed) {
        return predict(null, target, trainTargets, null, testCount, seed);
    }

    /**
     * As {@link #predict(Signature, INDArray, int, long)}, plus the video baselines when {@code input} and
     * {@code target} are FRAMES with the same channels, height and width.
     *
     * @param input      the input signature, or null
     * @param testInputs the test split's inputs, flat rows [testCount, input size], or null
     */
    public static Map<String, INDArray> predict(Signature input, Signature target, INDArray trainTargets, INDArray testInputs,
                                                int testCount, long seed) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        if (target.modality() == Modality.LABEL) {
            int classes = (int) target.dim(0);
            long[] counts = new long[classes];
            for (int i = 0; i < trainTargets.rows(); i++) {
                counts[(int) trainTargets.getDouble(i, 0)]++;
            }
            int majority = 0;
            for (int k = 1; k < classes; k++) {
                if (counts[k] > counts[majority]) {
                    majority = k;
                }
            }
            INDArray maj = Nd4j.zeros(DataType.FLOAT, testCount, classes);
            INDArray chance = Nd4j.zeros(DataType.FLOAT, testCount, classes);
            Random r = new Random(seed);
            for (int i = 0; i < testCount; i++) {
                maj.putScalar(i, majority, 1.0);
                chance.putScalar(i, r.nextInt(classes), 1.0);
            }
            out.put("majority", maj);
            out.put("chance", chance);
        } else {
            INDArray mean = trainTargets.castTo(DataType.DOUBLE).mean(0).castTo(DataType.FLOAT);
            INDArray rows = Nd4j.repeat(mean.reshape(1, mean.length()), testCount).reshape(testCount, mean.length());
            out.put("mean", rows.reshape('c', target.withBatch(testCount)));
        }
        if (framesFromFrames(input, target) && testInputs != null) {
            out.putAll(video(input, target, testInputs, testCount));
        }
        return out;
    }

    /** True when both are FRAMES [time, channels, height, width] with the same frame shape. */
    static boolean framesFromFrames(Signature input, Signature target) {
        return input != null && input.modality() == Modality.FRAMES && target.modality() == Modality.FRAMES
                && input.rank() == 4 && target.rank() == 4 && input.dim(1) == target.dim(1) && input.dim(2) == target.dim(2)
                && input.dim(3) == target.dim(3) && input.size() > 0 && target.size() > 0;
    }

    /** zeros, copy-last and mean-of-inputs for every test sample, shaped [testCount, M, C, H, W]. */
    private static Map<String, INDArray> video(Signature input, Signature target, INDArray testInputs, int testCount) {
        int n = (int) input.dim(0);
        int m = (int) target.dim(0);
        int frame = (int) (input.size() / n);
        if (testInputs.rows() != testCount || testInputs.length() != (long) testCount * n * frame) {
            throw new IllegalArgumentException("test inputs of shape " + java.util.Arrays.toString(testInputs.shape())
                    + " do not hold " + testCount + " samples of " + input);
        }
        float[] x = testInputs.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] last = new float[testCount * m * frame];
        float[] mean = new float[testCount * m * frame];
        float[] avg = new float[frame];
        for (int i = 0; i < testCount; i++) {
            int in = i * n * frame;
            java.util.Arrays.fill(avg, 0);
            for (int t = 0; t < n; t++) {
                for (int p = 0; p < frame; p++) {
                    avg[p] += x[in + t * frame + p];
                }
            }
            for (int p = 0; p < frame; p++) {
                avg[p] /= n;
            }
            for (int t = 0; t < m; t++) {
                int o = (i * m + t) * frame;
                System.arraycopy(x, in + (n - 1) * frame, last, o, frame);
                System.arraycopy(avg, 0, mean, o, frame);
            }
        }
        long[] shape = target.withBatch(testCount);
        Map<String, INDArray> out = new LinkedHashMap<>();
        out.put("zeros", Nd4j.zeros(DataType.FLOAT, shape));
        out.put("copy-last", Nd4j.create(last, shape, 'c'));
        out.put("mean-of-inputs", Nd4j.create(mean, shape, 'c'));
        return out;
    }
}
