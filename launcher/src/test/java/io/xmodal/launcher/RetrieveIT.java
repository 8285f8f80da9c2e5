package io.xmodal.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code xmodal retrieve} end to end through the distribution: a tiny contrastive run of
 * experiments/av-retrieval-instance.yaml (pure Java data), then queries with a PNG and a WAV made here.
 */
class RetrieveIT {
    private static final Path DIST = Path.of("target/xmodal").toAbsolutePath();

    @TempDir
    static Path tmp;
    private static Path run;

    @BeforeAll
    static void trainATinyRun() throws Exception {
        run = tmp.resolve("run");
        Path experiment = Path.of("../experiments/av-retrieval-instance.yaml").toAbsolutePath().normalize();
        Result r = xmodal("--threads", "1", "run", experiment.toString(), "--out", run.toString(), "--set", "data.with.size=240",
                "--set", "train.epochs=1", "--set", "samples=2");
        assertEquals(0, r.status, r.toString());
        assertTrue(r.out.contains("baseline chance: image->spectrogram.recall@1="), r.out);
        assertTrue(r.out.contains("baseline linear-cca: image->spectrogram.recall@1="), r.out);
    }

    @Test
    void theRunLeavesAnIndexPerModalitySamplesAndBaselines() throws Exception {
        assertTrue(Files.size(run.resolve("index/image.idx")) > 0);
        assertTrue(Files.size(run.resolve("index/spectrogram.idx")) > 0);
        assertTrue(Files.size(run.resolve("samples/retrieval-00.png")) > 0);
        String metrics = Files.readString(run.resolve("metrics.json"));
        assertTrue(metrics.contains("\"status\" : \"ok\""), metrics);
        int test = Integer.parseInt(find(metrics, "\"gallery\" : (\\d+)"));
        // chance recall@1 with one relevant item in a gallery of n is exactly 1/n
        String chance = metrics.substring(metrics.indexOf("\"chance\""));
        assertEquals(1.0 / test, Double.parseDouble(find(chance, "\"image->spectrogram.recall@1\" : ([0-9.eE-]+)")), 1e-9);
        for (String d : List.of("image->spectrogram", "spectrogram->image")) {
            for (String m : List.of("recall@1", "recall@5", "recall@10", "median-rank", "mean-rank", "map")) {
                // once in test, once per baseline (chance, linear-cca)
                assertEquals(3, metrics.split(java.util.regex.Pattern.quote("\"" + d + "." + m + "\""), -1).length - 1, d + "." + m);
            }
        }
        String model = Files.readString(run.resolve("model/model.json"));
        assertTrue(model.contains("\"index\" : \"index/spectrogram.idx\""), model);
    }

    private static String find(String text, String regex) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex + " in " + text);
        return m.group(1);
    }

    @Test
    void anImageQueryFindsSounds() throws Exception {
        Path png = tmp.resolve("seven.png");
        BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
        g.drawString("7", 10, 24);
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
        Result r = xmodal("--threads", "1", "retrieve", run.toString(), "--query", png.toString(), "--k", "3", "--json");
        assertEquals(0, r.status, r.toString());
        assertTrue(r.out.contains("\"query_modality\": \"image\"") || r.out.contains("\"query_modality\" : \"image\""), r.out);
        String json = r.out.replace(" : ", ": ");
        assertTrue(json.contains("\"gallery_modality\": \"spectrogram\""), r.out);
        java.util.regex.Matcher scores = java.util.regex.Pattern.compile("\"score\": ([0-9.eE-]+)").matcher(json);
        List<Double> s = new ArrayList<>();
        while (scores.find()) {
            s.add(Double.parseDouble(scores.group(1)));
        }
        assertEquals(3, s.size(), r.out);
        assertTrue(s.get(0) >= s.get(1) && s.get(1) >= s.get(2), "best first: " + s);
        assertTrue(json.matches("(?s).*\"rank\": 1,\\s*\"id\": \"pair-\\d{6}\".*"), r.out);
    }

    @Test
    void aWavQueryFindsPicturesAndTheTableIsReadable() throws Exception {
        Path wav = tmp.resolve("notes.wav");
        writeWav(wav, 8000, 0.5, 440);
        Result r = xmodal("--threads", "1", "retrieve", run.toString(), "--query", wav.toString(), "--k", "2");
        assertEquals(0, r.status, r.toString());
        String[] lines = r.out.split("\n");
        assertTrue(lines[0].startsWith(wav + " (spectrogram) -> nearest 2 of "), r.out);
        assertTrue(lines[0].contains(" image items (search "), r.out);
        assertEquals(4, lines.length, r.out);
        assertTrue(lines[2].trim().startsWith("1 "), r.out);
    }

    @Test
    void badQueriesAndFoldersExitWith2() throws Exception {
        Path text = tmp.resolve("notes.txt");
        Files.writeString(text, "not a picture");
        Result r = xmodal("retrieve", run.toString(), "--query", text.toString());
        assertEquals(2, r.status, r.toString());
        assertTrue(r.err.contains(text + ": av-placed-digits reads images (.png, .jpg, .bmp, .gif) and .wav files"), r.err);

        Path empty = Files.createDirectories(tmp.resolve("empty"));
        r = xmodal("retrieve", empty.toString(), "--query", text.toString());
        assertEquals(2, r.status, r.toString());
        assertTrue(r.err.contains("not a finished run of an embedding objective"), r.err);

        r = xmodal("retrieve", run.toString(), "--query", text.toString(), "--k", "0");
        assertEquals(2, r.status, r.toString());
        assertTrue(r.err.contains("--k must be 1 or more, not 0"), r.err);
    }

    @Test
    void classSupervisionTrainsAndEarlyStoppingWatchesRecall() throws Exception {
        Path experiment = Path.of("../experiments/av-retrieval-instance.yaml").toAbsolutePath().normalize();
        Path classes = tmp.resolve("classes");
        Result r = xmodal("--threads", "1", "run", experiment.toString(), "--out", classes.toString(), "--set", "data.with.size=240",
                "--set", "train.epochs=2", "--set", "samples=0", "--set", "train.objective.with.supervision=classes",
                "--set", "train.objective.with.relevance=class", "--set", "train.early-stop.metric=val.recall@1",
                "--set", "train.early-stop.patience=1");
        assertEquals(0, r.status, r.toString());
        assertTrue(r.out.matches("(?s).*epoch 1/2  train.loss [0-9.]+ .*  val.loss [0-9.]+ .*  val.recall@1 [0-9.]+.*"), r.out);
        String history = Files.readString(classes.resolve("history.csv"));
        assertTrue(history.contains(",val,recall@1,") && history.contains(",val,image->spectrogram.recall@1,"), history);
        String metrics = Files.readString(classes.resolve("metrics.json"));
        assertTrue(metrics.contains("\"status\" : \"ok\""), metrics);
        assertTrue(metrics.contains("\"relevance\" : \"class\""), metrics);

        r = xmodal("validate", experiment.toString(), "--set", "train.objective.with.supervision=classes", "--set",
                "train.objective.with.labels=digit");
        assertEquals(2, r.status, r.toString());
        assertTrue(r.err.contains("supervision: classes needs the class of each sample, but the data has no label modality 'digit'"), r.err);

        r = xmodal("validate", experiment.toString(), "--set", "train.early-stop.metric=val.recall@2");
        assertEquals(2, r.status, r.toString());
        assertTrue(r.err.contains("cannot watch 'val.recall@2'") && r.err.contains("val.image->spectrogram.map"), r.err);
    }

    /** A 16-bit PCM mono WAV of two notes. */
    private static void writeWav(Path file, int rate, double seconds, double f0) throws Exception {
        int n = (int) (rate * seconds);
        ByteBuffer data = ByteBuffer.allocate(n * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            double t = (double) i / rate;
            double f = t < 0.15 ? f0 : f0 * Math.pow(2, 4 / 12.0);
            double v = t >= 0.05 && t < 0.25 ? 0.4 * Math.sin(2 * Math.PI * f * t) : 0;
            data.putShort((short) Math.round(v * 32767));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + n * 2).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        h.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate)
                .putInt(rate * 2).putShort((short) 2).putShort((short) 16);
        h.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(n * 2);
        out.write(h.array());
        out.write(data.array());
        Files.write(file, out.toByteArray());
    }

    private record Result(int status, String out, String err) {
    }

    private static Result xmodal(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(DIST.resolve("bin/xmodal").toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        // a cache of its own, so the test neither reads nor fills the user's
        pb.environment().put("XMODAL_JAVA_OPTS", "-Dxmodal.cache=" + tmp.resolve("cache"));
        Process p = pb.start();
        assertTrue(p.waitFor(600, TimeUnit.SECONDS), "bin/xmodal finished");
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
