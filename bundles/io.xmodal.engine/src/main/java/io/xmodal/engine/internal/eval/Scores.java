package io.xmodal.engine.internal.eval;

import io.xmodal.api.Signature;
import io.xmodal.api.train.Metric;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;

/** Scores predictions with an experiment's metrics; the same code for validation, test and re-evaluation. */
public final class Scores {
    private Scores() {
    }

    /** Each metric of {@code predicted} against {@code truth}, in the metrics' order, names prefixed. */
    public static Map<String, Double> of(Map<String, Metric> metrics, INDArray predicted, INDArray truth, String prefix) {
        Map<String, Double> out = new LinkedHashMap<>();
        metrics.forEach((name, m) -> out.put(prefix + name, m.compute(predicted, truth)));
        return out;
    }

    /** The trivial baselines fitted on the training targets, each scored like the model. */
    public static Map<String, Map<String, Double>> baselines(Map<String, Metric> metrics, Signature target, INDArray trainTargets,
                                                             INDArray truth, long seed) {
        return baselines(metrics, null, target, trainTargets, null, truth, seed);
    }

    /**
     * As {@link #baselines(Map, Signature, INDArray, INDArray, long)}, plus the baselines that read the test
     * inputs (video: zeros, copy-last, mean-of-inputs; see {@link Baselines}). A baseline's predictions take
     * the shape of {@code truth} (the model's prediction shape).
     */
    public static Map<String, Map<String, Double>> baselines(Map<String, Metric> metrics, Signature input, Signature target,
                                                             INDArray trainTargets, INDArray testInputs, INDArray truth, long seed) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        Baselines.predict(input, target, trainTargets, testInputs, (int) truth.size(0), seed)
                .forEach((name, pred) -> out.put(name, of(metrics, pred.length() == truth.length() && !java.util.Arrays.equals(pred.shape(), truth.shape())
                        ? pred.reshape('c', truth.shape()) : pred, truth, "")));
        return out;
    }
}
