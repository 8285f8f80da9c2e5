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
        assertTrue(lib.stream().anyMatch(n -> n.startsWith("nd4j-native-") && n.endsWith("-linux-x86_64-onednn.jar")), lib.toString());
        assertEquals(2, lib.stream().filter(n -> n.startsWith("io.xmodal.")).count(), "only the launcher and the API: " + lib);
        for (String bundle : List.of("jackson-core-", "jackson-databind-", "jackson-annotations-", "jackson-dataformat-yaml-",
                "snakeyaml-", "org.apache.felix.scr-", "org.osgi.")) {
            assertFalse(lib.stream().anyMatch(n -> n.startsWith(bundle)), bundle + " stays out of lib/: " + lib);
        }
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

    private record Result(int status, String out, String err) {
    }

    private Result xmodal(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(DIST.resolve("bin/xmodal").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(tmp.resolve("out.txt").toFile())
                .redirectError(tmp.resolve("err.txt").toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "bin/xmodal finished");
        return new Result(p.exitValue(), Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(tmp.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    private static List<String> names(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
