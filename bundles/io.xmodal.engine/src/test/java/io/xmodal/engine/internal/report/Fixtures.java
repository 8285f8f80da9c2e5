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
