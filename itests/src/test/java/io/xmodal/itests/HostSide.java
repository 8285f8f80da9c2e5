package io.xmodal.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemPackage;
import static org.ops4j.pax.exam.CoreOptions.workingDirectory;

import io.xmodal.launcher.SystemPackages;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nd4j.common.config.ND4JClassLoading;
import org.nd4j.linalg.factory.Nd4j;
import org.ops4j.pax.exam.Option;

/**
 * The host side of the Pax Exam native container: what the launcher's {@code main} does before it starts
 * the framework, then the framework options. Runs in the test JVM only (from {@code @Configuration}),
 * never inside the framework: the probe bundle carries this class but never loads it.
 */
final class HostSide {
    /** The bundles installed into the framework, in install order, as copied into target/bundles. */
    static final List<String> BUNDLES = List.of(
            "org.osgi.util.function", "org.osgi.util.promise", "org.osgi.service.component", "org.apache.felix.scr",
            "snakeyaml", "jackson-annotations", "jackson-core", "jackson-databind", "jackson-dataformat-yaml",
            "io.xmodal.engine", "io.xmodal.vision", "io.xmodal.sequence", "io.xmodal.data", "io.xmodal.metrics", "io.xmodal.audio",
            "io.xmodal.video", "io.xmodal.generative");

    /**
     * Pax Exam's own in-container bundles: the link files that the native container (and
     * {@code junitBundles()}) resolve through pax-url's mvn: handler.
     */
    private static final List<String> PAX_LINKS = List.of(
            "org.ops4j.pax.exam", "org.ops4j.pax.exam.inject", "org.ops4j.pax.extender.service",
            "org.ops4j.pax.logging.api", "org.ops4j.base", "org.ops4j.pax.swissbox.core",
            "org.ops4j.pax.swissbox.extender", "org.ops4j.pax.swissbox.framework",
            "org.ops4j.pax.swissbox.lifecycle", "org.ops4j.pax.swissbox.tracker",
            "org.apache.geronimo.specs.atinject", "org.ops4j.pax.tipi.junit", "org.ops4j.pax.tipi.hamcrest.core",
            "org.ops4j.pax.exam.invoker.junit");

    private static boolean nd4jReady;

    private HostSide() {
    }

    /** Every option of the framework: host packages, our bundles, JUnit, quiet logging, offline pax-url. */
    static Option[] frameworkOptions() {
        initNd4j();
        offlinePaxUrl();
        Map<String, String> packages = SystemPackages.scan(hostClassPath());
        for (String required : List.of("io.xmodal.api.runtime", "org.nd4j.autodiff.samediff", "org.nd4j.linalg.factory")) {
            if (!packages.containsKey(required)) {
                throw new IllegalStateException("the host class path exports no " + required + ": " + hostClassPath());
            }
        }
        List<Option> bundles = new ArrayList<>();
        Path dir = Path.of(property("xmodal.itest.bundles"));
        for (String name : BUNDLES) {
            Path jar = dir.resolve(name + ".jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: run the itests through Maven (mvn verify), which copies the bundles");
            }
            bundles.add(bundle(jar.toUri().toString()));
        }
        Path work = Path.of(property("xmodal.itest.work"));
        return options(
                systemPackage(SystemPackages.header(packages)),
                frameworkProperty("felix.log.level").value("1"),
                frameworkProperty("ds.loglevel").value("warn"),
                composite(bundles.toArray(Option[]::new)),
                junitBundles(),
                cleanCaches(true),
                workingDirectory(work.resolve("pax-exam").toString()));
    }

    /**
     * The ND4J class-loader trap: ND4J keeps the class loader it sees first. Given the host's loader and
     * touched here, on the host, before the framework starts, it is never first touched from a bundle.
     */
    static synchronized void initNd4j() {
        if (nd4jReady) {
            return;
        }
        ND4JClassLoading.setNd4jClassloader(Nd4j.class.getClassLoader());
        Nd4j.create(1);
        nd4jReady = true;
    }

    /** The host class path (compile and runtime dependencies of this module), as Maven wrote it. */
    static List<Path> hostClassPath() {
        Path file = Path.of(property("xmodal.itest.hostClassPath"));
        try {
            List<Path> entries = new ArrayList<>();
            for (String s : Files.readString(file, StandardCharsets.UTF_8).trim().split(File.pathSeparator)) {
                if (!s.isBlank()) {
                    entries.add(Path.of(s.trim()));
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the host class path " + file, e);
        }
    }

    /**
     * pax-url resolves Pax Exam's mvn: URLs from the local repository and nowhere else: no remote
     * repository, no fallback to Maven Central, offline. Each bundle is checked first, so that a missing
     * one names itself instead of failing somewhere inside pax-url.
     */
    static void offlinePaxUrl() {
        String local = property("org.ops4j.pax.url.mvn.localRepository");
        System.setProperty("org.ops4j.pax.url.mvn.repositories", "");
        System.setProperty("org.ops4j.pax.url.mvn.useFallbackRepositories", "false");
        System.setProperty("org.ops4j.pax.url.mvn.offline", "true");
        List<String> missing = new ArrayList<>();
        for (String link : PAX_LINKS) {
            String mvn = readLink(link);
            String[] gav = mvn.substring("mvn:".length()).split("/");
            Path jar = Path.of(local, gav[0].split("\\.")).resolve(gav[1]).resolve(gav[2])
                    .resolve(gav[1] + "-" + gav[2] + ".jar");
            if (!Files.isRegularFile(jar)) {
                missing.add(mvn);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Pax Exam bundles missing from the local repository " + local
                    + " (the pax-exam-prefetch execution in itests/pom.xml must list them): " + missing);
        }
    }

    private static String readLink(String name) {
        String resource = "META-INF/links/" + name + ".link";
        try (InputStream in = HostSide.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path (pax-exam-link-mvn)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String property(String key) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + key + " is not set: run the itests through Maven (mvn verify)");
        }
        return value;
    }
}
