package io.xmodal.engine.internal.report;

import java.nio.file.Path;
import java.util.Map;

/**
 * One run as a report sees it.
 *
 * @param name      the run's name (a study's run name, else the run folder)
 * @param dir       the run directory (may not exist for a run a study has not started)
 * @param params    the run's resolved descriptor flattened to dotted paths (seed included)
 * @param seed      the run's seed
 * @param status    ok, failed, running or pending
 * @param error     the failure in one line, or null
 * @param test      test metrics in original units
 * @param baselines baseline name to its metrics
 * @param seconds   training time, or NaN
 */
public record RunRecord(String name, Path dir, Map<String, String> params, long seed, String status, String error,
                        Map<String, Double> test, Map<String, Map<String, Double>> baselines, double seconds) {
    public boolean ok() {
        return "ok".equals(status);
    }
}
