package io.xmodal.launcher;

import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.api.runtime.StudyOutcome;
import io.xmodal.api.runtime.StudyRequest;
import io.xmodal.api.runtime.Workbench;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "study", sortOptions = false,
        description = {"Run every variant of a study and compare them in a report.",
            "%nA study is an experiment descriptor plus 'vary:' (dotted paths to lists of values, crossed), optionally "
                + "'exclude:'/'include:' (lists of partial assignments) and 'seeds:' (each variant once per seed). Every run is "
                + "checked before the first one trains. Each run is a child process with its own run directory under "
                + "DIR/runs/; DIR/study.json is kept current; at the end a Markdown table is printed and DIR/report.html "
                + "(with table.csv and table.json) is written.",
            "%nInterrupted (Ctrl-C, kill, power loss)? Run the same command again: finished runs are kept, the others "
                + "(cut off or failed) are redone. If the descriptor changed meanwhile, the study stops (exit 2) and says what changed."})
final class StudyCommand implements EngineCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "The study descriptor (YAML with vary:, include:, exclude:, seeds:).")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", order = 1,
            description = "The study directory (default: studies/<experiment>); the same DIR resumes.")
    Path out;

    @Option(names = "--jobs", paramLabel = "N", order = 2, converter = Cli.PositiveInt.class,
            description = "Runs at once (default: from cores and memory: min(cores/2, memory/3 GiB), at least 1). "
                + "The threads (--threads, default all cores) are split among them.")
    Integer jobs;

    @Option(names = "--set", paramLabel = "PATH=VALUE", order = 3, converter = Cli.OverrideConverter.class,
            description = "Override a descriptor value in every variant, e.g. train.epochs=5 (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--restart", order = 4,
            description = "When DIR holds a study whose descriptor has changed: move its results to DIR/previous-<time>/ and start over.")
    boolean restart;

    @Override
    public Path descriptorFile() {
        return file;
    }

    @Override
    public List<String> descriptorOverrides() {
        return overrides;
    }

    @Override
    public String precheck() {
        return Console.fileProblem(file);
    }

    @Override
    public int execute(Workbench workbench, Console console, Map<String, String> host) throws DescriptorException {
        MachineLimits machine = MachineLimits.detect();
        int threads = Integer.parseInt(host.getOrDefault("threads", Integer.toString(machine.cores())));
        int n = jobs != null ? jobs : defaultJobs(machine);
        int each = Math.max(1, threads / n);
        ChildProcesses children = new ChildProcesses(ChildProcesses.memoryPerRun(machine, n), console.verbose());
        StudyOutcome o;
        try {
            o = workbench.study(new StudyRequest(file, out, overrides, n, each, restart, children::start, console::line));
        } finally {
            children.close();
        }
        console.line("");
        console.line(o.summary());
        console.line("");
        console.line(String.format("%d runs: %d ok, %d failed", o.runs(), o.ok(), o.failed()));
        console.line("study directory: " + o.dir());
        if (o.report() != null) {
            console.line("report: " + o.report());
        }
        return o.failed() == 0 && o.ok() == o.runs() ? 0 : 1;
    }

    /** min(cores / 2, memory / 3 GiB), at least 1: each run gets two or more threads and about 3 GiB. */
    static int defaultJobs(MachineLimits machine) {
        long byMemory = machine.memoryBytes() / (3 * Size.GIB);
        return (int) Math.max(1, Math.min(machine.cores() / 2, byMemory));
    }
}
