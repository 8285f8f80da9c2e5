package io.xmodal.api.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Starts one run of a study as its own process, so that a crash stays in that run and an interrupted
 * study can be resumed. The launcher implements it with the program's own command line.
 */
@FunctionalInterface
public interface RunLauncher {
    /**
     * Starts {@code run STUDY --variant NAME --out RUN_DIR} (with the study's {@code --set}s) in a new process.
     *
     * @param study     the study file
     * @param variant   the name of the run (as {@link Workbench#runVariant} takes it)
     * @param overrides settings applied to every variant
     * @param runDir    the run directory (must not exist yet or be empty)
     * @param log       where the process's standard output and error go
     * @param threads   threads for the run
     * @return the started process
     */
    Process start(Path study, String variant, List<String> overrides, Path runDir, Path log, int threads) throws IOException;
}
