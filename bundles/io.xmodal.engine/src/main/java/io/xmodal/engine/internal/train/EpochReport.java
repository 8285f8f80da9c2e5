package io.xmodal.engine.internal.train;

import java.util.Map;

/** What one epoch produced, for the progress line and history.csv. */
public record EpochReport(int epoch, long step, double trainLoss, Map<String, Double> val, double seconds, boolean best) {
}
