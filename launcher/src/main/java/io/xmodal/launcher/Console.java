package io.xmodal.launcher;

import io.xmodal.api.runtime.Problem;
import io.xmodal.api.runtime.RunOutcome;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the user sees: results on stdout; problems, warnings and errors on stderr, one line each
 * (stack traces only with {@code --verbose}).
 */
final class Console {
    private static final Set<Class<?>> SELF_EXPLAINING = Set.of(RuntimeException.class, Exception.class,
            IllegalArgumentException.class, IllegalStateException.class, UnsupportedOperationException.class);

    private final PrintStream out;
    private final PrintStream err;
    private final boolean verbose;

    Console(PrintStream out, PrintStream err, boolean verbose) {
        this.out = out;
        this.err = err;
        this.verbose = verbose;
    }

    boolean verbose() {
        return verbose;
    }

    /** Where results go (stdout), e.g. for the shell's session. */
    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    /** A result line (stdout). */
    void line(String text) {
        out.println(text);
        out.flush();
    }

    /** A warning (stderr), e.g. a bundle that did not start. */
    void warn(String text) {
        err.println("warning: " + text);
    }

    /** Always (stderr): a fact about the launch, such as the backend line. */
    void note(String text) {
        err.println(text);
    }

    /** Only with --verbose (stderr). */
    void info(String text) {
        if (verbose) {
            err.println(text);
        }
    }

    /** One problem of a descriptor: {@code file:line:col: message}. */
    void problem(Problem p) {
        err.println(p);
    }

    /** "error: ..." in one line; the stack trace too with --verbose. */
    void error(Throwable t) {
        err.println("error: " + describe(t));
        if (verbose) {
            t.printStackTrace(err);
        }
    }

    /** Prints a run or an evaluation and gives its exit status: 0 when ok, else 1. */
    int outcome(RunOutcome o) {
        if (!o.ok()) {
            err.println("run failed: " + (o.error() == null ? "(no reason given)" : o.error()));
            if (o.runDir() != null) {
                err.println("run directory: " + o.runDir());
            }
            return 1;
        }
        if (o.test() != null && !o.test().isEmpty()) {
            line("test: " + metrics(o.test()));
        }
        if (o.baselines() != null) {
            o.baselines().forEach((name, m) -> line("baseline " + name + ": " + metrics(m)));
        }
        if (o.runDir() != null) {
            line("run directory: " + o.runDir());
        }
        return 0;
    }

    static String metrics(Map<String, Double> m) {
        return m.entrySet().stream().map(e -> e.getKey() + "=" + number(e.getValue())).collect(Collectors.joining(" "));
    }

    static String number(Double v) {
        if (v == null) {
            return "null";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString(v.longValue());
        }
        String s = String.format(Locale.ROOT, "%.5g", v);
        return s.contains("e") ? s : s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    static String describe(Throwable t) {
        String msg = t.getMessage();
        if (msg == null || msg.isBlank()) {
            return t.getClass().getSimpleName();
        }
        msg = msg.strip().lines().findFirst().orElse("");
        return SELF_EXPLAINING.contains(t.getClass()) ? msg : t.getClass().getSimpleName() + ": " + msg;
    }

    /** Why a descriptor argument cannot be read, or null when it can. */
    static String fileProblem(Path file) {
        if (Files.isDirectory(file)) {
            return file + " is a directory, not a descriptor file";
        }
        if (!Files.exists(file)) {
            return "no such file: " + file;
        }
        return Files.isReadable(file) ? null : "cannot read " + file;
    }
}
