package io.xmodal.api.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What to run.
 *
 * @param descriptor the experiment descriptor (YAML)
 * @param out        the run directory, or null for {@code runs/<experiment>/<timestamp>}
 * @param overrides  {@code dotted.path=value} settings applied over the descriptor
 * @param progress   receives one line per epoch and the summary
 * @param host       facts about the host for provenance (backend, threads, memory limits, launcher version)
 */
public record RunRequest(Path descriptor, Path out, List<String> overrides, Consumer<String> progress,
                         Map<String, String> host) {
    public RunRequest {
        overrides = List.copyOf(overrides);
        host = Map.copyOf(host);
    }
}
