package io.xmodal.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assembled distribution (target/xmodal, built in the package phase): layout and bin/xmodal. */
class DistributionIT {
    private static final Path DIST = Path.of("target/xmodal").toAbsolutePath();
    private static final List<String> REACTOR_BUNDLES = List.of("io.xmodal.engine", "io.xmodal.vision",
            "io.xmodal.sequence", "io.xmodal.data", "io.xmodal.metrics");

    @TempDir
    Path tmp;

    @Test
    void layout() throws IOException {
        assertTrue(Files.isExecutable(DIST.resolve("bin/xmodal")));
        assertTrue(Files.isRegularFile(DIST.resolve("dropins/README.txt")));
        assertTrue(Files.isRegularFile(DIST.resolve("features/core.xml")));
        List<String> lib = names(DIST.resolve("lib"));
        assertTrue(lib.stream().anyMatch(n -> n.startsWith("io.xmodal.launcher-")), lib.toString());
        assertTrue(lib.stream().anyMatch(n -> n.startsWith("io.xmodal.api-")), lib.toString());
        assertTrue(lib.stream().anyMatch(n -> n.startsWith("org.apache.felix.framework-")), lib.toString());
        for (CpuVariant v : List.of(CpuVariant.ONEDNN, CpuVariant.ONEDNN_AVX2, CpuVariant.ONEDNN_AVX512)) {
            assertTrue(lib.contains("nd4j-native-1.0.0-M2.1-" + v.classifier() + ".jar"), v + " ships: " + lib);
        }
        assertFalse(lib.contains("nd4j-native-1.0.0-M2.1-linux-x86_64.jar"), "the build without oneDNN stays out (-Pcpu-plain): " + lib);
        assertFalse(Files.exists(DIST.resolve("lib/cuda")), "the CUDA build only with -Pcuda");
        assertEquals(2, lib.stream().filter(n -> n.startsWith("io.xmodal.")).count(), "only the launcher and the API: " + lib);
        for (String bundle : List.of("jackson-core-", "jackson-databind-", "jackson-annotations-", "jackson-dataformat-yaml-",
                "org.apache.felix.scr-", "org.osgi.")) {
            assertFalse(lib.stream().anyMatch(n -> n.startsWith(bundle)), bundle + " stays out of lib/: " + lib);
        }
        // SnakeYAML is in lib/ for the launcher alone (requires.features, study status): never exported to bundles,
        // which get it from the org.yaml.snakeyaml bundle of feature core
        assertTrue(lib.stream().anyMatch(n -> n.startsWith("snakeyaml-")), lib.toString());
        assertTrue(Files.isRegularFile(DIST.resolve("bundles/snakeyaml-2.3.jar")) || names(DIST.resolve("bundles")).stream()
                .anyMatch(n -> n.startsWith("snakeyaml-")), "feature core's SnakeYAML bundle");
        Map<String, String> exported = SystemPackages.scan(BundleCatalog.jars(DIST.resolve("lib")));
        assertFalse(exported.keySet().stream().anyMatch(p -> p.startsWith("org.yaml.snakeyaml")), "lib/'s SnakeYAML is not exported");
        for (Path jar : BundleCatalog.jars(DIST.resolve("lib"))) {
            Optional<BundleCatalog.Entry> b = BundleCatalog.read(jar);
            assertFalse(b.isPresent() && REACTOR_BUNDLES.contains(b.get().symbolicName()), jar + " is a reactor bundle");
        }
    }

    @Test
    void everyFeatureBundleIsInTheDistribution() throws Exception {
        List<String> problems = new ArrayList<>();
        BundleCatalog catalog = BundleCatalog.scan(List.of(DIST.resolve("bundles")), problems);
        assertEquals(List.of(), problems);
        for (Path file : FeatureFile.list(DIST.resolve("features"))) {
            Feature f = FeatureFile.read(file);
            for (Feature.Ref ref : f.bundles()) {
                assertTrue(catalog.find(ref).isPresent(), "bundles/ holds " + ref + " of " + f);
            }
        }
        assertFalse(catalog.entries().stream().anyMatch(e -> e.symbolicName().equals("io.xmodal.api")),
                "the API is a system package, never a bundle");
    }

    /** Help comes from picocli alone: no ND4J, no framework class is even loaded. */
    @Test
    void helpStartsNothing() throws Exception {
        Path classLog = tmp.resolve("classes.log");
        Result r = xmodal(Map.of("XMODAL_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog), "--help");
        assertEquals(0, r.status, r.toString());
        assertTrue(r.out.contains("Exit status:"), r.out);
        String loaded = Files.readString(classLog);
        assertTrue(loaded.contains("io.xmodal.launcher.Main"), "the log works");
        assertFalse(loaded.contains("org.nd4j."), "ND4J loaded by --help");
        assertFalse(loaded.contains("org.bytedeco."), "JavaCPP loaded by --help");
        assertFalse(loaded.contains("org.apache.felix.framework."), "Felix loaded by --help");
    }

    @Test
    void usageErrorsExitWith2() throws Exception {
        Result r = xmodal(Map.of(), "run");
        assertEquals(2, r.status, r.toString());
        assertTrue(r.err.contains("Missing required parameter: 'FILE'"), r.err);
        assertEquals(2, xmodal(Map.of(), "--no-such-option").status);
    }

    /** doctor on this machine: every fact, the backend the processor calls for, and exit status 0. */
    @Test
    void doctor() throws Exception {
        Result r = xmodal(Map.of(GpuProbe.SIMULATE, "none"), "doctor");
        assertEquals(0, r.status, r.toString());
        String expected = bestFor(CpuFeatures.detect());
        for (String fact : List.of("java        17", "cpu         ", "cpu builds  cpu-onednn-avx512, cpu-onednn-avx2, cpu-onednn in lib/",
                "gpus        none (XMODAL_SIMULATE_GPU=none)", "cuda build  not in this distribution",
                "backend     " + expected + " (--backend cpu: the best build for this CPU)",
                "nd4j        nd4j-native 1.0.0-M2.1 " + CpuVariant.ofId(expected).orElseThrow().classifier() + " (HAVE_FLATBUFFERS HAVE_ONEDNN",
                "threads     ", "memory      machine ", "features    core 0.1.0", "dropins     none", "engine      ready: ")) {
            assertTrue(r.out.contains("\n" + fact) || r.out.startsWith(fact), fact + "\n" + r.out);
        }
        assertTrue(r.out.contains("/libnd4jcpu.so"), "the loaded library is named: " + r.out);
        assertTrue(r.out.endsWith("status: ok\n"), r.out);
    }

    /** The backend line of a computing command names the build that really loaded (checked after loading). */
    @Test
    void explicitCpuBuildsLoadOrAreRefused() throws Exception {
        Result generic = xmodal(Map.of(), "--backend", "cpu-generic", "--threads", "1", "--verbose", "plugins");
        assertEquals(0, generic.status, generic.toString());
        assertTrue(generic.err.contains("backend: cpu-onednn (") && generic.err.contains("oneDNN, x86-64 build; 1 thread"), generic.err);
        assertTrue(generic.err.contains("/linux-x86_64-onednn/libnd4jcpu.so"), generic.err);

        boolean avx512 = CpuVariant.ONEDNN_AVX512.runsOn(CpuFeatures.detect());
        Result r = xmodal(Map.of(), "--backend", "cpu-avx512", "plugins");
        if (avx512) {
            assertEquals(0, r.status, r.toString());
        } else {
            assertEquals(2, r.status, r.toString());
            assertTrue(r.err.startsWith("xmodal: --backend cpu-avx512: the cpu-onednn-avx512 build needs AVX-512"), r.err);
            assertEquals("", r.out);
        }
        Result plain = xmodal(Map.of(), "--backend", "cpu-plain", "plugins");
        assertEquals(2, plain.status, plain.toString());
        assertTrue(plain.err.contains("build the distribution with -Pcpu-plain"), plain.err);
    }

    /**
     * A GPU the CUDA build cannot run on (simulated: no GPU here) stops the launch with exit status 2
     * before anything loads; with --fallback cpu the run goes on and provenance.json says so.
     */
    @Test
    void unsupportedGpu() throws Exception {
        Path classLog = tmp.resolve("classes.log");
        Path out = tmp.resolve("run");
        Path experiment = Path.of("../experiments/face-to-voice.yaml").toAbsolutePath().normalize();
        Map<String, String> h100 = Map.of(GpuProbe.SIMULATE, "NVIDIA H100 80GB HBM3:9.0",
                "XMODAL_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog);
        Result r = xmodal(h100, "--backend", "cuda", "run", experiment.toString(), "--out", out.toString());
        assertEquals(2, r.status, r.toString());
        assertEquals("xmodal: --backend cuda: GPU 0, NVIDIA H100 80GB HBM3 (compute capability 9.0, from XMODAL_SIMULATE_GPU) cannot "
                + "run the CUDA build: nd4j-cuda-11.6 1.0.0-M2.1 carries GPU code for compute capability 3.7 to 8.x (cubins for sm_37 "
                + "to sm_86, no PTX), so it has no kernels for 9.0. Use the CPU instead: --backend cpu (or add --fallback cpu to go on "
                + "with the CPU)\n", r.err);
        assertEquals("", r.out);
        assertFalse(Files.exists(out), "no run directory");
        String loaded = Files.readString(classLog);
        assertTrue(loaded.contains("io.xmodal.launcher.BackendSelector"), "the log works");
        assertFalse(loaded.contains("org.nd4j."), "refused before ND4J loads");
        assertFalse(loaded.contains("org.apache.felix.framework."), "refused before the framework starts");

        Result fallback = xmodal(Map.of(GpuProbe.SIMULATE, "NVIDIA H100 80GB HBM3:9.0"), "--backend", "cuda", "--fallback", "cpu",
                "--threads", "1", "run", experiment.toString(), "--out", out.toString(), "--set", "data.with.count=120",
                "--set", "train.epochs=1", "--set", "model.decoder={use: dense, with: {steps: 64}}", "--set", "samples=1");
        assertEquals(0, fallback.status, fallback.toString());
        String expected = bestFor(CpuFeatures.detect());
        assertTrue(fallback.err.startsWith("warning: using " + expected + " instead of --backend cuda: GPU 0, NVIDIA H100"),
                fallback.err);
        assertTrue(fallback.err.contains("\nbackend: " + expected + " ("), fallback.err);
        String provenance = Files.readString(out.resolve("provenance.json"));
        assertTrue(provenance.contains("\"backend\" : \"" + expected + "\"") || provenance.contains("\"backend\": \"" + expected + "\""),
                provenance);
        assertTrue(provenance.contains("\"backend_requested\"") && provenance.contains("cuda"), provenance);
        assertTrue(provenance.contains("instead of --backend cuda"), provenance);
        assertTrue(provenance.contains("linux-x86_64-onednn"), "the native build is recorded: " + provenance);
    }

    private static String bestFor(CpuFeatures cpu) {
        return CpuVariant.ONEDNN_AVX512.runsOn(cpu) ? "cpu-onednn-avx512" : CpuVariant.ONEDNN_AVX2.runsOn(cpu) ? "cpu-onednn-avx2" : "cpu-onednn";
    }

    private record Result(int status, String out, String err) {
    }

    private Result xmodal(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(DIST.resolve("bin/xmodal").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(tmp.resolve("out.txt").toFile())
                .redirectError(tmp.resolve("err.txt").toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "bin/xmodal finished");
        return new Result(p.exitValue(), Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(tmp.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    private static List<String> names(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
