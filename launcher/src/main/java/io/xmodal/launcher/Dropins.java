package io.xmodal.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * The drop-in folder, watched by Apache Felix FileInstall (feature {@code dropins}) while xmodal runs:
 * a bundle jar copied in is installed and started, a changed jar updates its bundle (FileInstall
 * compares checksums, then refreshes the bundles wired to it), a removed jar uninstalls its bundle.
 * At start the launcher waits for FileInstall's first scan, so that the drop-ins present then are
 * usable by the command; what fails to resolve or start is reported, never fatal.
 */
final class Dropins {
    static final String FILEINSTALL = "org.apache.felix.fileinstall";
    /** Environment variable naming the drop-in folder (the option {@code --dropins} wins). */
    static final String ENV = "XMODAL_DROPINS";
    /** Milliseconds between two scans of the folder, unless {@code -Dfelix.fileinstall.poll} says otherwise. */
    static final String DEFAULT_POLL_MILLIS = "1000";

    private Dropins() {
    }

    /**
     * The folder to watch: {@code --dropins DIR}, else {@code XMODAL_DROPINS}, else the distribution's
     * {@code dropins/}.
     */
    static Path folder(Path option, Map<String, String> env, Distribution dist) {
        if (option != null) {
            return option.toAbsolutePath().normalize();
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv.strip()).toAbsolutePath().normalize();
        }
        return dist.dropins();
    }

    /** {@code --dropins DIR}, wherever it stands on the command line, or null. */
    static Path option(picocli.CommandLine.ParseResult parsed) {
        Path dir = null;
        for (picocli.CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            dir = p.hasMatchedOption("--dropins") ? p.matchedOptionValue("--dropins", dir) : dir;
        }
        return dir;
    }

    /** Why the folder cannot be used, or null (an absent distribution folder is fine: nothing to install). */
    static String problem(Path option, Map<String, String> env) {
        String where = option != null ? "--dropins " + option : env.get(ENV) != null && !env.get(ENV).isBlank() ? ENV + "=" + env.get(ENV) : null;
        if (where == null) {
            return null;
        }
        Path dir = option != null ? option : Path.of(env.get(ENV).strip());
        if (!Files.isDirectory(dir)) {
            return where + ": no such folder (create it, or name an existing folder of bundle jars)";
        }
        return Files.isReadable(dir) ? null : where + ": the folder cannot be read";
    }

    /**
     * The framework properties FileInstall reads: the folder, jars only, a scan at once and then every
     * {@code felix.fileinstall.poll} ms, no configuration files, quiet unless verbose. A
     * {@code felix.fileinstall.*} system property (XMODAL_JAVA_OPTS) overrides the value here.
     */
    static Map<String, String> frameworkProperties(Path dir, boolean verbose, Properties system) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("felix.fileinstall.dir", dir.toString());
        p.put("felix.fileinstall.filter", ".*\\.jar");
        p.put("felix.fileinstall.poll", DEFAULT_POLL_MILLIS);
        p.put("felix.fileinstall.noInitialDelay", "true");
        p.put("felix.fileinstall.bundles.new.start", "true");
        p.put("felix.fileinstall.enableConfigSave", "false");
        // FileInstall's own log goes to System.out (stderr while the framework runs); the launcher reports failures itself
        p.put("felix.fileinstall.log.level", verbose ? "3" : "0");
        for (String key : system.stringPropertyNames()) {
            if (key.startsWith("felix.fileinstall.")) {
                p.put(key, system.getProperty(key));
            }
        }
        return p;
    }

    /** Whether FileInstall is installed and active, i.e. the folder is being watched. */
    static boolean watched(BundleContext context) {
        for (Bundle b : context.getBundles()) {
            if (FILEINSTALL.equals(b.getSymbolicName()) && b.getState() == Bundle.ACTIVE) {
                return true;
            }
        }
        return false;
    }

    /**
     * Waits until FileInstall has installed every bundle jar of the folder, then makes sure each has
     * been started (starting it here when FileInstall has not yet; a second start is a no-op), so that
     * the command sees the drop-ins present at launch.
     *
     * @param lines    receives one line per jar that is not a bundle, did not appear, or did not start
     * @param failures symbolic name to why it is not active
     */
    static void awaitFirstScan(BundleContext context, Path dir, Duration timeout, List<String> lines,
                               Map<String, String> failures) throws IOException, InterruptedException {
        List<BundleCatalog.Entry> expected = new ArrayList<>();
        for (Path jar : BundleCatalog.jars(dir)) {
            try {
                BundleCatalog.read(jar).ifPresentOrElse(expected::add, () -> lines.add(
                        jar.getFileName() + " in " + dir.getFileName() + "/ is not an OSGi bundle (no Bundle-SymbolicName): ignored"));
            } catch (IOException | IllegalArgumentException e) {
                lines.add(jar.getFileName() + " in " + dir.getFileName() + "/ cannot be read: " + e.getMessage());
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<BundleCatalog.Entry, Bundle> found = new LinkedHashMap<>();
        while (true) {
            for (BundleCatalog.Entry e : expected) {
                if (!found.containsKey(e)) {
                    bundleAt(context, e.jar()).ifPresent(b -> found.put(e, b));
                }
            }
            if (found.size() == expected.size() || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(20);
        }
        for (BundleCatalog.Entry e : expected) {
            Bundle b = found.get(e);
            if (b == null) {
                String why = "not installed by " + FILEINSTALL + " within " + timeout.toSeconds() + " s";
                lines.add("bundle " + e + " (" + e.jar().getFileName() + ") " + why);
                failures.put(e.symbolicName(), why);
                continue;
            }
            if (e.fragment() || b.getState() == Bundle.ACTIVE || b.getState() == Bundle.UNINSTALLED) {
                continue;
            }
            try {
                b.start();
            } catch (BundleException | RuntimeException ex) {
                String why = ex instanceof BundleException be ? ResolutionMessage.explain(be) : ex.toString();
                if (b.getState() != Bundle.ACTIVE) { // FileInstall may have started it meanwhile
                    lines.add("bundle " + e + " (" + e.jar().getFileName() + ") did not start: " + why);
                    failures.put(e.symbolicName(), why);
                }
            }
        }
    }

    /** The bundle installed from this jar (FileInstall's location is the jar's file URI), if any. */
    static Optional<Bundle> bundleAt(BundleContext context, Path jar) {
        Path want = real(jar);
        for (Bundle b : context.getBundles()) {
            Path at = path(b.getLocation());
            if (at != null && real(at).equals(want)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    /** The file a bundle location points at ({@code file:}, {@code reference:file:}), or null. */
    static Path path(String location) {
        if (location == null) {
            return null;
        }
        String l = location.startsWith("reference:") ? location.substring("reference:".length()) : location;
        if (!l.startsWith("file:")) {
            return null;
        }
        try {
            return Path.of(new URI(l).normalize());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    /** A bundle of the framework that is not active, and why. */
    record Inactive(String symbolicName, String version, String source, String why) {
        @Override
        public String toString() {
            return symbolicName + " " + version + " (" + source + "): " + why;
        }
    }

    /**
     * Every bundle that should be active and is not (fragments and the system bundle aside), with
     * the reason: the error of a transient start attempt now (the missing requirement when it does not
     * resolve, the activator's exception when it does not start). A bundle that starts now (what it
     * lacked has been dropped in meanwhile) is not listed. "Should be active" means marked for start
     * (features and drop-ins are started persistently); a bundle stopped on purpose (the shell's
     * {@code stop}) is left alone.
     */
    static List<Inactive> inactive(BundleContext context) {
        List<Inactive> out = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            if (b.getBundleId() == 0 || b.getState() == Bundle.ACTIVE || b.getState() == Bundle.STARTING
                    || b.getState() == Bundle.UNINSTALLED || b.getHeaders("").get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            BundleStartLevel level = b.adapt(BundleStartLevel.class);
            if (level != null && !level.isPersistentlyStarted()) {
                continue;
            }
            String why;
            try {
                b.start(Bundle.START_TRANSIENT);
                continue;
            } catch (BundleException | RuntimeException ex) {
                why = ex instanceof BundleException be ? ResolutionMessage.explain(be) : ex.toString();
            }
            String name = b.getSymbolicName() == null ? "(no symbolic name)" : b.getSymbolicName();
            Path at = path(b.getLocation());
            String source = at == null ? b.getLocation() : at.getParent().getFileName() + "/" + at.getFileName();
            out.add(new Inactive(name, b.getVersion().toString(), source, why));
        }
        return out;
    }
}
