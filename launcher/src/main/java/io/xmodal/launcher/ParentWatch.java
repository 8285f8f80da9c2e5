package io.xmodal.launcher;

import java.util.Optional;
import java.util.Properties;

/**
 * In a study's child process: ends this process when the study process that started it is gone, so
 * that a study killed with kill -9 leaves no orphan still writing into its run directory (the cut-off
 * run is redone when the study resumes).
 */
final class ParentWatch {
    /** Exit status of a child whose parent died: the run is incomplete. */
    static final int ORPHANED = 3;

    private ParentWatch() {
    }

    /** Starts watching when {@code xmodal.parent.pid} is set; a no-op otherwise. */
    static void start(Properties props, Console console) {
        String pid = props.getProperty(ChildProcesses.PARENT_PID);
        if (pid == null || pid.isBlank()) {
            return;
        }
        Optional<ProcessHandle> parent;
        try {
            parent = ProcessHandle.of(Long.parseLong(pid.trim()));
        } catch (NumberFormatException e) {
            return;
        }
        if (parent.isEmpty()) {
            orphaned(console, pid);
        }
        parent.ifPresent(p -> p.onExit().thenRun(() -> orphaned(console, pid)));
    }

    private static void orphaned(Console console, String pid) {
        console.err().println("error: the study process " + pid + " is gone; stopping this run (the study redoes it when resumed)");
        console.err().flush();
        Runtime.getRuntime().halt(ORPHANED);
    }
}
