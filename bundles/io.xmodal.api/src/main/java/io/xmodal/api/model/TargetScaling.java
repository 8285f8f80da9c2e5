package io.xmodal.api.model;

/**
 * How targets are scaled before training so that they fit a head's output activation. The engine
 * fits the scaling on the training split, records it in the run, and reports metrics in original units.
 *
 * @param kind NONE (targets as they are), RANGE (min-max onto [low, high]) or STANDARD (zero mean, unit variance)
 */
public record TargetScaling(Kind kind, double low, double high) {
    public enum Kind { NONE, RANGE, STANDARD }

    public static TargetScaling none() {
        return new TargetScaling(Kind.NONE, 0, 0);
    }

    public static TargetScaling range(double low, double high) {
        return new TargetScaling(Kind.RANGE, low, high);
    }

    public static TargetScaling standard() {
        return new TargetScaling(Kind.STANDARD, 0, 0);
    }
}
