package io.xmodal.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The third-party example end to end: docs/examples/third-party-encoder is built by Maven (offline,
 * its own unit tests and gradient check included) against the API of this build, its jar is dropped
 * into a drop-in folder of the assembled distribution, and xmodal lists its encoder and trains the
 * example's descriptor with it.
 *
 * <p>The example depends on {@code io.xmodal:io.xmodal.api:0.1.0-SNAPSHOT}, which a user has in the
 * local repository after xmodal's own build. This test must not install anything into the shared
 * local repository, so it builds the example against an overlay: a temporary repository whose
 * {@code io/xmodal} holds the API jar of this distribution's {@code lib/} (and the two parent poms),
 * every other folder being a symbolic link into the real local repository.
 */
class ThirdPartyExampleIT {
    private static final Path DIST = Path.of("target/xmodal").toAbsolutePath();
    private static final Path ROOT = Path.of(System.getProperty("xmodal.projectRoot", "..")).toAbsolutePath().normalize();
    private static final String VERSION = LauncherVersion.get();

    @TempDir
    Path tmp;

    @Test
    void buildDropInAndRun() throws Exception {
        Path project = tmp.resolve("third-party-encoder");
        copyTree(ROOT.resolve("docs/examples/third-party-encoder"), project);
        Path repo = overlayRepository(tmp.resolve("repository"));
        Result build = exec(project, 600, maven(), "-B", "-o", "-q", "-Dmaven.repo.local=" + repo, "package");
        assertEquals(0, build.status, "the example builds offline against this API\n" + build);
        Path jar = project.resolve("target/example-mlp-encoder-1.0.0.jar");
        assertTrue(Files.isRegularFile(jar), build.toString());

        Path dropins = Files.createDirectories(tmp.resolve("dropins"));
        Files.copy(jar, dropins.resolve(jar.getFileName()));
        Result plugins = exec(project, 120, DIST.resolve("bin/xmodal").toString(), "--dropins", dropins.toString(), "plugins");
        assertEquals(0, plugins.status, plugins.toString());
        assertTrue(plugins.out.lines().anyMatch(l -> l.matches("encoder +example-mlp +example-mlp-encoder +1\\.0\\.0 +hidden=64 int, width=32 int")),
                plugins.toString());
        assertTrue(!plugins.out.contains("bundles not active"), plugins.toString());

        Path out = tmp.resolve("run");
        Result run = exec(project, 600, DIST.resolve("bin/xmodal").toString(), "--threads", "2", "--dropins", dropins.toString(),
                "run", "face-to-voice-mlp.yaml", "--out", out.toString());
        assertEquals(0, run.status, run.toString());
        assertTrue(run.out.contains("image image[1x16x16] -> example-mlp -> dense -> regression"), run.out);
        String metrics = Files.readString(out.resolve("metrics.json"));
        assertTrue(metrics.contains("\"status\" : \"ok\""), metrics);
        // "test": {..., "r2": x}, then "baselines": {"mean": {..., "r2": y}}
        Matcher m = Pattern.compile("\"r2\" : (-?[0-9.eE-]+)").matcher(metrics);
        assertTrue(m.find(), metrics);
        double r2 = Double.parseDouble(m.group(1));
        assertTrue(m.find(), metrics);
        double baseline = Double.parseDouble(m.group(1));
        assertTrue(r2 > baseline + 0.1, "the encoder learned something: r2 " + r2 + " vs the mean baseline " + baseline);
        String provenance = Files.readString(out.resolve("provenance.json"));
        assertTrue(provenance.contains("\"symbolic_name\" : \"example-mlp-encoder\""), provenance);
    }

    /** A local repository with this build's API in io/xmodal and links to the real one for the rest. */
    private static Path overlayRepository(Path overlay) throws IOException {
        Path real = Path.of(System.getProperty("xmodal.localRepository",
                System.getProperty("user.home") + "/.m2/repository")).toAbsolutePath();
        link(real, overlay, "io");
        link(real.resolve("io"), overlay.resolve("io"), "xmodal");
        Path x = Files.createDirectories(overlay.resolve("io/xmodal"));
        Path api = x.resolve("io.xmodal.api/" + VERSION);
        Files.createDirectories(api);
        Path apiJar;
        try (Stream<Path> lib = Files.list(DIST.resolve("lib"))) {
            apiJar = lib.filter(p -> p.getFileName().toString().startsWith("io.xmodal.api-")).findFirst().orElseThrow();
        }
        Files.copy(apiJar, api.resolve("io.xmodal.api-" + VERSION + ".jar"));
        Files.copy(ROOT.resolve("bundles/io.xmodal.api/pom.xml"), api.resolve("io.xmodal.api-" + VERSION + ".pom"));
        Files.copy(ROOT.resolve("bundles/pom.xml"), Files.createDirectories(x.resolve("bundles/" + VERSION))
                .resolve("bundles-" + VERSION + ".pom"));
        Files.copy(ROOT.resolve("pom.xml"), Files.createDirectories(x.resolve("xmodal/" + VERSION)).resolve("xmodal-" + VERSION + ".pom"));
        return overlay;
    }

    /** Links every entry of {@code from} into {@code to}, except {@code except}. */
    private static void link(Path from, Path to, String except) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> entries = Files.list(from)) {
            for (Path e : entries.toList()) {
                if (!e.getFileName().toString().equals(except)) {
                    Files.createSymbolicLink(to.resolve(e.getFileName().toString()), e);
                }
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path rel = from.relativize(f);
                if (rel.startsWith("target")) {
                    continue;
                }
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to.resolve(rel.toString()));
                } else {
                    Files.copy(f, to.resolve(rel.toString()));
                }
            }
        }
    }

    private static String maven() {
        String home = System.getProperty("xmodal.mavenHome");
        if (home != null && Files.isExecutable(Path.of(home, "bin/mvn"))) {
            return Path.of(home, "bin/mvn").toString();
        }
        return "mvn";
    }

    private record Result(int status, String out, String err) {
        @Override
        public String toString() {
            return "status " + status + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private Result exec(Path dir, int timeoutSeconds, String... command) throws Exception {
        Path o = Files.createTempFile(tmp, "out", ".txt");
        Path e = Files.createTempFile(tmp, "err", ".txt");
        Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(dir.toFile())
                .redirectOutput(o.toFile()).redirectError(e.toFile()).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
        }
        return new Result(p.exitValue(), Files.readString(o, StandardCharsets.UTF_8), Files.readString(e, StandardCharsets.UTF_8));
    }
}
