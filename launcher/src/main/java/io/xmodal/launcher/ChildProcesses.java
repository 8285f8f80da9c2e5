package io.xmodal.launcher;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts a study's runs as child processes of this program: the same Java, class path and main class,
 * the JVM options of this launch less the memory limits (each child gets its share of the machine),
 * and {@code run STUDY --variant NAME --out RUN_DIR}. A child whose parent dies (kill -9 included)
 * stops itself ({@link ParentWatch}); when this process ends normally or by Ctrl-C, its children are
 * stopped too.
 */
final class ChildProcesses implements AutoCloseable {
    /** System property a child reads: the pid of the study process it belongs to. */
    static final String PARENT_PID = "xmodal.parent.pid";

    private final Memory memory;
    private final boolean verbose;
    private final Set<Process> alive = ConcurrentHashMap.newKeySet();
    private final Thread hook;

    /** Memory limits of one child, in bytes. */
    record Memory(long heap, long offheap, long physical) {
    }

    ChildProcesses(Memory memory, boolean verbose) {
        this.memory = memory;
        this.verbose = verbose;
        this.hook = new Thread(this::stopAll, "xmodal-study-children");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The machine's memory shared among {@code jobs} runs, with the formula of {@link HostSettings} applied to each share. */
    static Memory memoryPerRun(MachineLimits machine, int jobs) {
        long share = Math.max(Size.GIB, machine.memoryBytes() / jobs);
        HostSettings s = HostSettings.defaults(new MachineLimits(share, Math.max(1, machine.cores() / jobs)));
        return new Memory(s.maxHeap(), s.maxBytes(), s.maxPhysicalBytes());
    }

    Process start(Path study, String variant, List<String> overrides, Path runDir, Path log, int threads) throws IOException {
        List<String> cmd = command(study, variant, overrides, runDir, threads);
        Files.createDirectories(log.getParent());
        Files.writeString(log, String.join(" ", cmd) + System.lineSeparator());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        Process p = pb.start();
        alive.add(p);
        p.onExit().thenRun(() -> alive.remove(p));
        return p;
    }

    List<String> command(Path study, String variant, List<String> overrides, Path runDir, int threads) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!(a.startsWith("-Xmx") || a.startsWith("-XX:TieredStopAtLevel") || a.startsWith("-agentlib:jdwp")
                    || a.startsWith("-D" + HostSettings.MAX_BYTES + "=") || a.startsWith("-D" + HostSettings.MAX_PHYSICAL_BYTES + "=")
                    || a.startsWith("-D" + PARENT_PID + "="))) {
                cmd.add(a);
            }
        }
        cmd.add("-Xmx" + memory.heap() / Size.MIB + "m");
        cmd.add("-D" + HostSettings.MAX_BYTES + "=" + memory.offheap());
        cmd.add("-D" + HostSettings.MAX_PHYSICAL_BYTES + "=" + memory.physical());
        cmd.add("-D" + PARENT_PID + "=" + ProcessHandle.current().pid());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.add("--threads");
        cmd.add(Integer.toString(threads));
        if (verbose) {
            cmd.add("--verbose");
        }
        cmd.add("run");
        cmd.add(study.toAbsolutePath().toString());
        cmd.add("--variant");
        cmd.add(variant);
        cmd.add("--out");
        cmd.add(runDir.toAbsolutePath().toString());
        for (String o : overrides) {
            cmd.add("--set");
            cmd.add(o);
        }
        return cmd;
    }

    private void stopAll() {
        for (Process p : alive) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs anyway
        }
    }
}
