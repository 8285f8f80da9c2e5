package io.xmodal.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;

import io.xmodal.api.Role;
import io.xmodal.api.runtime.ComponentInfo;
import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.api.runtime.RunOutcome;
import io.xmodal.api.runtime.RunRequest;
import io.xmodal.api.runtime.Workbench;
import io.xmodal.launcher.Features;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.AfterClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The plugin ecosystem inside one Felix (Pax Exam native container, shared by every test of the class)
 * with the real bundles and Apache Felix FileInstall watching a drop-in folder: features installed by
 * the launcher's own installer, with a feature whose bundle misses a requirement reported; hot deploy,
 * update and removal through the drop-in folder; two versions of one component bundle side by side and
 * a descriptor choosing; a component that throws while building or scoring failing only its run. The
 * test bundles are built here from the classes of {@code io.xmodal.itests.plugins} ({@link TestJars}).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PluginsIT {
    private static final long SERVICE_TIMEOUT_MS = 30_000;
    /** FileInstall polls every 200 ms here; DS then registers the components. */
    private static final long DROPIN_TIMEOUT_MS = 20_000;

    private static ServiceTracker<Workbench, Workbench> tracker;

    private final BundleContext context = probeContext();

    /** Runs on the host: the framework of FrameworkIT, plus FileInstall on a fresh drop-in folder and the launcher's package. */
    @Configuration
    public Option[] config() throws IOException {
        Path dropins = dropins();
        if (Files.exists(dropins)) {
            try (Stream<Path> old = Files.walk(dropins)) {
                old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dropins);
        Path fileinstall = Path.of(System.getProperty("xmodal.itest.bundles"), "org.apache.felix.fileinstall.jar");
        return options(
                composite(HostSide.frameworkOptions()),
                // the launcher's feature installer (io.xmodal.launcher.Features) is on the test class path
                systemPackages("io.xmodal.launcher"),
                frameworkProperty("felix.fileinstall.dir").value(dropins.toString()),
                frameworkProperty("felix.fileinstall.filter").value(".*\\.jar"),
                frameworkProperty("felix.fileinstall.poll").value("200"),
                frameworkProperty("felix.fileinstall.noInitialDelay").value("true"),
                frameworkProperty("felix.fileinstall.bundles.new.start").value("true"),
                frameworkProperty("felix.fileinstall.enableConfigSave").value("false"),
                frameworkProperty("felix.fileinstall.log.level").value("0"),
                bundle(fileinstall.toUri().toString()));
    }

    @AfterClass
    public static void closeTracker() {
        if (tracker != null) {
            tracker.close();
            tracker = null;
        }
    }

    // ---------------------------------------------------------------------------------------------- features

    @Test
    public void featuresInstallWhatADescriptorChoosesAndAFeatureWhoseBundleMissesARequirementIsReported() throws Exception {
        Path home = workDir("features");
        TestJars.component(home.resolve("bundles/itest-good.jar"), "itest.good", "1.0.0",
                "io.xmodal.itests.plugins.DenseEncoder$Good", "io.xmodal.api.model.Encoder");
        TestJars.unresolvable(home.resolve("bundles/itest-needs.jar"), "itest.needs", "1.0.0", "org.nowhere");
        Files.createDirectories(home.resolve("features"));
        Files.writeString(home.resolve("features/itest-good.xml"), """
                <feature name="itest-good" version="1.0.0">
                  <description>an encoder</description>
                  <bundle name="itest.good" version="[1,2)"/>
                </feature>
                """);
        Files.writeString(home.resolve("features/itest-broken.xml"), """
                <feature name="itest-broken" version="1.0.0">
                  <requires feature="itest-good" version="[1,2)"/>
                  <bundle name="itest.needs" version="[1,2)"/>
                </feature>
                """);
        Path empty = Files.createDirectories(home.resolve("dropins"));

        // a descriptor that names itest-good: its bundle is installed, started, and its encoder trains
        Path good = descriptor(home, "good.yaml", "requires:\n  features: [itest-good]\n", "{use: itest-good, with: {width: 6}}", "");
        Features.Result r = Features.install(context, home, empty, good, List.of());
        assertEquals(r.problems().toString(), List.of(), r.problems());
        assertEquals(List.of("itest.good"), r.installed().stream().map(Bundle::getSymbolicName).toList());
        assertFalse("itest.needs was installed although no chosen feature names it", installed("itest.needs"));
        awaitComponent(c -> c.spec().name().equals("itest-good"), "itest-good registered");
        RunOutcome o = run(good, "good");
        assertTrue("run with itest-good failed: " + o.error(), o.ok());

        // one that names itest-broken: its bundle misses org.nowhere, so the launch stops, naming the feature and the package
        Path broken = descriptor(home, "broken.yaml", "requires:\n  features: [itest-broken]\n", "{use: itest-good}", "");
        try {
            Features.install(context, home, empty, broken, List.of());
            fail("a feature whose bundle does not resolve was accepted");
        } catch (DescriptorException e) {
            assertEquals(e.getMessage(), 1, e.problems().size());
            assertEquals(broken + ":2:14: requires.features: feature itest-broken 1.0.0 (itest-broken.xml) cannot be used: bundle "
                    + "itest.needs [1.0.0,2.0.0): missing package org.nowhere [1.0.0,2.0.0)", e.problems().get(0).toString());
        }
        // an unknown feature stops it before anything is installed
        try {
            Features.install(context, home, empty, descriptor(home, "unknown.yaml", "requires: {features: [itest-none]}\n",
                    "{use: itest-good}", ""), List.of());
            fail("an unknown feature was accepted");
        } catch (DescriptorException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("requires.features: unknown feature 'itest-none' (features: "
                    + "itest-broken 1.0.0, itest-good 1.0.0; xmodal features lists them)"));
        }
        // without requires.features every feature is installed; the broken bundle is reported and breaks nothing else
        Features.Result all = Features.install(context, home, empty, null, List.of());
        assertTrue(all.problems().toString(), all.problems().contains(
                "bundle itest.needs 1.0.0 did not start: missing package org.nowhere [1.0.0,2.0.0)"));
        assertEquals("missing package org.nowhere [1.0.0,2.0.0)", all.failures().get("itest.needs"));
        assertTrue(workbench().validate(good, List.of()).contains("itest-good"));
    }

    // ---------------------------------------------------------------------------------------------- drop-ins

    @Test
    public void aBundleDroppedInIsUsableAnUpdatedOneReplacesItAndARemovedOneTakesItsComponentAway() throws Exception {
        Path dir = workDir("hot");
        Path v1 = TestJars.component(dir.resolve("build/hot-1.0.0.jar"), "itest.hot", "1.0.0",
                "io.xmodal.itests.plugins.DenseEncoder$Hot", "io.xmodal.api.model.Encoder");
        Path v11 = TestJars.component(dir.resolve("build/hot-1.1.0.jar"), "itest.hot", "1.1.0",
                "io.xmodal.itests.plugins.DenseEncoder$Hot", "io.xmodal.api.model.Encoder");
        Path descriptor = descriptor(dir, "hot.yaml", "", "{use: itest-hot, with: {width: 4}}", "");
        try {
            workbench().validate(descriptor, List.of());
            fail("itest-hot is known before it was dropped in");
        } catch (DescriptorException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("unknown encoder 'itest-hot'"));
        }
        Path target = dropins().resolve("itest-hot.jar");

        TestJars.dropAtomically(v1, target);
        awaitComponent(c -> c.spec().name().equals("itest-hot") && c.version().equals("1.0.0"), "itest-hot 1.0.0 after the drop");
        RunOutcome first = run(descriptor, "hot-1");
        assertTrue("run with the dropped-in encoder failed: " + first.error(), first.ok());
        assertEquals("1.0.0", slot(first, "encoder").get("version"));

        TestJars.dropAtomically(v11, target); // same file, new content: FileInstall updates the bundle
        awaitComponent(c -> c.spec().name().equals("itest-hot") && c.version().equals("1.1.0"), "itest-hot 1.1.0 after the update");
        assertEquals("one version after an update in place", 1, components("itest-hot").size());
        RunOutcome second = run(descriptor, "hot-2");
        assertTrue("run after the update failed: " + second.error(), second.ok());
        assertEquals("1.1.0", slot(second, "encoder").get("version"));

        Files.delete(target);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DROPIN_TIMEOUT_MS);
        while (!components("itest-hot").isEmpty() || installed("itest.hot")) {
            if (System.nanoTime() > deadline) {
                fail("itest-hot still registered " + DROPIN_TIMEOUT_MS / 1000 + " s after its jar was removed");
            }
            Thread.sleep(50);
        }
        try {
            workbench().validate(descriptor, List.of());
            fail("itest-hot is still usable after its jar was removed");
        } catch (DescriptorException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("unknown encoder 'itest-hot'"));
        }
    }

    // ---------------------------------------------------------------------------------------------- versions

    @Test
    public void twoVersionsOfOneBundleSideBySideAndTheDescriptorChooses() throws Exception {
        Path dir = workDir("twin");
        for (String v : List.of("1.0.0", "2.0.0")) {
            Path jar = TestJars.component(dir.resolve("build/twin-" + v + ".jar"), "itest.twin", v,
                    "io.xmodal.itests.plugins.DenseEncoder$Twin", "io.xmodal.api.model.Encoder");
            TestJars.dropAtomically(jar, dropins().resolve("itest-twin-" + v + ".jar"));
        }
        awaitComponent(c -> c.spec().name().equals("itest-twin") && c.version().equals("1.0.0"), "itest-twin 1.0.0");
        awaitComponent(c -> c.spec().name().equals("itest-twin") && c.version().equals("2.0.0"), "itest-twin 2.0.0");
        assertEquals(2, components("itest-twin").size());

        Map<String, String> chosen = new java.util.LinkedHashMap<>();
        chosen.put("highest by default", encoderVersion(descriptor(dir, "plain.yaml", "", "{use: itest-twin}", ""), "plain"));
        chosen.put("use: itest-twin@[1,2)", encoderVersion(descriptor(dir, "pinned.yaml", "", "{use: \"itest-twin@[1,2)\"}", ""), "pinned"));
        chosen.put("requires: {itest.twin: [1,2)} beside 2.0.0", encoderVersion(descriptor(dir, "required.yaml",
                "requires: {itest.twin: \"[1,2)\"}\n", "{use: itest-twin}", ""), "required"));
        assertEquals("{highest by default=2.0.0, use: itest-twin@[1,2)=1.0.0, requires: {itest.twin: [1,2)} beside 2.0.0=1.0.0}",
                chosen.toString());

        Path unmet = descriptor(dir, "unmet.yaml", "", "{use: \"itest-twin@[3,4)\"}", "");
        try {
            workbench().validate(unmet, List.of());
            fail("a pin nothing meets was accepted");
        } catch (DescriptorException e) {
            assertTrue(e.getMessage(), e.getMessage().contains("no installed version of 'itest-twin' is in [3.0.0,4.0.0); installed: "
                    + "encoder itest-twin 2.0.0 (bundle itest.twin), encoder itest-twin 1.0.0 (bundle itest.twin)"));
        }
    }

    // ---------------------------------------------------------------------------------------------- isolation

    @Test
    public void aComponentThatThrowsFailsOnlyItsRunNamingItsBundleAndTheNextRunSucceeds() throws Exception {
        Path dir = workDir("boom");
        Path jar = TestJars.component(dir.resolve("build/boom.jar"), "itest.boom", "1.0.0", Map.of(
                "io.xmodal.itests.plugins.Boom$BuildEncoder", "io.xmodal.api.model.Encoder",
                "io.xmodal.itests.plugins.Boom$ScoreMetric", "io.xmodal.api.train.Metric"), "");
        Bundle boom = context.installBundle(jar.toUri().toString());
        try {
            boom.start();
            awaitComponent(c -> c.spec().name().equals("itest-boom"), "itest-boom");
            awaitComponent(c -> c.spec().role() == Role.METRIC && c.spec().name().equals("itest-boom-score"), "itest-boom-score");

            RunOutcome building = workbench().run(request(descriptor(dir, "build.yaml", "", "{use: itest-boom}", ""), dir.resolve("build-run")));
            assertFalse("a run whose encoder throws succeeded", building.ok());
            assertEquals("encoder 'itest-boom' (bundle itest.boom 1.0.0) failed: itest-boom exploded while building the graph",
                    building.error());
            assertEquals("failed", Json.read(dir.resolve("build-run/metrics.json")).get("status"));

            RunOutcome scoring = workbench().run(request(descriptor(dir, "score.yaml", "", "{use: vgg, with: {blocks: 1, width: 2}}",
                    "[mse, itest-boom-score]"), dir.resolve("score-run")));
            assertFalse("a run whose metric throws succeeded", scoring.ok());
            assertTrue(scoring.error(), scoring.error().startsWith("metric 'itest-boom-score' (bundle itest.boom 1.0.0) failed: "));
            assertTrue(scoring.error(), scoring.error().contains("itest-boom-score cannot count"));

            // the same framework, the same engine: the next run is clean
            RunOutcome next = run(descriptor(dir, "next.yaml", "", "{use: vgg, with: {blocks: 1, width: 2}}", ""), "next");
            assertTrue("the run after the failures failed: " + next.error(), next.ok());
            assertEquals(Bundle.ACTIVE, boom.getState());
        } finally {
            boom.uninstall();
        }
    }

    // ----------------------------------------------------------------------------------------------

    /**
     * A tiny experiment (FrameworkIT's, with the dense decoder and one epoch, to keep the suite fast) with the
     * encoder and metrics given; {@code top} goes first (requires:).
     */
    private static Path descriptor(Path dir, String name, String top, String encoder, String evaluate) throws IOException {
        String text = top + FrameworkIT.TINY
                .replace("encoder: {use: vgg, with: {blocks: 2, width: 4}}", "encoder: " + encoder)
                .replace("decoder: {use: gru, with: {hidden: 8, steps: 16}}", "decoder: {use: dense, with: {steps: 16}}")
                .replace("epochs: 2", "epochs: 1")
                .replace("count: 96", "count: 48")
                .replace("samples: 2", "samples: 1");
        if (!evaluate.isEmpty()) {
            text = text.replace("evaluate: [mse, r2]", "evaluate: " + evaluate);
        }
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve(name), text);
    }

    private RunOutcome run(Path descriptor, String name) throws Exception {
        return workbench().run(request(descriptor, descriptor.resolveSibling("run-" + name)));
    }

    /** Trains the descriptor and returns the version of the encoder it used (from its provenance.json). */
    private String encoderVersion(Path descriptor, String name) throws Exception {
        RunOutcome o = run(descriptor, name);
        assertTrue(name + " failed: " + o.error(), o.ok());
        return String.valueOf(slot(o, "encoder").get("version"));
    }

    /** The component a run used in a slot, from its provenance.json: {name, bundle, version}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> slot(RunOutcome o, String slot) throws IOException {
        Map<String, Object> provenance = Json.read(o.runDir().resolve("provenance.json"));
        Map<String, Object> components = (Map<String, Object>) provenance.get("components");
        assertNotNull("provenance.json has no components: " + provenance.keySet(), components);
        Map<String, Object> s = (Map<String, Object>) components.get(slot);
        assertNotNull("provenance.json names no " + slot + ": " + components, s);
        return s;
    }

    private static RunRequest request(Path descriptor, Path out) {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        return new RunRequest(descriptor, out, List.of(), lines::add, Map.of("backend", "itest"));
    }

    private List<ComponentInfo> components(String name) throws InterruptedException {
        return workbench().components().stream().filter(c -> c.spec().name().equals(name)).toList();
    }

    private void awaitComponent(Predicate<ComponentInfo> wanted, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DROPIN_TIMEOUT_MS);
        while (workbench().components().stream().noneMatch(wanted)) {
            if (System.nanoTime() > deadline) {
                fail("no " + what + " within " + DROPIN_TIMEOUT_MS / 1000 + " s; components: " + workbench().components().stream()
                        .map(c -> c.spec().name() + " " + c.version()).collect(Collectors.joining(", ")) + "; bundles: " + bundleStates());
            }
            Thread.sleep(50);
        }
    }

    private boolean installed(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName()) && b.getState() != Bundle.UNINSTALLED) {
                return true;
            }
        }
        return false;
    }

    private Workbench workbench() throws InterruptedException {
        synchronized (PluginsIT.class) {
            if (tracker == null) {
                tracker = new ServiceTracker<>(context, Workbench.class, null);
                tracker.open();
            }
        }
        Workbench w = tracker.waitForService(SERVICE_TIMEOUT_MS);
        if (w == null) {
            fail("no Workbench service within " + SERVICE_TIMEOUT_MS / 1000 + " s; bundles: " + bundleStates());
        }
        return w;
    }

    private String bundleStates() {
        StringBuilder b = new StringBuilder();
        for (Bundle bundle : context.getBundles()) {
            b.append(bundle.getSymbolicName()).append(' ').append(bundle.getVersion()).append('=').append(bundle.getState()).append(' ');
        }
        return b.toString();
    }

    private static BundleContext probeContext() {
        Bundle probe = FrameworkUtil.getBundle(PluginsIT.class);
        return probe == null ? null : probe.getBundleContext();
    }

    /** The folder FileInstall watches (the same path on the host, where it is made, and in the framework). */
    private static Path dropins() {
        return Path.of(System.getProperty("xmodal.itest.work"), "plugins-dropins");
    }

    private static Path workDir(String prefix) {
        try {
            Path root = Files.createDirectories(Path.of(System.getProperty("xmodal.itest.work")));
            return Files.createTempDirectory(root, "plugins-" + prefix + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
