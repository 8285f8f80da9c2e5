package io.xmodal.engine.internal.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.api.runtime.Problem;
import io.xmodal.api.runtime.RunOutcome;
import io.xmodal.api.runtime.RunRequest;
import io.xmodal.api.runtime.StudyOutcome;
import io.xmodal.api.runtime.StudyRequest;
import io.xmodal.engine.internal.store.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Studies through the engine's facade with the real components: every variant checked before any run,
 * problems located in the study file and naming their variants, one variant run in-process, and the
 * study loop (order, failure isolation, study.json, resume, a changed descriptor) with runs started as
 * small shell processes that write what a run writes.
 */
class StudyWorkbenchTest {
    private static WorkbenchService workbench;

    @TempDir
    Path tmp;

    @BeforeAll
    static void setUp() {
        workbench = WorkbenchService.standalone(ClasspathComponents.registry());
    }

    private Path study(String extra) throws Exception {
        String tiny = Files.readString(WorkbenchEndToEndTest.tiny());
        Path f = tmp.resolve("study.yaml");
        Files.writeString(f, tiny + extra);
        return f;
    }

    @Test
    void validateChecksEveryVariantAndListsThem() throws Exception {
        Path f = study("vary:\n  model.decoder.use: [gru, lstm]\nseeds: [1, 2]\n");
        String summary = workbench.validate(f, List.of());
        assertTrue(summary.startsWith("study tiny: 4 runs (2 variants x 2 seeds), all valid; varies model.decoder.use"), summary);
        assertTrue(summary.contains("\n  1. model.decoder.use=gru: 2 epochs\n  2. model.decoder.use=lstm: 2 epochs"), summary);
    }

    @Test
    void aBadValuePointsIntoTheVaryListAndNamesItsVariant() throws Exception {
        Path f = study("vary:\n  model.encoder.with.width: [4, 0]\n  model.decoder.use: [gru, lsmt]\n");
        DescriptorException e = assertThrows(DescriptorException.class, () -> workbench.validate(f, List.of()));
        List<String> problems = e.problems().stream().map(Problem::toString).toList();
        int line = 21; // tiny.yaml has 19 lines; vary: is line 20
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(f + ":" + line + ":33: variants model.encoder.with.width=0, "
                + "model.decoder.use=gru | model.encoder.with.width=0, model.decoder.use=lsmt: ") && p.contains("width")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(f + ":" + (line + 1) + ":28: variants model.encoder.with.width=4, "
                + "model.decoder.use=lsmt | model.encoder.with.width=0, model.decoder.use=lsmt: ") && p.contains("did you mean 'lstm'")),
                problems.toString());
    }

    @Test
    void aProblemOfTheBaseIsSaidOnceForEveryVariant() throws Exception {
        Path f = study("vary:\n  model.decoder.use: [gru, lstm]\n");
        Files.writeString(f, Files.readString(f).replace("batch: 16", "batch: 0"));
        DescriptorException e = assertThrows(DescriptorException.class, () -> workbench.validate(f, List.of()));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).message().startsWith("every variant: "), e.getMessage());
        assertEquals(17, e.problems().get(0).line(), "the batch: line of the base");
    }

    @Test
    void aStudyIsNotRunAsOneExperiment() throws Exception {
        Path f = study("seeds: [1, 2]\n");
        DescriptorException e = assertThrows(DescriptorException.class,
                () -> workbench.run(new RunRequest(f, tmp.resolve("r"), List.of(), l -> { }, Map.of())));
        assertTrue(e.getMessage().contains("this is a study") && e.getMessage().contains("xmodal study"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("r")));
        DescriptorException unknown = assertThrows(DescriptorException.class,
                () -> workbench.runVariant(new RunRequest(f, tmp.resolve("r"), List.of(), l -> { }, Map.of()), "sed=1"));
        assertTrue(unknown.getMessage().contains("did you mean 'seed=1'?"), unknown.getMessage());
        DescriptorException notStudy = assertThrows(DescriptorException.class,
                () -> workbench.runVariant(new RunRequest(WorkbenchEndToEndTest.tiny(), tmp.resolve("r"), List.of(), l -> { }, Map.of()), "1"));
        assertTrue(notStudy.getMessage().contains("not a study"), notStudy.getMessage());
    }

    @Test
    @SuppressWarnings("unchecked")
    void oneVariantRunsWithItsValuesAndSaysSoInItsProvenance() throws Exception {
        Path f = study("vary:\n  model.decoder.use: [gru, dense]\n  train.epochs: [1]\n");
        Path out = tmp.resolve("run");
        RunOutcome o = workbench.runVariant(new RunRequest(f, out, List.of("samples=1"), l -> { }, Map.of()), "2");
        assertTrue(o.ok(), o::error);
        String resolved = Files.readString(out.resolve("descriptor.yaml"));
        assertTrue(resolved.contains("use: dense") && resolved.contains("epochs: 1") && resolved.contains("samples: 1"), resolved);
        assertFalse(resolved.contains("vary"), resolved);
        Map<String, Object> prov = RunDirectory.open(out).readJson("provenance.json");
        assertEquals("model.decoder.use=dense, train.epochs=1", prov.get("variant"));
    }

    /**
     * A shell stand-in for a run's process: it writes history.csv, then metrics.json with mse = the
     * run's index / 10 (decoder gru) or exits 1 with nothing written (lstm, a crash), like a real run.
     */
    private Process fakeRun(Path runDir, String variant, List<String> started) throws IOException {
        started.add(variant);
        Files.createDirectories(runDir);
        double mse = variant.contains("seed=1") ? 0.1 : 0.2;
        String script = variant.contains("lstm") ? "echo crashed; exit 1"
                : "printf 'epoch,step,split,metric,value\\n1,1,train,loss,0.5\\n' > history.csv; sleep 0.3; "
                + "printf '{\"test\": {\"mse\": " + mse + "}, \"baselines\": {\"mean\": {\"mse\": 0.3}}, \"status\": \"ok\"}' > metrics.json";
        return new ProcessBuilder("bash", "-c", script).directory(runDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    @Test
    @SuppressWarnings("unchecked")
    void runsGoOnAfterAFailureAndAResumeRedoesOnlyWhatIsNotDone() throws Exception {
        Path f = study("vary:\n  model.decoder.use: [gru, lstm]\nseeds: [1, 2]\n");
        Path dir = tmp.resolve("s");
        List<String> started = new CopyOnWriteArrayList<>();
        List<String> lines = new ArrayList<>();
        StudyRequest request = new StudyRequest(f, dir, List.of(), 2, 1, false,
                (study, variant, overrides, runDir, log, threads) -> fakeRun(runDir, variant, started), lines::add);
        StudyOutcome o = workbench.study(request);
        assertEquals(List.of("model.decoder.use=gru, seed=1", "model.decoder.use=lstm, seed=1", "model.decoder.use=gru, seed=2",
                "model.decoder.use=lstm, seed=2"), started, "plan order");
        assertEquals(4, o.runs());
        assertEquals(2, o.ok());
        assertEquals(2, o.failed());
        Map<String, Object> json = RunDirectory.open(dir).readJson("study.json");
        List<Map<String, Object>> runs = (List<Map<String, Object>>) json.get("runs");
        assertEquals(List.of("ok", "failed", "ok", "failed"), runs.stream().map(r -> r.get("status")).toList());
        assertTrue(String.valueOf(runs.get(1).get("error")).startsWith("the run's process ended with exit status 1 before it wrote "
                + "metrics.json; see logs/02-decoder-lstm_seed-1.log"), String.valueOf(runs.get(1).get("error")));
        assertEquals(Map.of("model.decoder.use", "gru"), runs.get(0).get("settings"));
        assertEquals(Map.of("mse", "lower", "r2", "higher", "loss", "lower"), json.get("higher_is_better"));
        assertTrue(o.summary().contains("| 1 | gru | 2/2 | **0.15 ± 0.071** |"), o.summary());
        assertTrue(Files.isRegularFile(o.report()));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("[1/4 done") || l.startsWith("[2/4 done")), lines.toString());

        Path kept = dir.resolve("runs/01-decoder-gru_seed-1/metrics.json");
        FileTime before = Files.getLastModifiedTime(kept);
        started.clear();
        StudyOutcome again = workbench.study(request);
        assertEquals(List.of("model.decoder.use=lstm, seed=1", "model.decoder.use=lstm, seed=2"), started, "only the failed runs are redone");
        assertEquals(before, Files.getLastModifiedTime(kept), "a finished run is not touched");
        assertEquals(2, again.ok());
        try (var s = Files.list(dir.resolve("partial"))) {
            assertEquals(2, s.count(), "the failed runs' old folders are kept aside");
        }

        Files.writeString(f, Files.readString(f).replace("batch: 16", "batch: 8"));
        DescriptorException changed = assertThrows(DescriptorException.class, () -> workbench.study(request));
        String said = changed.problems().stream().map(Problem::toString).reduce("", (a, b) -> a + b + "\n");
        assertTrue(said.contains("run 'model.decoder.use=gru, seed=1' resolves differently: resolved descriptor line 57 was "
                + "'batch: 16', is now 'batch: 8'"), said);
        assertTrue(said.contains("choose a new --out, or add --restart"), said);

        started.clear();
        StudyOutcome restarted = workbench.study(new StudyRequest(f, dir, List.of(), 2, 1, true, request.launcher(), lines::add));
        assertEquals(4, started.size(), "a restart runs everything again");
        assertEquals(2, restarted.ok());
        try (var s = Files.list(dir)) {
            assertTrue(s.anyMatch(p -> p.getFileName().toString().startsWith("previous-")), "the old results are moved, not deleted");
        }
    }

    @Test
    void aStudyDirectoryInUseIsRefusedAndAChangeBeforeAnyFinishedRunStartsOver() throws Exception {
        Path f = study("vary:\n  model.decoder.use: [gru, lstm]\n");
        Path dir = tmp.resolve("s");
        List<String> started = new CopyOnWriteArrayList<>();
        List<String> lines = new ArrayList<>();
        StudyRequest request = new StudyRequest(f, dir, List.of(), 1, 1, false,
                (study, variant, overrides, runDir, log, threads) -> fakeRun(runDir, variant, started), lines::add);
        Files.createDirectories(dir);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(dir.resolve("study.lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE); var lock = ch.lock()) {
            DescriptorException busy = assertThrows(DescriptorException.class, () -> workbench.study(request));
            assertTrue(busy.getMessage().contains("another xmodal study is running in this directory"), busy.getMessage());
        }
        assertTrue(started.isEmpty());

        // only the lstm run, which crashes, has been tried: nothing finished, so a changed descriptor just starts over
        Files.writeString(f, Files.readString(f).replace("[gru, lstm]", "[lstm]"));
        workbench.study(request);
        Files.writeString(f, Files.readString(f).replace("[lstm]", "[gru, lstm]"));
        started.clear();
        StudyOutcome o = workbench.study(request);
        assertEquals(2, started.size());
        assertEquals(1, o.ok());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("the descriptor changed, but no run had finished: starting over")), lines.toString());
    }
}
