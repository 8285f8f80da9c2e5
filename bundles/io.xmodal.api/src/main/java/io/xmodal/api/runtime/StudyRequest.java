package io.xmodal.api.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * What to do with a study: an experiment descriptor with {@code vary:} (and optionally {@code include:},
 * {@code exclude:}, {@code seeds:}), whose runs the engine schedules and the caller starts as processes.
 *
 * @param study      the study file (YAML)
 * @param out        the study directory; the same directory resumes an interrupted study
 * @param overrides  {@code dotted.path=value} settings applied to every variant before its own values
 * @param jobs       how many runs at once (at least 1)
 * @param threads    threads given to each run
 * @param restart    true to start over in an existing study directory whose descriptor changed
 * @param launcher   starts one run as a child process
 * @param progress   receives one line per event (a run started, an epoch ended, a run finished)
 */
public record StudyRequest(Path study, Path out, List<String> overrides, int jobs, int threads, boolean restart,
                           RunLauncher launcher, Consumer<String> progress) {
    public StudyRequest {
        overrides = List.copyOf(overrides);
        if (jobs < 1 || threads < 1) {
            throw new IllegalArgumentException("jobs and threads must be at least 1");
        }
    }
}
