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
 * frequent training class) and {@code chance} (a seeded uniformly random class) for labels.
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
        return out;
    }
}
