package io.xmodal.engine.internal.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xmodal.api.runtime.RunOutcome;
import io.xmodal.api.runtime.RunRequest;
import io.xmodal.audio.dsp.Audio;
import io.xmodal.audio.dsp.Wav;
import io.xmodal.engine.internal.registry.ComponentRegistry;
import io.xmodal.engine.internal.store.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.example.generative.EchoGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scoring generated spectrograms: tones of four timbres (AudioLearningTest's), log-mel then normalize per
 * dataset as the target, "generated" = real by the echo test objective. The default spectrogram-cnn
 * classifier scores them; samples/ gets the grid, real | generated pictures and WAV files made through the
 * inverse of both transforms (normalize undone, mel pseudo-inverse, Griffin-Lim) at the reader's rate.
 */
class GenerativeAudioScoringTest {
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

    @Test
    @SuppressWarnings("unchecked")
    void generatedSpectrogramsAreScoredDrawnAndWrittenAsWavFiles(@TempDir Path tmp) throws Exception {
        Path manifest = AudioLearningTest.tones(tmp.resolve("tones"), 96, 5);
        Path yaml = tmp.resolve("tones-gen.yaml");
        Files.writeString(yaml, """
                experiment: tones-gen
                seed: 3
                data:
                  reader: audio-manifest
                  with: {manifest: %s, sample-rate: 8000, duration: 0.5}
                  transforms:
                    - {use: log-mel, on: audio, as: spectrogram, with: {n-fft: 256, hop-length: 128, n-mels: 32, offset: 1.0e-6}}
                    - {use: normalize, on: spectrogram, with: {per: dataset, over: last-axis}}
                  split: {train: 0.6, val: 0.2, test: 0.2}
                model:
                  input: audio
                  target: spectrogram
                train:
                  objective: {use: echo-generator, with: {mode: copy, labels: label}}
                  epochs: 1
                  batch: 16
                samples: 2
                scoring: {classifier: {use: spectrogram-cnn, with: {blocks: 2, width: 8}}, epochs: 4, lr: 0.01, columns: 2}
                """.formatted(manifest));
        ComponentRegistry registry = ClasspathComponents.registry();
        registry.register(new EchoGenerator(), "org.example.generative", "1.0.0");
        WorkbenchService workbench = WorkbenchService.standalone(registry);
        Path out = tmp.resolve("run");
        List<String> lines = new ArrayList<>();
        RunOutcome o = workbench.run(new RunRequest(yaml, out, List.of(), lines::add, Map.of()));
        assertTrue(o.ok(), () -> "run failed: " + o.error() + "\n" + lines);
        Map<String, Object> g = (Map<String, Object>) RunDirectory.open(out).readJson("metrics.json").get("generative");
        double real = ((Number) g.get("classifier_accuracy_real")).doubleValue();
        assertTrue(real > ((Number) g.get("chance")).doubleValue() + 0.2, g + "\n" + String.join("\n", lines));
        assertEquals(real, ((Number) g.get("classifier_accuracy_generated")).doubleValue(), 1e-9);
        assertEquals("spectrogram-cnn -> classification", g.get("classifier"));
        for (String f : List.of("generated-grid.png", "generated-00.png", "generated-01.png")) {
            assertTrue(Files.size(out.resolve("samples").resolve(f)) > 1000, f);
        }
        for (int i = 0; i < 2; i++) {
            Audio gen = Wav.read(out.resolve(String.format("samples/generated-%02d.wav", i)));
            Audio back = Wav.read(out.resolve(String.format("samples/real-%02d.wav", i)));
            assertEquals(8000, gen.sampleRate());
            assertEquals(4000, gen.samples().length, "the reader's duration");
            assertArrayEquals(back.samples(), gen.samples(), "generated = real gives the same sound");
            double rms = 0;
            for (float v : gen.samples()) {
                rms += v * v;
            }
            assertTrue(Math.sqrt(rms / 4000) > 0.02, "an audible waveform, not silence");
        }
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("samples: 2 generated and 2 real spectrograms as WAV files")), String.join("\n", lines));
    }
}
