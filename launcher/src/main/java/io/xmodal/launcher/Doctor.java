package io.xmodal.launcher;

import io.xmodal.api.runtime.ComponentInfo;
import io.xmodal.api.runtime.Workbench;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.bytedeco.javacpp.Pointer;
import org.osgi.framework.Bundle;

/**
 * The checks of {@code xmodal doctor}, in the order a launch meets them: Java, operating system,
 * processor, CPU builds, GPUs, CUDA build, backend, memory, ND4J, threads, features, bundles,
 * drop-ins, engine. Each prints one line on stdout; each thing that stops xmodal from working adds a
 * {@code problem:} line and makes the exit status 1.
 */
final class Doctor {
    private static final long MIN_OFFHEAP = 512 * Size.MIB;
    private static final long MIN_HEAP = 256 * Size.MIB;

    private final Distribution dist;
    private final List<Path> hostClassPath;
    private final GlobalOptions options;
    private final Console console;
    private final Map<String, String> env;
    private final Properties props;
    private final List<String> problems = new ArrayList<>();

    Doctor(Distribution dist, List<Path> hostClassPath, GlobalOptions options, Console console, Map<String, String> env,
           Properties props) {
        this.dist = dist;
        this.hostClassPath = hostClassPath;
        this.options = options;
        this.console = console;
        this.env = env;
        this.props = props;
    }

    int run() {
        PrintStream stdout = System.out;
        PrintStream stray = StrayOutput.over(console.err(), console.verbose());
        System.setOut(stray);
        try {
            check();
        } finally {
            System.setOut(stdout);
            stray.close();
        }
        console.line(problems.isEmpty() ? "status: ok" : "status: " + problems.size() + (problems.size() == 1 ? " problem" : " problems"));
        return problems.isEmpty() ? 0 : 1;
    }

    private void fact(String key, String value) {
        console.line(String.format(Locale.ROOT, "%-11s %s", key, value));
    }

    private void problem(String text) {
        problems.add(text);
        console.line("problem: " + text);
    }

    private void check() {
        fact("java", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                + System.getProperty("java.vendor") + "), " + System.getProperty("java.home"));
        if (Runtime.version().feature() < 17) {
            problem("xmodal needs Java 17 or later; set JAVA_HOME");
        }
        String platform = BackendSelector.platform();
        fact("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + platform + ")");

        MachineLimits machine = MachineLimits.detect();
        CpuFeatures cpu = CpuFeatures.detect();
        fact("cpu", cpu.model() + ", " + machine.cores() + (machine.cores() == 1 ? " core" : " cores") + "; " + cpuFlags(cpu)
                + " (from " + cpu.source() + ")");
        Set<CpuVariant> shipped = CpuVariant.onClassPath(Backend.class.getClassLoader());
        List<String> runnable = BackendSelector.PREFERENCE.stream().filter(shipped::contains).filter(v -> v.runsOn(cpu))
                .map(v -> v.id).toList();
        fact("cpu builds", (shipped.isEmpty() ? "none" : BackendSelector.PREFERENCE.stream().filter(shipped::contains)
                .map(v -> v.id).collect(Collectors.joining(", "))) + " in lib/; this CPU runs "
                + (runnable.isEmpty() ? "none of them" : String.join(", ", runnable)));

        GpuProbe.Scan scan = gpus();
        CudaBuild cuda = CudaBuild.in(dist);
        fact("cuda build", cuda.present() ? CudaBuild.NAME + (cuda.withCudnn() ? " with cuDNN" : "")
                + (cuda.withRedist() ? " and the CUDA 11.6 libraries" : ", without the CUDA 11.6 libraries (needs a CUDA 11 install)")
                + " in lib/cuda/ (" + cuda.jars().size() + " jars, " + Size.format(size(cuda.jars())) + "); kernels for compute capability "
                + CudaBuild.RANGE
                : "not in this distribution (build it with mvn -Pcuda; see docs/backends.md)");

        BackendSelector selector = new BackendSelector(cpu, platform, shipped, cuda, () -> scan);
        BackendSelector.Plan plan = plan(selector);

        HostSettings settings = HostSettings.resolve(machine, Runtime.getRuntime().maxMemory(), options.offheap(), options.threads(),
                props, env);
        settings.apply(props, options.offheap() != null);
        if (plan == null) {
            return;
        }
        Backend.select(plan, cuda, props);
        FrameworkStart framework = FrameworkStart.begin(hostClassPath, console.verbose(), console.err());
        Backend.Info backend = null;
        try {
            backend = Backend.start(plan, cuda, cpu, settings.threads());
        } catch (RuntimeException | LinkageError e) {
            problem("ND4J did not load with " + plan.id() + ": " + Console.describe(e));
        }
        memory(machine, settings);
        if (backend != null) {
            nd4j(backend);
        }
        fact("threads", settings.threads() + " (" + threadSource() + ")");
        try (FrameworkBoot boot = framework.await().boot()) {
            if (backend == null) {
                return; // without ND4J, bundles that touch it would only repeat the problem
            }
            FeatureInstaller.Report report = FeatureInstaller.installDistribution(boot.context(), dist);
            features();
            bundles(report);
            engine(boot, report);
        } catch (Exception e) {
            problem("the OSGi framework did not start: " + Console.describe(e));
        }
    }

    private static String cpuFlags(CpuFeatures cpu) {
        if (!cpu.known()) {
            return "flags unknown: only the generic build is chosen automatically";
        }
        List<String> present = CpuFeatures.NOTABLE.stream().filter(cpu::has).toList();
        String absent = cpu.has("avx512f") ? "" : cpu.has("avx2") ? ", no avx512f" : ", no avx2";
        return (present.isEmpty() ? "no AVX" : String.join(" ", present)) + absent;
    }

    private GpuProbe.Scan gpus() {
        GpuProbe.Scan scan;
        try {
            scan = GpuProbe.scan(env);
        } catch (IllegalArgumentException e) {
            problem(e.getMessage());
            return new GpuProbe.Scan(List.of(), "not probed");
        }
        if (scan.gpus().isEmpty()) {
            fact("gpus", "none (" + scan.how() + ")");
        }
        for (Gpu g : scan.gpus()) {
            fact(g.index() == 0 ? "gpus" : "", g.describe() + ": " + (!g.capabilityKnown()
                    ? "capability unknown, the CUDA build may or may not run on it"
                    : CudaBuild.runsOn(g) ? "the CUDA build runs on it"
                    : "the CUDA build cannot run on it (no kernels for " + g.capability() + "); use the CPU")
                    + (g.index() == scan.gpus().size() - 1 ? " [" + scan.how() + "]" : ""));
        }
        if (!scan.gpus().isEmpty() && !scan.driver()) {
            fact("", "no NVIDIA driver is loaded (" + GpuProbe.DRIVER + " is missing): CUDA cannot start here");
        }
        return scan;
    }

    /** The plan for --backend; a refusal is a problem, and the checks go on with the CPU. */
    private BackendSelector.Plan plan(BackendSelector selector) {
        BackendSelector.Plan plan;
        try {
            plan = selector.plan(options.backend(), options.fallback());
        } catch (BackendSelector.Refusal e) {
            problem(e.getMessage());
            try {
                plan = selector.plan(BackendName.CPU, null);
            } catch (BackendSelector.Refusal again) {
                problem(again.getMessage());
                return null;
            }
        }
        String why = plan.fellBack() ? plan.fallbackLine() : "--backend " + plan.requested() + ": " + plan.reason();
        fact("backend", plan.id() + " (" + why + ")");
        plan.notes().forEach(n -> fact("", "note: " + n));
        return plan;
    }

    private void memory(MachineLimits machine, HostSettings settings) {
        long off = Pointer.maxBytes();
        fact("memory", "machine " + Size.format(machine.memoryBytes()) + "; heap " + Size.format(settings.maxHeap()) + ", off-heap limit "
                + Size.format(off) + ", process limit " + Size.format(Pointer.maxPhysicalBytes()) + " (--offheap or XMODAL_JAVA_OPTS to change)");
        if (settings.maxHeap() < MIN_HEAP) {
            problem("the Java heap is " + Size.format(settings.maxHeap()) + "; xmodal needs at least " + Size.format(MIN_HEAP)
                    + " (XMODAL_JAVA_OPTS=-Xmx1g)");
        }
        if (off > 0 && off < MIN_OFFHEAP) {
            problem("the off-heap limit is " + Size.format(off) + "; ND4J needs at least " + Size.format(MIN_OFFHEAP) + " (--offheap 2g)");
        }
    }

    private void nd4j(Backend.Info backend) {
        fact("nd4j", backend.build());
        if (backend.device() != null) {
            fact("", "running on " + backend.device().describe());
        } else {
            String level = "libnd4j built for " + Backend.Info.levelName(backend.binaryLevel()) + "; best for this CPU by libnd4j's own check: "
                    + Backend.Info.levelName(backend.optimalLevel());
            fact("", level);
        }
        fact("", "loaded from " + backend.library());
        backend.notes().forEach(n -> fact("", "note: " + n));
        if (backend.device() == null && !backend.onednn()) {
            fact("", "note: this build has no oneDNN: the reference models train 2 to 5 times slower (docs/results.md)");
        }
    }

    private String threadSource() {
        if (options.threads() != null) {
            return "--threads";
        }
        String omp = env.get("OMP_NUM_THREADS");
        return omp != null && !omp.isBlank() ? "OMP_NUM_THREADS=" + omp.trim() + "; bin/xmodal sets it to the number of cores when unset"
                : "the number of cores; --threads or OMP_NUM_THREADS to change";
    }

    private void features() throws IOException {
        List<String> names = new ArrayList<>();
        for (Path file : FeatureFile.list(dist.features())) {
            try {
                Feature f = FeatureFile.read(file);
                names.add(f.name() + " " + f.version() + " (" + f.bundles().size() + " bundles)");
            } catch (FeatureFile.FeatureException e) {
                names.add(file.getFileName() + " unreadable");
            }
        }
        fact("features", names.isEmpty() ? "none in " + dist.features() : String.join(", ", names));
    }

    private void bundles(FeatureInstaller.Report report) {
        Map<String, List<String>> byState = new TreeMap<>();
        for (Bundle b : report.installed()) {
            byState.computeIfAbsent(EngineLocator.stateName(b.getState()), k -> new ArrayList<>())
                    .add(b.getSymbolicName() + " " + b.getVersion());
        }
        fact("bundles", report.installed().size() + " installed: " + byState.entrySet().stream()
                .map(e -> e.getValue().size() + " " + e.getKey()).collect(Collectors.joining(", ")));
        byState.forEach((state, list) -> list.forEach(b -> fact("", b + " (" + state + ")")));
        List<String> dropins = new ArrayList<>();
        try {
            BundleCatalog.jars(dist.dropins()).forEach(j -> dropins.add(j.getFileName().toString()));
        } catch (IOException e) {
            // no dropins/ folder
        }
        fact("dropins", dropins.isEmpty() ? "none" : String.join(", ", dropins));
        report.problems().forEach(this::problem);
    }

    private void engine(FrameworkBoot boot, FeatureInstaller.Report report) {
        try {
            Workbench wb = new EngineLocator(boot.context(), report.failures()).await(Duration.ofSeconds(20));
            List<ComponentInfo> components = wb.components();
            Map<String, Long> roles = components.stream().collect(Collectors.groupingBy(c -> c.spec().role().name().toLowerCase(Locale.ROOT),
                    TreeMap::new, Collectors.counting()));
            fact("engine", "ready: " + components.size() + " components ("
                    + roles.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")) + ")");
            if (components.isEmpty()) {
                problem("the engine sees no components: no bundle of features/ or dropins/ provides one");
            }
        } catch (EngineLocator.EngineNotFoundException e) {
            problem(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problem("interrupted");
        }
    }

    private static long size(List<Path> jars) {
        long n = 0;
        for (Path j : jars) {
            try {
                n += Files.size(j);
            } catch (IOException e) {
                // unreadable: not counted
            }
        }
        return n;
    }
}
