package io.xmodal.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Scans the host packages and starts the (still empty) framework on a background thread, while the
 * main thread loads ND4J: both take about a second and neither touches the other. Bundles, which
 * may touch ND4J, are installed only after ND4J is up (see the class-loader trap in {@link Backend}).
 */
final class FrameworkStart {
    /** The started framework and what it took. */
    record Started(FrameworkBoot boot, int packages, long scanNanos, long startNanos) {
    }

    private final FutureTask<Started> task;

    private FrameworkStart(FutureTask<Started> task) {
        this.task = task;
    }

    static FrameworkStart begin(List<Path> hostClassPath, boolean verbose, PrintStream log) {
        return begin(hostClassPath, verbose, log, Map.of());
    }

    /** @param extra more framework properties (see {@link FrameworkBoot#start(String, boolean, PrintStream, Map)}) */
    static FrameworkStart begin(List<Path> hostClassPath, boolean verbose, PrintStream log, Map<String, String> extra) {
        FutureTask<Started> task = new FutureTask<>(() -> {
            long t0 = System.nanoTime();
            Map<String, String> packages = SystemPackages.scan(hostClassPath);
            long t1 = System.nanoTime();
            FrameworkBoot boot = FrameworkBoot.start(SystemPackages.header(packages), verbose, log, extra);
            return new Started(boot, packages.size(), t1 - t0, System.nanoTime() - t1);
        });
        Thread thread = new Thread(task, "xmodal-framework-start");
        thread.setDaemon(true);
        thread.start();
        return new FrameworkStart(task);
    }

    /** Waits for the start; its failure is rethrown as it was. */
    Started await() throws Exception {
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Stops the framework once it has started (when the launch fails before using it). */
    void abandon() {
        try {
            task.get().boot().close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // it did not start: nothing to stop
        }
    }
}
