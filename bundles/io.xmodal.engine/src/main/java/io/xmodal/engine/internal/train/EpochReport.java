package io.xmodal.engine.internal.train;

import java.util.Map;

/**
 * What one epoch produced, for the progress line and history.csv.
 *
 * @param train the epoch's means of each phase's loss ({@code d-loss}, when a plan has several phases) and of
 *              the plan's logged scalars, by name
 */
public record EpochReport(int epoch, long step, double trainLoss, Map<String, Double> train, Map<String, Double> val, double seconds,
                          boolean best) {
}
