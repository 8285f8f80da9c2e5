package io.xmodal.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real study through the assembled distribution (its descriptor names feature core only, which its runs
 * install and nothing else): three runs as child processes, one of which fails
 * while training; the study process is killed with SIGKILL while the last run trains; its child stops
 * by itself; the same command resumes, keeps the finished run byte for byte, redoes the others, and a
 * changed descriptor is refused.
 */
class StudyIT {
    private static final Path XMODAL = Path.of("target/xmodal/bin/xmodal").toAbsolutePath();

    /** Small and quick: a dense decoder on 40 faces of 16x16. Run 2 diverges (SGD with lr 10 and momentum 0.99). */
    private static final String STUDY = """
            requires:
              features: [core]
            experiment: kill-test
            seed: 1
            data:
              reader: synthetic-faces-voices
              with: {count: 40, image-size: 16, series-length: 16}
              split: {train: 0.5, val: 0.25, test: 0.25}
            model:
              input: image
              target: series
              encoder: {use: vgg, with: {blocks: 1, width: 16}}
              decoder: {use: dense, with: {steps: 16}}
              head: {use: regression, with: {activation: linear}}
            train:
              loss: mse
              optimizer: {use: sgd, with: {lr: 0.1, momentum: 0.9}}
              epochs: 1
              batch: 8
            evaluate: [mse, r2]
            samples: 1
            include:
              - {train.epochs: 1}
              - {train.optimizer.with.lr: 10, train.optimizer.with.momentum: 0.99, train.epochs: 4}
              - {train.epochs: 12}
            """;

    @TempDir
    Path tmp;

    @Test
    void aKilledStudyResumesKeepingFinishedRunsAndAFailureStaysInItsRun() throws Exception {
        Path file = tmp.resolve("study.yaml");
        Files.writeString(file, STUDY);
        Path dir = tmp.resolve("study");
        Path runs = dir.resolve("runs");

        Process first = start(file, dir, tmp.resolve("first.txt"));
        Path third = waitForEpoch(runs, "03-", first, 240);
        List<ProcessHandle> children = first.descendants().toList();
        assertFalse(children.isEmpty(), "the runs are child processes");
        first.toHandle().destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertTrue(first.waitFor(10, TimeUnit.SECONDS));
        for (ProcessHandle c : children) {
            boolean stopped = c.onExit().completeOnTimeout(null, 30, TimeUnit.SECONDS).get() != null || !c.isAlive();
            if (!stopped) {
                c.destroyForcibly();
            }
            assertTrue(stopped, "a run whose study was killed stops by itself");
        }
        String out1 = Files.readString(tmp.resolve("first.txt"));
        assertFalse(Files.exists(third.resolve("metrics.json")), "the third run was cut off: " + out1);
        Path firstRun = only(runs, "01-");
        assertTrue(Files.readString(firstRun.resolve("metrics.json")).contains("\"status\" : \"ok\""), out1);
        assertTrue(Files.readString(only(runs, "02-").resolve("metrics.json")).contains("training diverged"), out1);
        TreeMap<String, String> before = fingerprint(firstRun);
        // the study's requires.features reached its runs: core only, so FileInstall (feature dropins) was not installed
        String provenance = Files.readString(firstRun.resolve("provenance.json"));
        assertTrue(provenance.contains("\"symbolic_name\" : \"io.xmodal.engine\""), provenance);
        assertFalse(provenance.contains("org.apache.felix.fileinstall"), "a run of a study that names only core: " + provenance);

        Process second = start(file, dir, tmp.resolve("second.txt"));
        assertTrue(second.waitFor(300, TimeUnit.SECONDS), "the resumed study finished");
        String out2 = Files.readString(tmp.resolve("second.txt"));
        assertEquals(1, second.exitValue(), "one run failed: " + out2);
        assertTrue(out2.contains("resuming: 1 of 3 runs already done, 2 to go"), out2);
        assertTrue(out2.contains("redoing " + third.getFileName() + " (cut off)"), out2);
        assertEquals(before, fingerprint(firstRun), "the finished run is untouched (content and modification times)");
        String json = Files.readString(dir.resolve("study.json"));
        assertEquals(2, count(json, "\"status\" : \"ok\""), json);
        assertEquals(1, count(json, "\"status\" : \"failed\""), json);
        assertTrue(json.contains("training diverged"), json);
        assertTrue(Files.readString(only(runs, "03-").resolve("metrics.json")).contains("\"epochs\" : 12"));
        assertTrue(out2.contains("| # | train.epochs | train.optimizer.with.lr | train.optimizer.with.momentum | seeds ok |"), out2);
        assertTrue(out2.contains("3 runs: 2 ok, 1 failed"), out2);
        assertTrue(Files.isRegularFile(dir.resolve("report.html")), out2);
        try (Stream<Path> s = Files.list(dir.resolve("partial"))) {
            assertEquals(2, s.count(), "the cut-off and the failed run's old folders are kept aside");
        }

        Process changed = new ProcessBuilder(XMODAL.toString(), "study", file.toString(), "--out", dir.toString(), "--set", "train.batch=4")
                .redirectErrorStream(true).redirectOutput(tmp.resolve("third.txt").toFile()).start();
        assertTrue(changed.waitFor(120, TimeUnit.SECONDS));
        String out3 = Files.readString(tmp.resolve("third.txt"));
        assertEquals(2, changed.exitValue(), out3);
        assertTrue(out3.contains("resolves differently") && out3.contains("--restart"), out3);
        assertEquals(before, fingerprint(firstRun));
    }

    private static Process start(Path file, Path dir, Path log) throws IOException {
        return new ProcessBuilder(XMODAL.toString(), "study", file.toString(), "--out", dir.toString(), "--jobs", "1")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits until the run whose folder starts with {@code prefix} has finished an epoch; returns its folder. */
    private static Path waitForEpoch(Path runs, String prefix, Process study, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            assertTrue(study.isAlive(), "the study ended before its last run trained");
            if (Files.isDirectory(runs)) {
                try (Stream<Path> s = Files.list(runs)) {
                    for (Path p : s.toList()) {
                        if (p.getFileName().toString().startsWith(prefix) && Files.isRegularFile(p.resolve("history.csv"))) {
                            return p;
                        }
                    }
                }
            }
            Thread.sleep(200);
        }
        study.destroyForcibly();
        throw new AssertionError("no epoch of run " + prefix + " within " + seconds + " s");
    }

    private static Path only(Path runs, String prefix) throws IOException {
        try (Stream<Path> s = Files.list(runs)) {
            List<Path> l = s.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
            assertEquals(1, l.size(), l.toString());
            return l.get(0);
        }
    }

    /** Every file's SHA-256 and modification time. */
    private static TreeMap<String, String> fingerprint(Path dir) throws Exception {
        TreeMap<String, String> m = new TreeMap<>();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).forEach(files::add);
        }
        for (Path f : files) {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
            m.put(dir.relativize(f).toString(), HexFormat.of().formatHex(sha) + " " + Files.getLastModifiedTime(f).toMillis());
        }
        assertTrue(m.containsKey("metrics.json") && m.containsKey("model/graph.sd"), m.keySet().toString());
        return m;
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
