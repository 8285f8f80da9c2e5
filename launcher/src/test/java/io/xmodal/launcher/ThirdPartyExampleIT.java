package io.xmodal.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
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
    static Path tmp;
    private static Path project;
    private static Path jar;

    /** Builds the example once for all tests. */
    @BeforeAll
    static void build() throws Exception {
        project = tmp.resolve("third-party-encoder");
        copyTree(ROOT.resolve("docs/examples/third-party-encoder"), project);
        Path repo = overlayRepository(tmp.resolve("repository"));
        Result build = exec(project, 600, maven(), "-B", "-o", "-q", "-Dmaven.repo.local=" + repo, "package");
        assertEquals(0, build.status, "the example builds offline against this API\n" + build);
        jar = project.resolve("target/example-mlp-encoder-1.0.0.jar");
        assertTrue(Files.isRegularFile(jar), build.toString());
    }

    @Test
    void buildDropInAndRun() throws Exception {

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

    /**
     * Two versions of the bundle side by side in the drop-in folder: both are listed, the highest is
     * used by default, a pin in the descriptor chooses the other, and a pin nothing meets stops with
     * exit status 2 before training, saying what is installed.
     */
    @Test
    void sideBySideVersionsAndPins() throws Exception {
        Path dropins = Files.createDirectories(tmp.resolve("two-versions"));
        Files.copy(jar, dropins.resolve("example-1.0.0.jar"));
        withVersion(jar, dropins.resolve("example-1.1.0.jar"), "1.1.0");
        String xmodal = DIST.resolve("bin/xmodal").toString();
        Result plugins = exec(project, 120, xmodal, "--dropins", dropins.toString(), "plugins");
        assertEquals(0, plugins.status, plugins.toString());
        assertTrue(listsVersion(plugins.out, "1.0.0") && listsVersion(plugins.out, "1.1.0"), plugins.out);

        Path pinned = tmp.resolve("pinned");
        Result run = exec(project, 600, xmodal, "--threads", "2", "--dropins", dropins.toString(), "run", "face-to-voice-mlp.yaml",
                "--set", "model.encoder.use=example-mlp@[1.0,1.1)", "--set", "train.epochs=1", "--out", pinned.toString());
        assertEquals(0, run.status, run.toString());
        String provenance = Files.readString(pinned.resolve("provenance.json")).replaceAll("\\s+", " ");
        assertTrue(provenance.contains("\"encoder\" : { \"name\" : \"example-mlp\", \"bundle\" : \"example-mlp-encoder\", "
                + "\"version\" : \"1.0.0\" }"), provenance);

        Path latest = tmp.resolve("latest");
        run = exec(project, 600, xmodal, "--threads", "2", "--dropins", dropins.toString(), "run", "face-to-voice-mlp.yaml",
                "--set", "train.epochs=1", "--out", latest.toString());
        assertEquals(0, run.status, run.toString());
        assertTrue(Files.readString(latest.resolve("provenance.json")).replaceAll("\\s+", " ").contains(
                "\"bundle\" : \"example-mlp-encoder\", \"version\" : \"1.1.0\" }"), "the highest version by default");

        Result unmet = exec(project, 120, xmodal, "--dropins", dropins.toString(), "run", "face-to-voice-mlp.yaml",
                "--set", "model.encoder.use=example-mlp@[2,3)", "--out", tmp.resolve("never").toString());
        assertEquals(2, unmet.status, unmet.toString());
        assertTrue(unmet.err.contains("model.encoder.use: no installed version of 'example-mlp' is in [2.0.0,3.0.0); installed: "
                + "encoder example-mlp 1.1.0 (bundle example-mlp-encoder), encoder example-mlp 1.0.0 (bundle example-mlp-encoder)"), unmet.err);
        assertTrue(!Files.exists(tmp.resolve("never")), "nothing written");
    }

    /**
     * Hot deployment in one long-lived xmodal (the shell): the jar copied into the watched folder is
     * listed and trained with, a replaced jar (version 1.1.0) is used by the next run, a removed one
     * is gone, without a restart.
     */
    @Test
    void hotAddUpdateAndRemoveInTheShell() throws Exception {
        Path dropins = Files.createDirectories(tmp.resolve("hot-dropins"));
        Process p = new ProcessBuilder(DIST.resolve("bin/xmodal").toString(), "--threads", "2", "--dropins", dropins.toString(), "shell")
                .directory(project.toFile()).redirectErrorStream(true).start();
        Shell shell = new Shell(p);
        try {
            String listed = shell.command("plugins", 120);
            assertTrue(listed.contains("encoder    vgg"), listed);
            assertTrue(!listed.contains("example-mlp"), listed);

            // add: copied in (atomically, as a finished file) while xmodal runs
            Path staging = Files.createDirectories(tmp.resolve("staging"));
            Files.copy(jar, staging.resolve("example.jar"));
            Files.move(staging.resolve("example.jar"), dropins.resolve("example.jar"), StandardCopyOption.ATOMIC_MOVE);
            listed = shell.until("plugins", out -> out.contains("example-mlp"), 30);
            assertTrue(listed.lines().anyMatch(l -> l.matches("encoder +example-mlp +example-mlp-encoder +1\\.0\\.0 .*")), listed);
            String run1 = shell.command("run face-to-voice-mlp.yaml --set train.epochs=1 --out " + tmp.resolve("hot-run1"), 300);
            assertTrue(run1.contains("run directory: " + tmp.resolve("hot-run1")), run1);
            assertTrue(Files.readString(tmp.resolve("hot-run1/provenance.json")).matches(
                    "(?s).*\"symbolic_name\" : \"example-mlp-encoder\",\\s*\"version\" : \"1\\.0\\.0\".*"), "run 1 used 1.0.0");

            // update: the same file replaced by version 1.1.0; the next run uses it
            withVersion(jar, staging.resolve("example.jar"), "1.1.0");
            Files.move(staging.resolve("example.jar"), dropins.resolve("example.jar"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            listed = shell.until("plugins", out -> listsVersion(out, "1.1.0"), 30);
            assertTrue(!listsVersion(listed, "1.0.0"), "the old version is gone: " + listed);
            String run2 = shell.command("run face-to-voice-mlp.yaml --set train.epochs=1 --out " + tmp.resolve("hot-run2"), 300);
            assertTrue(run2.contains("run directory: " + tmp.resolve("hot-run2")), run2);
            assertTrue(Files.readString(tmp.resolve("hot-run2/provenance.json")).matches(
                    "(?s).*\"symbolic_name\" : \"example-mlp-encoder\",\\s*\"version\" : \"1\\.1\\.0\".*"), "run 2 used 1.1.0");

            // a run in progress keeps what it started with: the jar is replaced (1.2.0) while it trains
            Path run3 = tmp.resolve("hot-run3");
            int start = shell.consumed;
            shell.send("run face-to-voice-mlp.yaml --set train.epochs=20 --set train.batch=16 --set data.with.count=2000 --out " + run3);
            shell.awaitText(" 1/20  train.loss", start, 300);
            withVersion(jar, staging.resolve("example.jar"), "1.2.0");
            Files.move(staging.resolve("example.jar"), dropins.resolve("example.jar"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            long replaced = System.nanoTime();
            String during = shell.finish(start, 300);
            // FileInstall polls every second: the run must have gone on well after the jar changed
            double overlap = (System.nanoTime() - replaced) / 1e9;
            assertTrue(overlap > 3, "the run ended " + overlap + " s after the jar was replaced; too soon to overlap the update");
            assertTrue(during.contains("run directory: " + run3), during);
            assertTrue(Files.readString(run3.resolve("metrics.json")).contains("\"status\" : \"ok\""), during);
            assertTrue(Files.readString(run3.resolve("provenance.json")).replaceAll("\\s+", " ").contains(
                    "\"bundle\" : \"example-mlp-encoder\", \"version\" : \"1.1.0\" }"), "the run kept 1.1.0");
            listed = shell.until("plugins", out -> listsVersion(out, "1.2.0"), 30);

            // the framework commands and the features are there too
            String lb = shell.command("lb -s", 30);
            assertTrue(lb.contains("example-mlp-encoder") && lb.contains("org.apache.felix.fileinstall"), lb);
            String features = shell.command("features", 30);
            assertTrue(features.contains("dropins 0.1.0 (dropins.xml): installed"), features);
            assertTrue(features.contains("org.apache.felix.fileinstall [3.7.0,4.0.0): 3.7.4 active"), features);

            // remove
            Files.delete(dropins.resolve("example.jar"));
            listed = shell.until("plugins", out -> !out.contains("example-mlp"), 30);
            String validate = shell.command("validate face-to-voice-mlp.yaml", 60);
            assertTrue(validate.contains("unknown encoder 'example-mlp'"), validate);
            assertTrue(validate.contains("validate: exit status 2"), validate);

            shell.send("exit");
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the shell ends on exit");
            assertEquals(0, p.exitValue(), shell.all());
        } finally {
            p.destroyForcibly();
        }
    }

    /** The jar with another Bundle-Version in its manifest. */
    private static void withVersion(Path from, Path to, String version) throws IOException {
        try (JarFile in = new JarFile(from.toFile())) {
            Manifest mf = new Manifest(in.getManifest());
            mf.getMainAttributes().putValue("Bundle-Version", version);
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(to), mf)) {
                for (JarEntry e : java.util.Collections.list(in.entries())) {
                    if (e.getName().equals("META-INF/MANIFEST.MF")) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(e.getName()));
                    in.getInputStream(e).transferTo(out);
                    out.closeEntry();
                }
            }
        }
    }

    /** The shell's input and everything it prints (stdout and stderr), command by command. */
    private static final class Shell {
        private final Process process;
        private final StringBuffer out = new StringBuffer();
        private final Writer in;
        private int consumed;

        Shell(Process process) {
            this.process = process;
            this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            Thread reader = new Thread(() -> {
                try (Reader r = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) {
                    char[] buf = new char[4096];
                    for (int n; (n = r.read(buf)) > 0; ) {
                        out.append(buf, 0, n);
                    }
                } catch (IOException e) {
                    // the process ended
                }
            }, "shell-output");
            reader.setDaemon(true);
            reader.start();
        }

        void send(String line) throws IOException {
            in.write(line + "\n");
            in.flush();
        }

        /** Sends a command and returns what it printed, up to the next prompt. */
        String command(String line, int timeoutSeconds) throws Exception {
            if (consumed == 0) {
                consumed = awaitPrompt(0, 120) + ShellCommand.PROMPT.length(); // the first prompt
            }
            int start = consumed;
            send(line);
            int end = awaitPrompt(start, timeoutSeconds);
            consumed = end + ShellCommand.PROMPT.length();
            return out.substring(start, end);
        }

        /** Waits until {@code text} is printed after {@code from}. */
        void awaitText(String text, int from, int timeoutSeconds) throws InterruptedException {
            long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
            while (out.indexOf(text, from) < 0) {
                assertTrue(process.isAlive(), "the shell ended:\n" + out);
                assertTrue(System.nanoTime() < deadline, "'" + text + "' not printed within " + timeoutSeconds + " s:\n" + out);
                Thread.sleep(50);
            }
        }

        /** What a command sent with {@link #send} printed, once its prompt is back. */
        String finish(int start, int timeoutSeconds) throws InterruptedException {
            int end = awaitPrompt(start, timeoutSeconds);
            consumed = end + ShellCommand.PROMPT.length();
            return out.substring(start, end);
        }

        /** Repeats a command until its output satisfies the condition. */
        String until(String line, java.util.function.Predicate<String> condition, int timeoutSeconds) throws Exception {
            long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
            while (true) {
                String got = command(line, 60);
                if (condition.test(got)) {
                    return got;
                }
                assertTrue(System.nanoTime() < deadline, "within " + timeoutSeconds + " s, '" + line + "' printed the expected, last:\n" + got);
                Thread.sleep(300);
            }
        }

        /** Waits for the next prompt at or after {@code from}; returns where it starts. */
        private int awaitPrompt(int from, int timeoutSeconds) throws InterruptedException {
            long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
            while (true) {
                int at = out.indexOf(ShellCommand.PROMPT, from);
                if (at >= 0) {
                    return at;
                }
                assertTrue(process.isAlive(), "the shell ended:\n" + out);
                assertTrue(System.nanoTime() < deadline, "no prompt within " + timeoutSeconds + " s:\n" + out);
                Thread.sleep(50);
            }
        }

        String all() {
            return out.toString();
        }
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
    static void link(Path from, Path to, String except) throws IOException {
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

    static String maven() {
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

    private static Result exec(Path dir, int timeoutSeconds, String... command) throws Exception {
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

    /** True when the plugins table lists the example bundle in this version (columns are as wide as the longest name). */
    private static boolean listsVersion(String table, String version) {
        return java.util.regex.Pattern.compile("example-mlp-encoder +" + java.util.regex.Pattern.quote(version) + " ").matcher(table).find();
    }
}
