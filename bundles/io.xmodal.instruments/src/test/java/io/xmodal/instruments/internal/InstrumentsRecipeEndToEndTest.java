package io.xmodal.instruments.internal;

import io.xmodal.api.Params;
import io.xmodal.audio.dsp.Audio;
import io.xmodal.audio.dsp.Wav;
import io.xmodal.testing.TestDataContext;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real recipe with fluidsynth and Debian's fluid-soundfont-gm: skipped (not failed) where they are not
 * installed, as on CI machines without them.
 */
class InstrumentsRecipeEndToEndTest {
    private static final Map<String, Object> SMALL = Map.of("pitches", 5, "velocities", List.of(50, 100), "note-seconds", 0.6,
            "gap-seconds", 0.4, "clip-seconds", 0.8, "image-size", 32, "pictures", 2);

    @Test
    void buildsEveryNoteAsAWavOfItsPitchAndPicturesWithPoses(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(FluidSynth.available(), "fluidsynth is not installed (sudo apt-get install fluidsynth fluid-soundfont-gm)");
        Assumptions.assumeTrue(Files.isRegularFile(Path.of(FluidSynth.DEFAULT_SOUNDFONT)),
                FluidSynth.DEFAULT_SOUNDFONT + " is missing (sudo apt-get install fluid-soundfont-gm)");
        Path a = dir.resolve("a");
        Files.createDirectories(a);
        TestDataContext ctx = new TestDataContext(7);
        String summary = new InstrumentsRecipe().build(a, Params.defaults(InstrumentsRecipe.SPEC, SMALL), ctx);
        assertTrue(summary.startsWith("instruments: 130 notes of 13 instruments, 260 pictures"), summary);
        List<String> manifest = Files.readAllLines(a.resolve("manifest.csv"));
        assertEquals("path,label,group,split,program,pitch,note,hertz,velocity,onset_seconds,peak,rms", manifest.get(0));
        assertEquals(131, manifest.size());
        List<String> pictures = Files.readAllLines(a.resolve("pictures.csv"));
        assertEquals("path,label,group,split,sound," + Pose.CSV_HEADER, pictures.get(0));
        assertEquals(261, pictures.size());
        assertTrue(Files.isRegularFile(a.resolve("score.mid")));
        assertTrue(Files.isRegularFile(a.resolve("README.txt")));
        assertTrue(!Files.exists(a.resolve("render.tmp.wav")), "the whole render is deleted after slicing");
        int pitched = 0;
        int checked = 0;
        double minOnset = Double.MAX_VALUE;
        for (String row : manifest.subList(1, manifest.size())) {
            String[] f = row.split(",");
            Audio clip = Wav.read(a.resolve(f[0]));
            assertEquals(22050, clip.sampleRate());
            assertEquals(Math.round(0.8 * 22050), clip.samples().length);
            assertTrue(Double.parseDouble(f[11]) > Slicer.SILENT_RMS, row);
            // the note starts where the clip starts: its first 100 ms already carry sound
            double onset = rms(clip.samples(), 0, 2205) / Double.parseDouble(f[11]);
            minOnset = Math.min(minOnset, onset);
            assertTrue(onset > 0.1, row + ": first 100 ms at " + onset + " of the held RMS");
            double want = Double.parseDouble(f[7]);
            if (want >= 80 && want <= 1000) {
                double got = Pitch.yin(clip.samples(), 2205, 4096, 22050, 40, 2000);
                checked++;
                // a semitone is 6%; octave errors of the estimator on weak fundamentals are not counted as right
                pitched += Math.abs(got / want - 1) < 0.03 ? 1 : 0;
            }
        }
        System.out.printf("instruments end to end: %d of %d clips (80..1000 Hz) have their planned fundamental within 3%%; "
                + "lowest RMS of a first 100 ms, relative to the held part's: %.3f%n", pitched, checked, minOnset);
        assertTrue(pitched >= 0.9 * checked, pitched + " of " + checked + " clips have the planned fundamental within 3%");
        for (String row : pictures.subList(1, pictures.size())) {
            String[] f = row.split(",");
            BufferedImage img = ImageIO.read(a.resolve(f[0]).toFile());
            assertEquals(32, img.getWidth());
            assertTrue(Files.isRegularFile(a.resolve(f[4])), "the picture's sound exists: " + f[4]);
            assertEquals(5 + 11, f.length);
        }
        // deterministic: the same options and seed give the same bytes
        Path b = dir.resolve("b");
        Files.createDirectories(b);
        new InstrumentsRecipe().build(b, Params.defaults(InstrumentsRecipe.SPEC, SMALL), new TestDataContext(7));
        assertEquals(digests(a), digests(b));
    }

    private static double rms(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i] * (double) x[i];
        }
        return Math.sqrt(s / (to - from));
    }

    private static Map<String, String> digests(Path root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("README.txt")).toList()) {
                out.put(root.relativize(p).toString(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return out;
    }
}
