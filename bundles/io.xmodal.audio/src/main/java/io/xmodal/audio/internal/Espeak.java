package io.xmodal.audio.internal;

import io.xmodal.api.data.DataException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** The espeak-ng program (Debian package espeak-ng): which languages and voice variants it has, and synthesis. */
final class Espeak {
    static final String INSTALL = "install it with `sudo apt-get install espeak-ng` (Debian, Ubuntu) or `brew install espeak-ng` (macOS)";

    private final String program;

    private Espeak(String program) {
        this.program = program;
    }

    /** The espeak-ng on PATH (or in the system property xmodal.espeak). */
    static Espeak find() throws DataException {
        String program = System.getProperty("xmodal.espeak", "espeak-ng");
        try {
            Output out = run(List.of(program, "--version"), null, 30);
            if (out.status != 0 || !out.text.toLowerCase().contains("espeak")) {
                throw new DataException(null, program + " --version failed (" + out.text.strip() + "); " + INSTALL);
            }
            return new Espeak(program);
        } catch (IOException e) {
            throw new DataException(null, "this recipe speaks with espeak-ng, which is not installed (" + e.getMessage() + "); " + INSTALL);
        }
    }

    String version() throws DataException {
        try {
            return run(List.of(program, "--version"), null, 30).text.strip();
        } catch (IOException e) {
            throw new DataException(null, "espeak-ng failed: " + e.getMessage());
        }
    }

    /** Language codes of the installed voices (e.g. en, de, fr, pt-br). */
    Set<String> languages() throws DataException {
        Set<String> out = new LinkedHashSet<>();
        for (String line : list("--voices")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 2 && !f[0].equals("Pty")) {
                out.add(f[1]);
            }
        }
        return out;
    }

    /** Names of the installed voice variants (e.g. m3, f2, Alex), in espeak's order. */
    List<String> variants() throws DataException {
        List<String> out = new ArrayList<>();
        for (String line : list("--voices=variant")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 5 && !f[0].equals("Pty") && f[4].startsWith("!v/")) {
                out.add(f[4].substring(3));
            }
        }
        return out;
    }

    private List<String> list(String what) throws DataException {
        try {
            Output o = run(List.of(program, what), null, 60);
            if (o.status != 0) {
                throw new DataException(null, program + " " + what + " failed: " + o.text.strip());
            }
            return o.text.lines().toList();
        } catch (IOException e) {
            throw new DataException(null, program + " " + what + " failed: " + e.getMessage());
        }
    }

    /**
     * Speaks {@code text} into a WAV file (22050 Hz, 16-bit mono, espeak-ng's output).
     *
     * @param speed words per minute
     * @param pitch 0..99
     */
    void speak(String language, String variant, int speed, int pitch, String text, Path wav) throws DataException {
        try {
            Output o = run(List.of(program, "-v", language + "+" + variant, "-s", Integer.toString(speed), "-p", Integer.toString(pitch),
                    "-w", wav.toString(), "--stdin"), text, 120);
            if (o.status != 0 || !Files.isRegularFile(wav) || Files.size(wav) <= 44) {
                throw new DataException(wav, "espeak-ng -v " + language + "+" + variant + " wrote no audio: " + o.text.strip());
            }
        } catch (IOException e) {
            throw new DataException(wav, "espeak-ng failed: " + e.getMessage());
        }
    }

    private record Output(int status, String text) {
    }

    private static Output run(List<String> command, String input, int seconds) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            if (input != null) {
                in.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish in " + seconds + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        return new Output(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
