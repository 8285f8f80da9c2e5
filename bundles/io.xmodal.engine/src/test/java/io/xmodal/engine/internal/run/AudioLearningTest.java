package io.xmodal.engine.internal.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xmodal.api.runtime.RunOutcome;
import io.xmodal.api.runtime.RunRequest;
import io.xmodal.audio.dsp.Audio;
import io.xmodal.audio.dsp.Wav;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An audio experiment end to end with the real components: WAV files of four timbres (sine, square,
 * sawtooth, a two-partial tone) at random pitches and loudness, a manifest with a group per "player",
 * log-mel + per-dataset normalisation, a spectrogram CNN and a softmax head. The test split holds unseen
 * players; the model must beat chance (0.25) by a wide margin.
 */
class AudioLearningTest {
    static final String[] TIMBRES = {"sine", "square", "saw", "dyad"};
    private static String cacheBefore;

    @TempDir
    static Path cache;

    @BeforeAll
    static void isolateCache() {
        cacheBefore = System.getProperty("xmodal.cache");
        System.setProperty("xmodal.cache", cache.toString());
    }

    @AfterAll
    static void restoreCache() {
        if (cacheBefore == null) {
            System.clearProperty("xmodal.cache");
        } else {
            System.setProperty("xmodal.cache", cacheBefore);
        }
    }

    /** Writes n tones with a manifest; the player (group) sets a pitch range. */
    static Path tones(Path dir, int n, long seed) throws Exception {
        Random r = new Random(seed);
        StringBuilder csv = new StringBuilder("path,label,group\n");
        int rate = 8000;
        for (int i = 0; i < n; i++) {
            String timbre = TIMBRES[i % TIMBRES.length];
            int player = r.nextInt(12);
            double f = 150 + 40 * player + r.nextDouble() * 60;
            double amp = 0.2 + 0.6 * r.nextDouble();
            float[] x = new float[(int) (rate * (0.35 + 0.3 * r.nextDouble()))];
            double phase = r.nextDouble();
            for (int t = 0; t < x.length; t++) {
                double p = (phase + f * t / rate) % 1.0;
                double v = switch (timbre) {
                    case "sine" -> Math.sin(2 * Math.PI * p);
                    case "square" -> p < 0.5 ? 0.7 : -0.7;
                    case "saw" -> 2 * p - 1;
                    default -> 0.6 * Math.sin(2 * Math.PI * p) + 0.4 * Math.sin(2 * Math.PI * 2.5 * p);
                };
                x[t] = (float) (amp * v + 0.01 * r.nextGaussian());
            }
            Path wav = dir.resolve(timbre).resolve(i + ".wav");
            Files.createDirectories(wav.getParent());
            Wav.write(wav, new Audio(x, rate));
            csv.append(dir.relativize(wav)).append(',').append(timbre).append(",player").append(player).append('\n');
        }
        Files.writeString(dir.resolve("manifest.csv"), csv);
        return dir.resolve("manifest.csv");
    }

    static String descriptor(Path manifest) {
        return """
                experiment: tones
                seed: 3
                data:
                  reader: audio-manifest
                  with: {manifest: %s, sample-rate: 8000, duration: 0.5}
                  transforms:
                    - {use: log-mel, on: audio, as: spectrogram, with: {n-fft: 256, hop-length: 128, n-mels: 32, offset: 1.0e-6}}
                    - {use: normalize, on: spectrogram, with: {per: dataset, over: last-axis}}
                  split: {train: 0.6, val: 0.2, test: 0.2}
                model:
                  input: spectrogram
                  target: label
                  encoder: {use: spectrogram-cnn, with: {blocks: 2, width: 8, time-pooling: mean}}
                  head: {use: classification, with: {classes: 4}}
                train:
                  loss: cross-entropy
                  optimizer: {use: adam, with: {lr: 0.01}}
                  epochs: 6
                  batch: 16
                evaluate: [accuracy, macro-f1, top-3]
                samples: 2
                """.formatted(manifest);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSpectrogramCnnTellsTimbresApartOnUnseenPlayers(@TempDir Path tmp) throws Exception {
        Path manifest = tones(tmp.resolve("tones"), 160, 11);
        Path yaml = tmp.resolve("tones.yaml");
        Files.writeString(yaml, descriptor(manifest));
        WorkbenchService workbench = WorkbenchService.standalone(ClasspathComponents.registry());
        Path out = tmp.resolve("run");
        List<String> lines = new ArrayList<>();
        RunOutcome o = workbench.run(new RunRequest(yaml, out, List.of(), lines::add, Map.of()));
        assertTrue(o.ok(), () -> "run failed: " + o.error() + "\n" + lines);
        double accuracy = o.test().get("accuracy");
        double chance = o.baselines().get("chance").get("accuracy");
        assertTrue(chance < 0.5, "chance " + chance);
        assertTrue(accuracy >= 0.8, "test accuracy " + accuracy + " vs chance " + chance + "\n" + String.join("\n", lines));
        assertTrue(Files.isRegularFile(out.resolve("confusion-matrix.csv")));
        assertTrue(Files.readString(out.resolve("confusion-matrix.csv")).startsWith("true/predicted,dyad,saw,sine,square\n"));
        assertTrue(Files.isRegularFile(out.resolve("samples/confusion-matrix.png")));
        assertTrue(Files.readString(out.resolve("descriptor.yaml")).contains("transforms:"));

        // the second run reads the transformed data from the cache, and re-evaluation reproduces the metrics
        List<String> again = new ArrayList<>();
        RunOutcome re = workbench.evaluate(out, again::add);
        assertTrue(re.ok(), () -> String.valueOf(re.error()));
        assertEquals(accuracy, re.test().get("accuracy"), 1e-9);
        assertTrue(again.stream().anyMatch(l -> l.contains("from the cache")), again.toString());
    }
}
