package io.xmodal.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** Parsing, help and usage errors: all answered before ND4J or the framework starts. */
class CliTest {
    private static final List<String> COMMANDS = List.of("run", "validate", "study", "report", "plugins", "features",
            "evaluate", "bench", "data", "doctor", "shell");

    @TempDir
    Path tmp;

    @Test
    void helpListsEverySubcommandAndTheExitStatuses() {
        Run r = Run.of("--help");
        assertEquals(0, r.status(), r::toString);
        for (String c : COMMANDS) {
            assertTrue(r.out().contains("\n  " + c + " "), "help lists " + c + "\n" + r.out());
        }
        for (String option : List.of("--verbose", "--threads", "--offheap", "--backend", "--fallback", "--help", "--version",
                "XMODAL_SIMULATE_GPU")) {
            assertTrue(r.out().contains(option), option);
        }
        assertExitStatuses(r.out());
        assertEquals("", r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "validate", "study", "report", "plugins", "features", "evaluate", "bench", "data", "doctor",
        "shell"})
    void subcommandHelpIsComplete(String command) {
        Run r = Run.of(command, "--help");
        assertEquals(0, r.status(), r::toString);
        assertTrue(r.out().startsWith("Usage: xmodal " + command), r.out());
        assertFalse(r.out().contains("%n") || r.err().contains("Could not format"), "every format string renders: " + r);
        assertExitStatuses(r.out());
        for (String option : List.of("--verbose", "--threads", "--offheap", "--backend")) {
            assertTrue(r.out().contains(option), command + " help shows the global option " + option);
        }
        assertEquals(Run.of("help", command).out(), r.out(), "'help " + command + "' prints the same");
    }

    @Test
    void everyOptionAndParameterIsDocumented() {
        CommandLine cl = Cli.create();
        check(cl.getCommandSpec());
        cl.getSubcommands().values().forEach(sub -> check(sub.getCommandSpec()));
        assertTrue(cl.getSubcommands().keySet().containsAll(COMMANDS));
    }

    private static void check(CommandSpec spec) {
        assertTrue(spec.usageMessage().description().length > 0, spec.qualifiedName() + " has a description");
        for (OptionSpec o : spec.options()) {
            assertTrue(o.description().length > 0 && !o.description()[0].isBlank(), spec.qualifiedName() + " " + o.longestName());
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            assertTrue(p.description().length > 0, spec.qualifiedName() + " " + p.paramLabel());
        }
    }

    private static void assertExitStatuses(String help) {
        assertTrue(help.contains("Exit status:"), help);
        assertTrue(help.matches("(?s).*\\n\\s+0\\s+success.*"), help);
        assertTrue(help.matches("(?s).*\\n\\s+1\\s+the run failed.*"), help);
        assertTrue(help.matches("(?s).*\\n\\s+2\\s+usage or descriptor error.*"), help);
    }

    @Test
    void versionNeedsNoEngine() {
        Run r = Run.of("--version");
        assertEquals(0, r.status());
        assertTrue(r.out().startsWith("xmodal "), r.out());
    }

    @Test
    void usageErrorsExitWith2() throws IOException {
        Path yaml = Files.writeString(tmp.resolve("x.yaml"), "experiment: x\n");
        String[][] cases = {
            {},
            {"--bogus"},
            {"frobnicate"},
            {"run"},
            {"validate"},
            {"evaluate"},
            {"run", yaml.toString(), "--bogus"},
            {"run", yaml.toString(), "extra.yaml"},
            {"run", tmp.resolve("missing.yaml").toString()},
            {"run", tmp.toString()},
            {"evaluate", tmp.resolve("no-run").toString()},
            {"run", yaml.toString(), "--set", "novalue"},
            {"run", yaml.toString(), "--set", "=3"},
            {"--threads", "0", "plugins"},
            {"--threads", "two", "plugins"},
            {"--offheap", "lots", "plugins"},
            {"--backend", "gpu", "plugins"},
            {"--backend", "cuda", "--fallback", "cuda", "plugins"},
            {"--fallback", "avx", "plugins"},
            {"plugins", "--json=maybe"},
        };
        for (String[] args : cases) {
            Run r = Run.of(args);
            assertEquals(2, r.status(), () -> String.join(" ", args) + "\n" + r);
            assertEquals("", r.out(), String.join(" ", args));
            assertFalse(r.err().isBlank(), String.join(" ", args));
        }
    }

    @Test
    void usageErrorNamesTheProblemAndTheHelp() {
        Run r = Run.of("run");
        assertTrue(r.err().contains("Missing required parameter: 'FILE'"), r.err());
        assertTrue(r.err().contains("Try 'xmodal run --help'"), r.err());
        Run missing = Run.of("validate", tmp.resolve("nope.yaml").toString());
        assertTrue(missing.err().startsWith("xmodal validate: no such file: "), missing.err());
    }

    @Test
    void globalOptionsStandBeforeOrAfterTheCommand() {
        GlobalOptions before = parse("--verbose", "--threads", "3", "--offheap", "2g", "plugins");
        GlobalOptions after = parse("plugins", "--verbose", "--threads", "3", "--offheap", "2g");
        assertEquals(before, after);
        assertEquals(new GlobalOptions(true, 3, 2 * Size.GIB, BackendName.CPU, null), before);
        GlobalOptions none = parse("plugins");
        assertFalse(none.verbose());
        assertNull(none.threads());
        assertNull(none.offheap());
        assertEquals(BackendName.CPU, parse("--backend", "CPU", "plugins").backend());
        GlobalOptions cuda = parse("plugins", "--backend", "cuda", "--fallback", "cpu-avx2");
        assertEquals(BackendName.CUDA, cuda.backend());
        assertEquals(CpuVariant.ONEDNN_AVX2, cuda.fallback().variant(), "cpu-avx2 is the oneDNN AVX2 build");
        assertEquals(CpuVariant.PLAIN_AVX512, parse("--backend", "cpu-plain-avx512", "plugins").backend().variant());
    }

    @Test
    void runOptionsAreParsed() {
        CommandLine cl = Cli.create();
        CommandLine.ParseResult p = cl.parseArgs("run", "x.yaml", "--out", "o", "--set", "a.b=1", "--set", "c=[1, 2]");
        RunCommand run = (RunCommand) p.subcommand().commandSpec().userObject();
        assertEquals(Path.of("x.yaml"), run.file);
        assertEquals(Path.of("o"), run.out);
        assertEquals(List.of("a.b=1", "c=[1, 2]"), run.overrides);
    }

    @Test
    void studyAndReportOptionsAreParsed() {
        CommandLine.ParseResult p = Cli.create().parseArgs("study", "s.yaml", "--out", "d", "--jobs", "3", "--set", "train.epochs=2",
                "--restart");
        StudyCommand study = (StudyCommand) p.subcommand().commandSpec().userObject();
        assertEquals(Path.of("s.yaml"), study.file);
        assertEquals(Path.of("d"), study.out);
        assertEquals(3, study.jobs);
        assertEquals(List.of("train.epochs=2"), study.overrides);
        assertTrue(study.restart);
        ReportCommand report = (ReportCommand) Cli.create().parseArgs("report", "a", "b", "--out", "r.html").subcommand().commandSpec()
                .userObject();
        assertEquals(List.of(Path.of("a"), Path.of("b")), report.dirs);
        assertEquals(Path.of("r.html"), report.out);
        RunCommand run = (RunCommand) Cli.create().parseArgs("run", "s.yaml", "--variant", "3").subcommand().commandSpec().userObject();
        assertEquals("3", run.variant);
        assertEquals(2, Run.of("study", "s.yaml", "--jobs", "0").status(), "--jobs 0 is a usage error");
        assertEquals(2, Run.of("report").status(), "report needs a directory");
    }

    @Test
    void defaultJobsFollowCoresAndMemory() {
        assertEquals(1, StudyCommand.defaultJobs(new MachineLimits(8 * Size.GIB, 2)));
        assertEquals(1, StudyCommand.defaultJobs(new MachineLimits(2 * Size.GIB, 16)), "memory bounds the jobs");
        assertEquals(8, StudyCommand.defaultJobs(new MachineLimits(128 * Size.GIB, 16)));
        assertEquals(4, StudyCommand.defaultJobs(new MachineLimits(12 * Size.GIB, 16)));
    }

    private static GlobalOptions parse(String... args) {
        return GlobalOptions.from(Cli.create().parseArgs(args));
    }
}
