package io.xmodal.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole launch in this JVM: ND4J, Felix with SCR, features, and a fake engine bundle built from
 * the test classes (the real engine is tested by the itests).
 */
class EngineBootTest {
    @TempDir
    Path tmp;
    private Path home;

    @BeforeEach
    void distribution() throws IOException {
        home = TestBundles.distribution(tmp.resolve("dist"));
        System.setProperty(Distribution.HOME_PROPERTY, home.toString());
        System.setProperty(Launch.ENGINE_TIMEOUT, "5");
    }

    @AfterEach
    void clear() {
        System.clearProperty(Distribution.HOME_PROPERTY);
        System.clearProperty(Launch.ENGINE_TIMEOUT);
    }

    private Path descriptor(String text) throws IOException {
        return Files.writeString(tmp.resolve("experiment.yaml"), text);
    }

    @Test
    void pluginsListsTheEnginesComponents() throws IOException {
        TestBundles.fakeEngine(home.resolve("bundles/fake-engine.jar"), "");
        Run r = Run.of("plugins");
        assertEquals(0, r.status(), r::toString);
        assertTrue(r.out().startsWith("ROLE "), r.out());
        assertTrue(r.out().contains("encoder  vgg "), r.out());
        assertEquals("", r.err(), "nothing but results: no logging, no warnings");

        Run json = Run.of("plugins", "--json");
        assertEquals(0, json.status(), json::toString);
        assertTrue(json.out().startsWith("[\n  {\n    \"role\": \"encoder\""), json.out());
    }

    @Test
    void descriptorProblemsExitWith2OneLineEach() throws IOException {
        TestBundles.fakeEngine(home.resolve("bundles/fake-engine.jar"), "");
        Path bad = descriptor("bad: true\n");
        Run r = Run.of("validate", bad.toString());
        assertEquals(2, r.status(), r::toString);
        assertEquals(bad + ":3:5: unknown encoder 'vgx'; did you mean 'vgg'?\n" + bad + ":7: epochs must be at least 1\n",
                r.err().replace("\r", ""));
        assertEquals("", r.out());

        Run ok = Run.of("validate", descriptor("good\n").toString(), "--set", "a=1");
        assertEquals(0, ok.status(), ok::toString);
        assertEquals("fake experiment: 1 overrides\n", ok.out());
    }

    @Test
    void runsSucceedOrFailWithTheirStatus() throws IOException {
        TestBundles.fakeEngine(home.resolve("bundles/fake-engine.jar"), "");
        Path out = tmp.resolve("run1");
        Run ok = Run.of("--threads", "1", "run", descriptor("good\n").toString(), "--out", out.toString());
        assertEquals(0, ok.status(), ok::toString);
        assertTrue(ok.out().startsWith("epoch 1 loss=0.5\n"), ok.out());
        assertTrue(ok.out().contains("test: mse=0.125 threads=1 host_keys=15\n"), "host facts reach the engine\n" + ok.out());
        assertTrue(ok.out().contains("baseline zeros: mse=1\n"), ok.out());
        assertTrue(ok.out().contains("run directory: " + out), ok.out());

        Run failed = Run.of("run", descriptor("fail\n").toString(), "--out", out.toString());
        assertEquals(1, failed.status(), failed::toString);
        assertTrue(failed.err().contains("run failed: boom\nrun directory: " + out), failed.err());

        Run crashed = Run.of("run", descriptor("crash\n").toString());
        assertEquals(1, crashed.status(), crashed::toString);
        List<String> lines = crashed.err().lines().toList();
        assertEquals(2, lines.size(), crashed.err());
        assertTrue(lines.get(0).startsWith("backend: cpu-onednn"), "a run says its backend in one line: " + crashed.err());
        assertEquals("error: the fake engine crashed", lines.get(1));

        Run verbose = Run.of("--verbose", "run", descriptor("crash\n").toString());
        assertEquals(1, verbose.status());
        assertTrue(verbose.err().contains("\tat io.xmodal.launcher.fake.FakeWorkbench.run"), "stack trace with --verbose");
        assertTrue(verbose.err().contains("native build: nd4j-native 1.0.0-M2.1 linux-x86_64-onednn"), verbose.err());
        assertTrue(verbose.err().contains("HAVE_ONEDNN"), verbose.err());
    }

    @Test
    void evaluateReportsTheMetrics() throws IOException {
        TestBundles.fakeEngine(home.resolve("bundles/fake-engine.jar"), "");
        Run r = Run.of("evaluate", Files.createDirectories(tmp.resolve("runs/x")).toString());
        assertEquals(0, r.status(), r::toString);
        assertTrue(r.out().contains("test: mse=0.25"), r.out());
    }

    @Test
    void noEngineBundle() {
        Run r = Run.of("plugins");
        assertEquals(1, r.status(), r::toString);
        assertTrue(r.err().contains("warning: bundle io.xmodal.engine [0.1.0,1.0.0) of feature test is missing: not in bundles/"), r.err());
        assertTrue(r.err().contains("error: no xmodal engine found: bundle io.xmodal.engine is not installed (missing: not in bundles/)"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void doctorReportsAndExitsWith1WithoutAnEngine() {
        Run r = Run.of("doctor");
        assertEquals(1, r.status(), r::toString);
        assertTrue(r.out().contains("\nbackend     cpu-onednn"), r.out());
        assertTrue(r.out().contains("\nnd4j        nd4j-native 1.0.0-M2.1 linux-x86_64-onednn"), r.out());
        assertTrue(r.out().contains("problem: bundle io.xmodal.engine [0.1.0,1.0.0) of feature test is missing: not in bundles/"), r.out());
        assertTrue(r.out().contains("problem: no xmodal engine found: bundle io.xmodal.engine is not installed"), r.out());
        assertTrue(r.out().endsWith("status: 2 problems\n"), r.out());
    }

    @Test
    void doctorIsHappyWithAnEngineAndNamesTheGpus() throws IOException {
        TestBundles.fakeEngine(home.resolve("bundles/fake-engine.jar"), "");
        Run r = Run.of(Map.of(GpuProbe.SIMULATE, "NVIDIA H100 80GB HBM3:9.0;NVIDIA A100-SXM4-40GB:8.0"), "doctor");
        assertEquals(0, r.status(), r::toString);
        assertTrue(r.out().contains("\nengine      ready: "), r.out());
        assertTrue(r.out().contains("gpus        GPU 0, NVIDIA H100 80GB HBM3 (compute capability 9.0, from XMODAL_SIMULATE_GPU): "
                + "the CUDA build cannot run on it (no kernels for 9.0); use the CPU"), r.out());
        assertTrue(r.out().contains("GPU 1, NVIDIA A100-SXM4-40GB (compute capability 8.0, from XMODAL_SIMULATE_GPU): the CUDA build runs on it"),
                r.out());
        assertTrue(r.out().contains("cuda build  not in this distribution"), r.out());
        assertTrue(r.out().endsWith("status: ok\n"), r.out());

        Run cuda = Run.of(Map.of(GpuProbe.SIMULATE, "NVIDIA H100 80GB HBM3:9.0"), "--backend", "cuda", "doctor");
        assertEquals(1, cuda.status(), cuda::toString);
        assertTrue(cuda.out().contains("problem: --backend cuda: GPU 0, NVIDIA H100 80GB HBM3"), cuda.out());

        Run bad = Run.of(Map.of(GpuProbe.SIMULATE, "H100"), "doctor");
        assertEquals(1, bad.status(), bad::toString);
        assertTrue(bad.out().contains("problem: XMODAL_SIMULATE_GPU='H100': 'H100' is not NAME:MAJOR.MINOR"), bad.out());
    }

    @Test
    void anUnsupportedGpuStopsTheLaunchWith2() throws IOException {
        TestBundles.fakeEngine(home.resolve("bundles/fake-engine.jar"), "");
        Path out = tmp.resolve("never");
        Run r = Run.of(Map.of(GpuProbe.SIMULATE, "NVIDIA H100 80GB HBM3:9.0"), "--backend", "cuda", "run", descriptor("good\n").toString(),
                "--out", out.toString());
        assertEquals(2, r.status(), r::toString);
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("xmodal: --backend cuda: GPU 0, NVIDIA H100 80GB HBM3 (compute capability 9.0, from XMODAL_SIMULATE_GPU)"),
                r.err());
        assertFalse(Files.exists(out), "nothing was started or written");

        Run fallback = Run.of(Map.of(GpuProbe.SIMULATE, "NVIDIA H100 80GB HBM3:9.0"), "--backend", "cuda", "--fallback", "cpu",
                "run", descriptor("good\n").toString(), "--out", out.toString());
        assertEquals(0, fallback.status(), fallback::toString);
        assertTrue(fallback.err().startsWith("warning: using cpu-onednn-avx") || fallback.err().startsWith("warning: using cpu-onednn "),
                fallback.err());
        assertTrue(fallback.err().contains(" instead of --backend cuda: GPU 0, NVIDIA H100"), fallback.err());
    }

    @Test
    void anEngineThatDoesNotResolveIsNamedWithItsMissingPackage() throws IOException {
        TestBundles.fakeEngine(home.resolve("bundles/fake-engine.jar"), "does.not.exist;version=\"[1,2)\"");
        long t0 = System.nanoTime();
        Run r = Run.of("plugins");
        assertEquals(1, r.status(), r::toString);
        assertTrue(r.err().contains("warning: bundle io.xmodal.engine 0.1.0.test did not start: missing package does.not.exist [1.0.0,2.0.0)"), r.err());
        assertTrue(r.err().contains("error: no xmodal engine found: bundle io.xmodal.engine is not active (missing package does.not.exist [1.0.0,2.0.0))"), r.err());
        assertTrue((System.nanoTime() - t0) / 1e9 < 5, "no waiting for an engine that cannot start");
    }

    @Test
    void anActiveEngineWithoutWorkbenchTimesOut() throws IOException {
        System.setProperty(Launch.ENGINE_TIMEOUT, "1");
        TestBundles.fakeEngine(home.resolve("bundles/fake-engine.jar"), "",
                "<reference name=\"never\" interface=\"java.lang.Runnable\" cardinality=\"1..1\"/>");
        Run r = Run.of("plugins");
        assertEquals(1, r.status(), r::toString);
        assertEquals("error: no xmodal engine found: bundle io.xmodal.engine is active but registered no "
                + "io.xmodal.api.runtime.Workbench service within 1 s (a component dependency is not satisfied or its "
                + "activation failed; run with --verbose)\n", r.err());
    }

    @Test
    void aBrokenBundleDoesNotStopTheOthers() throws IOException {
        TestBundles.fakeEngine(home.resolve("bundles/fake-engine.jar"), "");
        TestBundles.jar(home.resolve("dropins/broken.jar"), Map.of("Bundle-ManifestVersion", "2",
                "Bundle-SymbolicName", "broken", "Bundle-Version", "1.0.0", "Import-Package", "org.nowhere"), Map.of());
        TestBundles.jar(home.resolve("dropins/notabundle.jar"), Map.of(), Map.of());
        Files.writeString(home.resolve("features/extra.xml"), "<feature name=\"extra\" version=\"1\"><bundle name=\"absent\"/></feature>");
        Files.writeString(home.resolve("features/junk.xml"), "<feature");
        Run r = Run.of("plugins");
        assertEquals(0, r.status(), r::toString);
        List<String> warnings = r.err().lines().toList();
        assertTrue(warnings.contains("warning: bundle broken 1.0.0 did not start: missing package org.nowhere"), r.err());
        assertTrue(warnings.contains("warning: bundle absent 0.0.0 of feature extra is missing: not in bundles/"), r.err());
        assertTrue(warnings.contains("warning: notabundle.jar in dropins/ is not an OSGi bundle (no Bundle-SymbolicName): ignored"), r.err());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("warning: feature file junk.xml: not a readable feature file")), r.err());
        assertTrue(warnings.contains("warning: " + home.resolve("dropins") + " is not watched (bundle org.apache.felix.fileinstall "
                + "of feature dropins is not active): its jars are installed once, now"), r.err());
        assertEquals(5, warnings.size(), r.err());
        assertTrue(r.out().contains("\n\nbundles not active (they contribute nothing until fixed; drop-ins are read from "
                + home.resolve("dropins") + "):\n  broken 1.0.0 (dropins/broken.jar): missing package org.nowhere"), r.out());
        assertFalse(r.out().isEmpty());
    }
}
