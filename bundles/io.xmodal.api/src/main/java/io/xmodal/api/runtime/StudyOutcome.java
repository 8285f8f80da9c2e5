package io.xmodal.api.runtime;

import java.nio.file.Path;

/**
 * What a study left behind.
 *
 * @param dir     the study directory (study.json, runs/, logs/, report.html)
 * @param runs    how many runs the study has
 * @param ok      runs that finished with status ok
 * @param failed  runs that failed (their error is in study.json)
 * @param report  the report file, or null when none could be written
 * @param summary the Markdown table of the variants (mean ± std over seeds, best marked)
 */
public record StudyOutcome(Path dir, int runs, int ok, int failed, Path report, String summary) {
}
