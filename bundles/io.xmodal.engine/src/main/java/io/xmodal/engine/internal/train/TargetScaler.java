package io.xmodal.engine.internal.train;

import io.xmodal.api.model.TargetScaling;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An affine map of target values, fitted on the training split: y' = (y - offset) * factor.
 * One offset and factor for all positions, so the shape of a series is kept.
 */
public record TargetScaler(String kind, double offset, double factor) {

    public static TargetScaler fit(TargetScaling scaling, INDArray trainTargets) {
        switch (scaling.kind()) {
            case RANGE: {
                double min = trainTargets.minNumber().doubleValue();
                double max = trainTargets.maxNumber().doubleValue();
                double span = max - min;
                if (span <= 0) {
                    span = 1;
                }
                // y' = low + (y - min) / span * (high - low)  ==  (y - offset) * factor
                double factor = (scaling.high() - scaling.low()) / span;
                double offset = min - scaling.low() / factor;
                return new TargetScaler("range", offset, factor);
            }
            case STANDARD: {
                double mean = trainTargets.meanNumber().doubleValue();
                double std = trainTargets.stdNumber().doubleValue();
                return new TargetScaler("standard", mean, std > 0 ? 1 / std : 1);
            }
            default:
                return identity();
        }
    }

    public static TargetScaler identity() {
        return new TargetScaler("none", 0, 1);
    }

    public INDArray scale(INDArray y) {
        return y.sub(offset).muli(factor);
    }

    public INDArray unscale(INDArray y) {
        return y.div(factor).addi(offset);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("offset", offset);
        m.put("factor", factor);
        return m;
    }

    public static TargetScaler fromMap(Map<String, Object> m) {
        return new TargetScaler((String) m.get("kind"), ((Number) m.get("offset")).doubleValue(), ((Number) m.get("factor")).doubleValue());
    }
}
