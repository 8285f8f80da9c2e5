package io.xmodal.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short probe command ({@code lscpu}, {@code nvidia-smi}) with a time limit. */
final class ShortCommand {
    /** What a probe command gave: its exit status and output, or why it could not run. */
    record Result(int status, String out, String err, String failure) {
        boolean ok() {
            return failure == null && status == 0;
        }
    }

    private ShortCommand() {
    }

    /** The standard output of a command that succeeded, else null. */
    static String output(String... command) {
        Result r = run(10, command);
        return r.ok() ? r.out() : null;
    }

    /**
     * Runs a command with its output going to temporary files, so that a command that hangs (a
     * wedged GPU driver makes {@code nvidia-smi} hang) is killed after {@code seconds}.
     */
    static Result run(int seconds, String... command) {
        File out = null;
        File err = null;
        try {
            out = File.createTempFile("xmodal-probe", ".out");
            err = File.createTempFile("xmodal-probe", ".err");
            Process p = new ProcessBuilder(List.of(command)).redirectOutput(out).redirectError(err)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "", "", command[0] + " did not answer within " + seconds + " s");
            }
            return new Result(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                    Files.readString(err.toPath(), StandardCharsets.UTF_8), null);
        } catch (IOException e) {
            return new Result(-1, "", "", command[0] + " cannot run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "", "", "interrupted");
        } finally {
            if (out != null) {
                out.delete();
            }
            if (err != null) {
                err.delete();
            }
        }
    }
}
