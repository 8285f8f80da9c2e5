package io.xmodal.engine.internal.report;

import io.xmodal.engine.internal.store.RunDirectory;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** Hand-made run directories, as a run leaves them, with chosen numbers. */
final class Fixtures {
    private Fixtures() {
    }

    /**
     * A finished run: descriptor.yaml with the decoder and seed, metrics.json with the test metrics and a
     * mean baseline, history.csv with {@code epochs} epochs, provenance.json naming an engine version.
     */
    /** Deletes {@code dir} and everything under it, if it exists (a test's output folder from an earlier build). */
    static void clean(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
            }
        }
    }

    static Path run(Path dir, String decoder, long seed, double mse, double r2, String engineVersion) throws IOException {
        RunDirectory d = RunDirectory.create(dir);
        descriptor(d, decoder, seed);
        Map<String, Object> metrics = new LinkedHashMap<>();
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("mse", mse);
        test.put("r2", r2);
        metrics.put("test", test);
        metrics.put("baselines", Map.of("mean", Map.of("mse", 0.2, "r2", 0.0)));
        metrics.put("train_seconds", 1.5);
        metrics.put("status", "ok");
        d.writeJson("metrics.json", metrics);
        StringBuilder h = new StringBuilder("epoch,step,split,metric,value\n");
        for (int e = 1; e <= 3; e++) {
            h.append(e).append(',').append(e * 3).append(",train,loss,").append(mse * (4 - e)).append('\n');
            h.append(e).append(',').append(e * 3).append(",val,mse,").append(mse * (4 - e) * 1.1).append('\n');
        }
        d.writeText("history.csv", h.toString());
        d.writeJson("provenance.json", Map.of("seed", seed, "host", Map.of("backend", "cpu", "threads", "2"),
                "bundles", List.of(Map.of("symbolic_name", "io.xmodal.engine", "version", engineVersion, "sha256", "ab".repeat(32)),
                        Map.of("symbolic_name", "io.xmodal.sequence", "version", "0.1.0", "sha256", "cd".repeat(32)))));
        d.write("samples/sample-00.png", png(decoder.hashCode()));
        d.write("samples/sample-00.wav", wav(220 + 110 * (int) seed));
        return dir;
    }

    /**
     * A finished generating run: metrics.json with a test loss and mse, a mean baseline and the
     * {@code generative} object scoring writes (13 classes, chance 1/13; the classes whose diversity
     * ratio is below 0.5 listed as collapsed when the run's ratio is), and in samples/ a sample picture,
     * generated-grid.png and, for a spectrogram target, {@code pairs} real | generated pictures with
     * their generated and real WAV files.
     */
    static Path generating(Path dir, String decoder, long seed, double accGenerated, double accReal, double frechet, double diversity,
                           int pairs) throws IOException {
        RunDirectory d = RunDirectory.create(dir);
        descriptor(d, decoder, seed);
        Map<String, Object> gen = new LinkedHashMap<>();
        gen.put("labels", "label");
        gen.put("classes", 13);
        gen.put("test_samples", 117);
        gen.put("classifier", "vgg -> classification");
        gen.put("classifier_accuracy_real", accReal);
        gen.put("classifier_accuracy_generated", accGenerated);
        gen.put("ratio", accGenerated / accReal);
        gen.put("chance", 1 / 13.0);
        gen.put("chance_rule", "share of the test samples in the training split's most frequent class");
        gen.put("frechet_distance", frechet);
        gen.put("features", 64);
        gen.put("diversity_real", 10.0);
        gen.put("diversity_generated", 10.0 * diversity);
        gen.put("diversity_ratio", diversity);
        gen.put("diversity_worst_class", "tuba");
        gen.put("diversity_worst_ratio", diversity * 0.8);
        gen.put("collapse_threshold", 0.5);
        gen.put("collapsed_classes", diversity < 0.5 ? List.of("tuba", "viola") : List.of());
        gen.put("per_class", List.of(Map.of("class", "tuba", "count", 9, "accuracy_real", accReal, "accuracy_generated", accGenerated)));
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("generative", gen);
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("loss", 0.5);
        test.put("mse", 0.02);
        metrics.put("test", test);
        metrics.put("baselines", Map.of("mean", Map.of("mse", 0.017)));
        metrics.put("train_seconds", 2.5);
        metrics.put("status", "ok");
        d.writeJson("metrics.json", metrics);
        d.write("samples/sample-00.png", png(decoder.hashCode()));
        d.write("samples/generated-grid.png", png(decoder.hashCode() + 40));
        for (int i = 0; i < pairs; i++) {
            d.write(String.format("samples/generated-%02d.png", i), png(decoder.hashCode() + 80 + i));
            d.write(String.format("samples/generated-%02d.wav", i), wav(330 + 55 * i));
            d.write(String.format("samples/real-%02d.wav", i), wav(220 + 55 * i));
        }
        return dir;
    }

    /** A run that failed: metrics.json with status failed and the error. */
    static Path failed(Path dir, String decoder, long seed, String error) throws IOException {
        RunDirectory d = RunDirectory.create(dir);
        descriptor(d, decoder, seed);
        d.writeJson("metrics.json", Map.of("status", "failed", "error", error));
        return dir;
    }

    /** descriptor.yaml: the decoder (with its own parameters) and the seed differ, the rest is shared. */
    static void descriptor(RunDirectory d, String decoder, long seed) {
        Map<String, Object> descriptor = new LinkedHashMap<>();
        descriptor.put("experiment", "fixture");
        descriptor.put("seed", seed);
        descriptor.put("model", Map.of("input", "image", "target", "series",
                "decoder", Map.of("use", decoder, "with", decoder.equals("gru") ? Map.of("hidden", 8) : Map.of("steps", 16))));
        descriptor.put("train", Map.of("epochs", 3, "batch", 16));
        d.writeYaml("descriptor.yaml", descriptor);
    }

    static byte[] png(int hue) throws IOException {
        BufferedImage img = new BufferedImage(64, 32, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.getHSBColor((hue & 0xff) / 255f, 0.6f, 0.9f));
        g.fillRect(0, 0, 64, 32);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** 0.25 s of a sine at {@code hz}, 8 kHz, 16-bit mono PCM WAV. */
    static byte[] wav(int hz) {
        int rate = 8000;
        int n = rate / 4;
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 2 * n).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(2 * rate)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(2 * n);
        for (int i = 0; i < n; i++) {
            b.putShort((short) (8000 * Math.sin(2 * Math.PI * hz * i / rate)));
        }
        return b.array();
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
