package io.xmodal.engine.internal.study;

import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.api.runtime.Problem;
import io.xmodal.api.runtime.StudyOutcome;
import io.xmodal.api.runtime.StudyRequest;
import io.xmodal.engine.internal.report.Aggregation;
import io.xmodal.engine.internal.report.MarkdownTable;
import io.xmodal.engine.internal.report.ReportWriter;
import io.xmodal.engine.internal.report.Sources;
import io.xmodal.engine.internal.store.RunDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Executes a planned study: each run in its own process (through the request's launcher), at most
 * {@code jobs} at once, in plan order. {@code study.json} is rewritten atomically whenever a run
 * starts or ends. An existing study directory is resumed: runs whose {@code metrics.json} says ok are
 * kept untouched; anything else there (a run cut off, a failed run) is moved to {@code partial/} and
 * redone. A study whose runs resolve differently from the recorded ones is refused.
 */
public final class StudyRunner {
    private static final long POLL_MILLIS = 250;

    private final StudyPlan plan;
    private final StudyRequest request;
    private final Path dir;
    private final Predicate<String> higherIsBetter;
    private final Map<String, RunState> states = new LinkedHashMap<>();
    private final Instant created;

    /** What study.json says about one run. */
    private static final class RunState {
        final StudyPlan.Planned planned;
        String status = "pending";
        String error;
        String started;
        String finished;
        double seconds = Double.NaN;
        Map<String, Object> test = Map.of();
        Map<String, Object> baselines = Map.of();
        int epoch;
        long startNanos;
        long historyStamp = -1;
        Process process;

        RunState(StudyPlan.Planned planned) {
            this.planned = planned;
        }
    }

    public StudyRunner(StudyPlan plan, StudyRequest request, Path dir, Predicate<String> higherIsBetter) {
        this.plan = plan;
        this.request = request;
        this.dir = dir.toAbsolutePath().normalize();
        this.higherIsBetter = higherIsBetter;
        this.created = Instant.now();
        plan.runs().forEach(p -> states.put(p.run().name(), new RunState(p)));
    }

    /** The default study directory: {@code studies/<experiment>} (the same command then resumes). */
    public static Path defaultLocation(Path base, String experiment) {
        return base.resolve("studies").resolve(experiment);
    }

    public StudyOutcome run() throws DescriptorException {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DescriptorException(new Problem(dir.toString(), 0, 0, "--out", "cannot create the study directory: " + e.getMessage()
                    + "; choose a writable --out"));
        }
        try (FileChannel channel = FileChannel.open(dir.resolve("study.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = tryLock(channel)) {
            if (lock == null) {
                throw new DescriptorException(new Problem(dir.toString(), 0, 0, "--out", "another xmodal study is running in this "
                        + "directory; wait for it to end or choose another --out"));
            }
            resume();
            execute();
            return finish();
        } catch (IOException e) {
            throw new UncheckedIOException("study directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    /** Checks a recorded study against this one, keeps finished runs and moves partial ones aside. */
    private void resume() throws IOException, DescriptorException {
        Path json = dir.resolve("study.json");
        if (Files.isRegularFile(json)) {
            List<String> changes = StudyChanges.between(RunDirectory.open(dir).readJson("study.json"), plan, dir);
            if (!changes.isEmpty()) {
                if (!request.restart() && StudyChanges.finishedRuns(dir) > 0) {
                    List<Problem> problems = new ArrayList<>();
                    for (String c : changes.subList(0, Math.min(changes.size(), 3))) {
                        problems.add(new Problem(plan.file().toString(), 0, 0, "", c));
                    }
                    if (changes.size() > 3) {
                        problems.add(new Problem(plan.file().toString(), 0, 0, "", "... and " + (changes.size() - 3) + " more changed runs"));
                    }
                    problems.add(new Problem(plan.file().toString(), 0, 0, "", "the study in " + dir + " was run with a different "
                            + "descriptor, and its results must not be mixed with these; choose a new --out, or add --restart to move "
                            + "the old results to " + dir.resolve("previous-<time>") + " and start over"));
                    throw new DescriptorException(problems);
                }
                Path previous = dir.resolve("previous-" + stamp());
                Files.createDirectories(previous);
                for (String name : List.of("study.json", "runs", "logs", "plan", "partial", "report.html", "table.csv", "table.json")) {
                    if (Files.exists(dir.resolve(name))) {
                        Files.move(dir.resolve(name), previous.resolve(name));
                    }
                }
                request.progress().accept((request.restart() ? "restart" : "the descriptor changed, but no run had finished")
                        + ": starting over; the previous files are now in " + previous);
            }
        }
        for (RunState s : states.values()) {
            Path runDir = runDir(s);
            if (!Files.exists(runDir)) {
                continue;
            }
            Map<String, Object> metrics = readMetrics(runDir);
            if (metrics != null && "ok".equals(metrics.get("status"))) {
                done(s, metrics, null);
                s.started = "earlier";
                continue;
            }
            Path aside = dir.resolve("partial").resolve(s.planned.dir() + "-" + stamp());
            Files.createDirectories(aside.getParent());
            Files.move(runDir, aside);
            request.progress().accept("redoing " + s.planned.dir() + " (" + (metrics == null ? "cut off" : "failed") + "); its old folder is now "
                    + dir.relativize(aside));
        }
        for (StudyPlan.Planned p : plan.runs()) {
            RunDirectory.open(dir).writeText("plan/" + p.dir() + ".yaml", p.resolved());
        }
        writeStudyJson();
    }

    private void execute() throws IOException {
        Deque<RunState> pending = new ArrayDeque<>();
        states.values().stream().filter(s -> s.status.equals("pending")).forEach(pending::add);
        List<RunState> running = new ArrayList<>();
        int total = states.size();
        int kept = total - pending.size();
        if (kept > 0) {
            request.progress().accept(String.format(Locale.ROOT, "resuming: %d of %d runs already done, %d to go", kept, total, pending.size()));
        }
        request.progress().accept(String.format(Locale.ROOT, "study %s: %d runs, %d at once, %d threads each; directory %s",
                plan.experiment(), total, request.jobs(), request.threads(), dir));
        while (!pending.isEmpty() || !running.isEmpty()) {
            while (running.size() < request.jobs() && !pending.isEmpty()) {
                RunState s = pending.poll();
                start(s);
                running.add(s);
                writeStudyJson();
                event("started " + s.planned.dir(), running);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running.forEach(s -> s.process.destroy());
                throw new IllegalStateException("the study was interrupted; run the same command again to resume");
            }
            for (RunState s : List.copyOf(running)) {
                if (!s.process.isAlive()) {
                    running.remove(s);
                    ended(s);
                    writeStudyJson();
                    event((s.status.equals("ok") ? "finished " : "FAILED ") + s.planned.dir()
                            + (s.error == null ? "" : ": " + s.error), running);
                } else if (epochAdvanced(s)) {
                    event(s.planned.dir() + " epoch " + s.epoch + "/" + s.planned.experiment().train().epochs(), running);
                }
            }
        }
    }

    private void start(RunState s) throws IOException {
        Path runDir = runDir(s);
        Path log = dir.resolve("logs").resolve(s.planned.dir() + ".log");
        Files.createDirectories(log.getParent());
        Files.createDirectories(runDir.getParent());
        s.status = "running";
        s.started = Instant.now().toString();
        s.startNanos = System.nanoTime();
        s.epoch = 0;
        s.process = request.launcher().start(plan.file(), s.planned.run().name(), request.overrides(), runDir, log, request.threads());
    }

    private void ended(RunState s) {
        int exit;
        try {
            exit = s.process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit = -1;
        }
        Map<String, Object> metrics = readMetrics(runDir(s));
        s.seconds = (System.nanoTime() - s.startNanos) / 1e9;
        if (metrics != null && "ok".equals(metrics.get("status"))) {
            done(s, metrics, null);
        } else if (metrics != null) {
            done(s, metrics, String.valueOf(metrics.getOrDefault("error", "failed (no reason given)")));
        } else {
            s.status = "failed";
            s.error = "the run's process ended with exit status " + exit + " before it wrote metrics.json" + logTail(s);
        }
        s.finished = Instant.now().toString();
    }

    @SuppressWarnings("unchecked")
    private void done(RunState s, Map<String, Object> metrics, String error) {
        s.status = error == null ? "ok" : "failed";
        s.error = error;
        s.test = (Map<String, Object>) metrics.getOrDefault("test", Map.of());
        s.baselines = (Map<String, Object>) metrics.getOrDefault("baselines", Map.of());
        if (metrics.get("train_seconds") instanceof Number n && Double.isNaN(s.seconds)) {
            s.seconds = n.doubleValue();
        }
    }

    private String logTail(RunState s) {
        Path log = dir.resolve("logs").resolve(s.planned.dir() + ".log");
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
            String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
            return "; see " + dir.relativize(log) + (last.isEmpty() ? "" : " (last line: " + last + ")");
        } catch (IOException e) {
            return "; see " + dir.relativize(log);
        }
    }

    private boolean epochAdvanced(RunState s) {
        Path history = runDir(s).resolve("history.csv");
        try {
            long stamp = Files.isRegularFile(history) ? Files.getLastModifiedTime(history).toMillis() : -1;
            if (stamp == s.historyStamp) {
                return false;
            }
            s.historyStamp = stamp;
            int epoch = 0;
            for (String line : Files.readAllLines(history, StandardCharsets.UTF_8)) {
                int comma = line.indexOf(',');
                if (comma > 0 && Character.isDigit(line.charAt(0))) {
                    epoch = Math.max(epoch, Integer.parseInt(line.substring(0, comma)));
                }
            }
            boolean advanced = epoch > s.epoch;
            s.epoch = epoch;
            return advanced;
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    /** One progress line: runs done of total, failures, the event, the running runs' epochs and the ETA. */
    private void event(String what, List<RunState> running) {
        long done = states.values().stream().filter(s -> s.status.equals("ok") || s.status.equals("failed")).count();
        long failed = states.values().stream().filter(s -> s.status.equals("failed")).count();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "[%d/%d done%s] %s", done, states.size(),
                failed > 0 ? ", " + failed + " failed" : "", what));
        double eta = etaSeconds(running);
        if (Double.isFinite(eta) && done < states.size()) {
            b.append(" | ETA ").append(duration(eta));
        }
        request.progress().accept(b.toString());
    }

    /**
     * Remaining epochs times the seconds an epoch has taken so far (runs finished in this session, else
     * the running ones), shared among the parallel jobs; NaN before any epoch has been timed.
     */
    private double etaSeconds(List<RunState> running) {
        double seconds = 0;
        long epochs = 0;
        long remaining = 0;
        for (RunState s : states.values()) {
            int total = s.planned.experiment().train().epochs();
            if (s.status.equals("pending")) {
                remaining += total;
            } else if (s.status.equals("running")) {
                remaining += total - s.epoch;
                if (s.epoch > 0) {
                    seconds += (System.nanoTime() - s.startNanos) / 1e9;
                    epochs += s.epoch;
                }
            } else if (s.startNanos != 0 && !Double.isNaN(s.seconds)) {
                seconds += s.seconds;
                epochs += total;
            }
        }
        if (epochs == 0) {
            return Double.NaN;
        }
        return seconds / epochs * remaining / Math.max(1, Math.min(request.jobs(), running.size() + 1));
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }

    private StudyOutcome finish() {
        writeStudyJson();
        int ok = (int) states.values().stream().filter(s -> s.status.equals("ok")).count();
        int failed = (int) states.values().stream().filter(s -> s.status.equals("failed")).count();
        Sources sources = Sources.load(List.of(dir));
        Aggregation agg = Aggregation.of(sources.runs(), higherIsBetter);
        String summary = MarkdownTable.of(agg);
        Path report = dir.resolve("report.html");
        try {
            new ReportWriter(sources, agg).write(report);
        } catch (RuntimeException e) {
            request.progress().accept("warning: the report could not be written: " + e.getMessage());
            report = null;
        }
        return new StudyOutcome(dir, states.size(), ok, failed, report, summary);
    }

    private void writeStudyJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("study", plan.file().toAbsolutePath().toString());
        m.put("experiment", plan.experiment());
        m.put("study_sha256", plan.fileSha256());
        m.put("overrides", request.overrides());
        m.put("varied", plan.study().varied());
        m.put("seeds", plan.study().seeds());
        m.put("jobs", request.jobs());
        m.put("threads", request.threads());
        m.put("created", created.toString());
        m.put("updated", Instant.now().toString());
        Map<String, String> directions = new LinkedHashMap<>();
        plan.runs().get(0).experiment().metrics().forEach(x -> directions.put(x, higherIsBetter.test(x) ? "higher" : "lower"));
        directions.put("loss", "lower");
        m.put("higher_is_better", directions);
        List<Object> runs = new ArrayList<>();
        for (RunState s : states.values()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("index", s.planned.run().index());
            r.put("variant", s.planned.run().variant());
            r.put("name", s.planned.run().name());
            r.put("dir", s.planned.dir());
            Map<String, String> settings = new LinkedHashMap<>();
            s.planned.run().settings().forEach(x -> settings.put(x.path(), x.text()));
            r.put("settings", settings);
            r.put("seed", s.planned.experiment().seed());
            r.put("descriptor_sha256", s.planned.sha256());
            r.put("status", s.status);
            r.put("error", s.error);
            r.put("started", s.started);
            r.put("finished", s.finished);
            r.put("seconds", Double.isNaN(s.seconds) ? null : Math.round(s.seconds * 10) / 10.0);
            r.put("test", s.test);
            r.put("baselines", s.baselines);
            runs.add(r);
        }
        m.put("runs", runs);
        RunDirectory.open(dir).writeJson("study.json", m);
    }

    private Path runDir(RunState s) {
        return dir.resolve("runs").resolve(s.planned.dir());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> readMetrics(Path runDir) {
        Path f = runDir.resolve("metrics.json");
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            return RunDirectory.JSON.readValue(f.toFile(), Map.class);
        } catch (IOException e) {
            return null;
        }
    }

    private static String stamp() {
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"));
    }
}
