package io.xmodal.instruments.internal;

import io.xmodal.api.data.DataException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The fluidsynth program (Debian package {@code fluidsynth}) rendering a MIDI file with a SoundFont
 * (by default Debian's {@code fluid-soundfont-gm}, FluidR3_GM.sf2) into a WAV file, faster than real time,
 * as 32-bit float (no dither, so the same score gives the same samples), without reverb or chorus.
 */
final class FluidSynth {
    static final String INSTALL = "install them with `sudo apt-get install fluidsynth fluid-soundfont-gm` (Debian, Ubuntu)";
    static final String DEFAULT_SOUNDFONT = "/usr/share/sounds/sf2/FluidR3_GM.sf2";

    private final String program;
    private final String version;

    private FluidSynth(String program, String version) {
        this.program = program;
        this.version = version;
    }

    /** The fluidsynth on PATH (or the one the system property {@code xmodal.fluidsynth} names). */
    static FluidSynth find() throws DataException {
        String program = System.getProperty("xmodal.fluidsynth", "fluidsynth");
        Output out;
        try {
            out = run(List.of(program, "--version"), 30);
        } catch (IOException e) {
            throw new DataException(null, "the instruments recipe renders notes with fluidsynth, which is not installed ("
                    + e.getMessage() + "); " + INSTALL);
        }
        if (out.status != 0 || !out.text.toLowerCase(Locale.ROOT).contains("fluidsynth")) {
            throw new DataException(null, program + " --version failed (" + out.text.strip() + "); " + INSTALL);
        }
        String first = out.text.lines().findFirst().orElse("fluidsynth").strip();
        return new FluidSynth(program, first);
    }

    /** Whether a fluidsynth can be run here (for tests that need one). */
    static boolean available() {
        try {
            find();
            return true;
        } catch (DataException e) {
            return false;
        }
    }

    /** Checks that the SoundFont exists and is a RIFF sfbk file. */
    static void checkSoundFont(Path sf2) throws DataException {
        if (!Files.isRegularFile(sf2)) {
            throw new DataException(sf2, "SoundFont not found; " + (sf2.toString().equals(DEFAULT_SOUNDFONT)
                    ? "install Debian's General MIDI SoundFont with `sudo apt-get install fluid-soundfont-gm`"
                    : "give soundfont: the path of a General MIDI .sf2 file (Debian's is " + DEFAULT_SOUNDFONT
                    + ", from `sudo apt-get install fluid-soundfont-gm`)"));
        }
        byte[] head = new byte[12];
        try (var in = Files.newInputStream(sf2)) {
            int n = in.readNBytes(head, 0, 12);
            String riff = new String(head, 0, Math.min(4, n), StandardCharsets.US_ASCII);
            String kind = n == 12 ? new String(head, 8, 4, StandardCharsets.US_ASCII) : "";
            if (!riff.equals("RIFF") || !kind.equals("sfbk")) {
                throw new DataException(sf2, "is not a SoundFont 2 file (it does not start with RIFF....sfbk); give soundfont: a .sf2 file");
            }
        } catch (IOException e) {
            throw new DataException(sf2, "cannot read the SoundFont: " + e.getMessage());
        }
    }

    String version() {
        return version;
    }

    /**
     * Renders {@code midi} with {@code sf2} into {@code wav} (float WAV, stereo, {@code rate} Hz).
     *
     * @param gain fluidsynth's master gain (its default is 0.2)
     */
    void render(Path sf2, Path midi, Path wav, int rate, double gain, int timeoutSeconds) throws DataException {
        List<String> cmd = List.of(program, "-n", "-i", "-q", "-R", "0", "-C", "0", "-g", String.format(Locale.ROOT, "%.3f", gain),
                "-r", Integer.toString(rate), "-O", "float", "-T", "wav", "-F", wav.toString(), sf2.toString(), midi.toString());
        Output o;
        try {
            o = run(cmd, timeoutSeconds);
        } catch (IOException e) {
            throw new DataException(midi, "fluidsynth failed: " + e.getMessage());
        }
        try {
            if (o.status != 0 || !Files.isRegularFile(wav) || Files.size(wav) <= 44) {
                throw new DataException(midi, "fluidsynth wrote no audio (exit status " + o.status + "): " + o.text.strip()
                        + "\ncommand: " + String.join(" ", cmd));
            }
        } catch (IOException e) {
            throw new DataException(wav, "cannot read the render: " + e.getMessage());
        }
    }

    private record Output(int status, String text) {
    }

    private static Output run(List<String> command, int seconds) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
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
