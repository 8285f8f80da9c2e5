package io.xmodal.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.felix.framework.FrameworkFactory;
import org.apache.felix.framework.Logger;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;

/**
 * The embedded Felix framework: storage in a fresh temporary folder (deleted when the framework
 * stops, or at JVM exit), the host packages exported by the system bundle, framework logging sent to
 * stderr. (SCR, lacking a LogService, prints its log to {@code System.out}: {@link Launch} points
 * {@code System.out} at stderr while the framework runs.)
 */
final class FrameworkBoot implements AutoCloseable {
    private final Framework framework;
    private final Path storage;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private FrameworkBoot(Framework framework, Path storage) {
        this.framework = framework;
        this.storage = storage;
        this.shutdownHook = new Thread(this::stopQuietly, "xmodal-framework-shutdown");
    }

    /**
     * Creates and starts the framework.
     *
     * @param systemPackagesExtra the {@code org.osgi.framework.system.packages.extra} value
     * @param verbose             framework and SCR logging at debug level instead of errors only
     * @param log                 where framework log lines go
     */
    static FrameworkBoot start(String systemPackagesExtra, boolean verbose, PrintStream log) throws BundleException, IOException {
        return start(systemPackagesExtra, verbose, log, Map.of());
    }

    /**
     * @param extra more framework properties, e.g. the drop-in folder FileInstall watches (see {@link Dropins})
     */
    static FrameworkBoot start(String systemPackagesExtra, boolean verbose, PrintStream log, Map<String, String> extra)
            throws BundleException, IOException {
        Path storage = Files.createTempDirectory("xmodal-felix-");
        Map<String, Object> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, systemPackagesExtra);
        // info with --verbose; -Dfelix.log.level=4 -Dds.loglevel=debug (XMODAL_JAVA_OPTS) show wiring and SCR internals
        config.put("felix.log.level", System.getProperty("felix.log.level", verbose ? "3" : "1"));
        config.put("felix.log.logger", new StreamLogger(log));
        config.put("ds.loglevel", System.getProperty("ds.loglevel", verbose ? "info" : "warn"));
        config.putAll(extra);
        @SuppressWarnings({"unchecked", "rawtypes"})
        Framework framework = new FrameworkFactory().newFramework((Map) config);
        FrameworkBoot boot = new FrameworkBoot(framework, storage);
        Runtime.getRuntime().addShutdownHook(boot.shutdownHook);
        try {
            framework.start();
        } catch (BundleException | RuntimeException e) {
            boot.close();
            throw e;
        }
        return boot;
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    /** Stops the framework (waiting up to 10 s) and deletes its storage. */
    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down
        }
    }

    private void stopQuietly() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            framework.stop();
            framework.waitForStop(10_000);
        } catch (BundleException e) {
            // stopping anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            delete(storage);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder; nothing more to do
        }
    }

    /** Felix's log, one line per message on a stream (stderr), prefixed "felix:". */
    private static final class StreamLogger extends Logger {
        private final PrintStream out;

        StreamLogger(PrintStream out) {
            this.out = out;
        }

        @Override
        protected void doLog(int level, String msg, Throwable throwable) {
            String label = switch (level) {
                case LOG_ERROR -> "error";
                case LOG_WARNING -> "warning";
                case LOG_INFO -> "info";
                default -> "debug";
            };
            out.println("felix " + label + ": " + msg + (throwable == null ? "" : " (" + throwable + ")"));
            if (throwable != null && getLogLevel() >= LOG_DEBUG) {
                throwable.printStackTrace(out);
            }
        }
    }
}
