package io.xmodal.launcher;

import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.api.runtime.Problem;
import io.xmodal.api.runtime.Workbench;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.bytedeco.javacpp.Pointer;

/**
 * One launch after the command line is parsed: backend, framework, features, engine, command, in
 * that order, and the mapping of failures to exit statuses (2 descriptor, 1 anything else).
 */
final class Launch {
    /** System property: seconds to wait for the engine's Workbench service. */
    static final String ENGINE_TIMEOUT = "xmodal.engine.timeout";

    private final Distribution dist;
    private final List<Path> hostClassPath;
    private final GlobalOptions options;
    private final Console console;
    private final Map<String, String> env;
    private final Properties props;
    private Path dropins;

    Launch(Distribution dist, List<Path> hostClassPath, GlobalOptions options, Console console,
           Map<String, String> env, Properties props) {
        this.dist = dist;
        this.hostClassPath = hostClassPath;
        this.options = options;
        this.console = console;
        this.env = env;
        this.props = props;
    }

    /** The drop-in folder to watch (default: the distribution's {@code dropins/}). */
    Launch dropins(Path dir) {
        this.dropins = dir;
        return this;
    }

    int run(EngineCommand command) {
        // Results go to the console's own stdout; anything else that prints to System.out (SCR's log,
        // SameDiff's per-op lines, a chatty bundle) lands on stderr, so that e.g. --json stays clean.
        PrintStream stdout = System.out;
        PrintStream stray = StrayOutput.over(console.err(), console.verbose());
        System.setOut(stray);
        try {
            return start(command);
        } finally {
            System.setOut(stdout);
            stray.close();
        }
    }

    private int start(EngineCommand command) {
        try {
            long t0 = System.nanoTime();
            // the features a descriptor names (requires.features), read before anything starts
            Optional<FeatureRequest> features = command.descriptorFile() == null ? Optional.empty()
                    : FeatureRequest.read(command.descriptorFile(), command.descriptorOverrides());
            HostSettings settings = HostSettings.resolve(MachineLimits.detect(), Runtime.getRuntime().maxMemory(),
                    options.offheap(), options.threads(), props, env);
            settings.apply(props, options.offheap() != null);
            // the backend is decided before anything starts: a refusal (a GPU the CUDA build cannot run on, a CPU
            // build the processor cannot execute) is a usage error, exit status 2
            CpuFeatures cpu = CpuFeatures.detect();
            CudaBuild cuda = CudaBuild.in(dist);
            BackendSelector selector = BackendSelector.forThisMachine(cpu, cuda, env);
            BackendSelector.Plan plan;
            try {
                plan = selector.plan(options.backend(), options.fallback());
            } catch (BackendSelector.Refusal | IllegalArgumentException e) {
                console.err().println("xmodal: " + e.getMessage());
                return 2;
            }
            if (plan.fellBack()) {
                console.warn(plan.fallbackLine());
            }
            plan.notes().forEach(console::warn);
            Backend.select(plan, cuda, props);
            // The framework starts (no bundles yet) on another thread while ND4J loads on this one: both
            // take about a second and neither touches the other. Bundles, which may touch ND4J, are
            // installed only after ND4J is up.
            Path dropinDir = dropins != null ? dropins : dist.dropins();
            FrameworkStart framework = FrameworkStart.begin(hostClassPath, console.verbose(), console.err(),
                    Dropins.frameworkProperties(dropinDir, console.verbose(), props));
            Backend.Info backend;
            try {
                // no fallback after this point: JavaCPP fixes the platform extension at its first load
                backend = Backend.start(plan, cuda, cpu, settings.threads());
            } catch (RuntimeException | LinkageError e) {
                framework.abandon();
                throw e;
            }
            long t1 = System.nanoTime();
            backend.notes().forEach(console::info); // only when ND4J was loaded before this launch (tests, embedding)
            String line = backend.line(Pointer.maxBytes());
            if (command.announcesBackend()) {
                console.note(line);
            } else {
                console.info(line);
            }
            console.info("native build: " + backend.build() + ", " + backend.library());
            console.info("memory: heap " + Size.format(settings.maxHeap()) + ", off-heap " + Size.format(Pointer.maxBytes())
                    + ", process " + Size.format(Pointer.maxPhysicalBytes()) + " (JavaCPP limits)");
            FrameworkStart.Started started = framework.await();
            FrameworkBoot boot = started.boot();
            try {
                long t2 = System.nanoTime();
                FeatureInstaller.Report report = FeatureInstaller.installDistribution(boot.context(), dist, dropinDir,
                        engineTimeout(), features);
                features.ifPresent(r -> console.info("features chosen by " + r.file() + ": " + String.join(", ", r.names())));
                report.problems().forEach(console::warn);
                long t3 = System.nanoTime();
                Workbench workbench = new EngineLocator(boot.context(), report.failures()).await(engineTimeout());
                long t4 = System.nanoTime();
                console.info(String.format(Locale.ROOT, "startup: nd4j %.2f s | %d system packages %.2f s, framework %.2f s "
                        + "(in parallel) | %d bundles %.2f s, engine %.2f s; ready after %.2f s", sec(t1 - t0),
                        started.packages(), sec(started.scanNanos()), sec(started.startNanos()), report.installed().size(),
                        sec(t3 - t2), sec(t4 - t3), sec(t4 - t0)));
                console.info("slowest bundle starts: " + report.slowest(4));
                // the limits JavaCPP really applies (a property it parses differently, e.g. "50%", included)
                HostSettings applied = new HostSettings(settings.maxHeap(), Pointer.maxBytes(), Pointer.maxPhysicalBytes(),
                        settings.threads());
                if (command instanceof FrameworkAware aware) {
                    aware.attach(boot.context(), dist, dropinDir);
                }
                return command.execute(workbench, console, host(backend, applied));
            } finally {
                long t5 = System.nanoTime();
                boot.close();
                console.info(String.format(Locale.ROOT, "framework stopped in %.2f s", sec(System.nanoTime() - t5)));
            }
        } catch (DescriptorException e) {
            List<Problem> problems = e.problems();
            if (problems.isEmpty()) {
                console.err().println(e.getMessage());
            }
            problems.forEach(console::problem);
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            console.error(e);
            return 1;
        } catch (Backend.StartFailure e) {
            console.err().println((e.status == 2 ? "xmodal: " : "error: ") + e.getMessage());
            return e.status;
        } catch (EngineLocator.EngineNotFoundException e) {
            console.err().println("error: " + e.getMessage());
            return 1;
        } catch (Exception | LinkageError | OutOfMemoryError | AssertionError e) {
            console.error(e);
            return 1;
        }
    }

    private Duration engineTimeout() {
        try {
            return Duration.ofMillis((long) (Double.parseDouble(props.getProperty(ENGINE_TIMEOUT, "20")) * 1000));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(20);
        }
    }

    /** The facts a run records in its provenance. Memory values are bytes. */
    static Map<String, String> host(Backend.Info backend, HostSettings settings) {
        Map<String, String> host = new LinkedHashMap<>();
        host.put("backend", backend.id());
        host.put("backend_requested", backend.plan().requested().text());
        host.put("backend_reason", backend.plan().fellBack() ? backend.plan().fallbackLine() : backend.plan().reason());
        host.put("backend_line", backend.line(settings.maxBytes()));
        host.put("native_build", backend.build());
        host.put("native_library", String.valueOf(backend.library()));
        host.put("device", backend.device() != null ? backend.device().describe() : "cpu (" + backend.cpu().model() + ")");
        host.put("cpu", backend.cpu().model());
        host.put("cpu_flags", String.join(" ", CpuFeatures.NOTABLE.stream().filter(backend.cpu()::has).toList()));
        host.put("threads", Integer.toString(backend.threads()));
        host.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        host.put("max_heap_bytes", Long.toString(settings.maxHeap()));
        host.put("offheap_limit_bytes", Long.toString(settings.maxBytes()));
        host.put("physical_limit_bytes", Long.toString(settings.maxPhysicalBytes()));
        host.put("launcher", LauncherVersion.get());
        return host;
    }

    private static double sec(long nanos) {
        return nanos / 1e9;
    }
}
