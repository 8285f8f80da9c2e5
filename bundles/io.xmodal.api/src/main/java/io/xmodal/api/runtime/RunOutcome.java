package io.xmodal.api.runtime;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a run or an evaluation left behind.
 *
 * @param runDir   the run directory
 * @param ok       false when the run failed after it started (exit status 1)
 * @param error    the failure, in one line, or null
 * @param test     test metrics in original units
 * @param baselines baseline name to its metrics
 */
public record RunOutcome(Path runDir, boolean ok, String error, Map<String, Double> test,
                         Map<String, Map<String, Double>> baselines) {
}
