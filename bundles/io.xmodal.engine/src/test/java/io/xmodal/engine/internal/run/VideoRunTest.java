package io.xmodal.engine.internal.run;

import io.xmodal.api.runtime.RunOutcome;
import io.xmodal.api.runtime.RunRequest;
import io.xmodal.engine.internal.registry.ComponentRegistry;
import io.xmodal.engine.internal.store.RunDirectory;
import org.example.video.FlatFramesEncoder;
import org.example.video.FramesHead;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A next-frame run end to end with the real moving-digits reader and frame metrics, and a test-only
 * FRAMES -> FRAMES model: the video baselines land in metrics.json and the summary, and every test
 * sample gets a PNG strip and an animated GIF.
 */
class VideoRunTest {
    private static final String DESCRIPTOR = """
            experiment: tiny-video
            seed: 3
            data:
              reader: moving-digits
              with: {count: 40, size: 16, digit-size: 8, digits: 1, speed: 2.0, frames: 7, input-frames: 3, target-frames: 2, stride: 2}
              split: {train: 0.8, val: 0.1, test: 0.1}
            model:
              input: frames
              target: next
              encoder: {use: test-flat-frames, with: {width: 16}}
              head: {use: test-frames, with: {frames: 2, size: 16}}
            train:
              loss: mse
              optimizer: {use: adam, with: {lr: 0.01}}
              epochs: 2
              batch: 8
            evaluate: [frame-sse, ssim, psnr, mae]
            samples: 2
            """;

    @Test
    @SuppressWarnings("unchecked")
    void baselinesAndSamplesOfANextFrameRun(@TempDir Path tmp) throws Exception {
        ComponentRegistry registry = ClasspathComponents.registry();
        registry.register(new FlatFramesEncoder(), "org.example.video", "1.0.0");
        registry.register(new FramesHead(), "org.example.video", "1.0.0");
        WorkbenchService workbench = WorkbenchService.standalone(registry);
        Path descriptor = Files.writeString(tmp.resolve("video.yaml"), DESCRIPTOR);
        Path out = tmp.resolve("run");
        List<String> lines = new ArrayList<>();
        RunOutcome o = workbench.run(new RunRequest(descriptor, out, List.of(), lines::add, Map.of("backend", "test")));
        assertTrue(o.ok(), () -> "run failed: " + o.error() + "\n" + lines);

        Map<String, Object> metrics = RunDirectory.open(out).readJson("metrics.json");
        Map<String, Object> baselines = (Map<String, Object>) metrics.get("baselines");
        assertEquals(List.of("mean", "zeros", "copy-last", "mean-of-inputs"), List.copyOf(baselines.keySet()));
        for (String b : List.of("zeros", "copy-last", "mean-of-inputs")) {
            Map<String, Object> m = (Map<String, Object>) baselines.get(b);
            assertEquals(List.of("frame-sse", "ssim", "psnr", "mae"), List.copyOf(m.keySet()), b);
        }
        // 40 clips of 7 frames, windows of 3 + 2 at stride 2: 2 a clip; the reader's own splits hold 32, 4 and 4 clips
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("split: train 64, val 8, test 8")), lines.toString());
        double zeros = ((Number) ((Map<String, Object>) baselines.get("zeros")).get("frame-sse")).doubleValue();
        double copy = ((Number) ((Map<String, Object>) baselines.get("copy-last")).get("frame-sse")).doubleValue();
        // a black frame misses all ink of the one digit; the last input frame misses it twice where it moved
        assertTrue(zeros > 1 && copy > 0 && copy < 2 * zeros, "zeros " + zeros + ", copy-last " + copy);
        double zerosSsim = ((Number) ((Map<String, Object>) baselines.get("zeros")).get("ssim")).doubleValue();
        assertTrue(zerosSsim < 0.5, "black frames are not like frames with a digit: ssim " + zerosSsim);
        assertTrue(o.baselines().containsKey("copy-last"));

        for (int i = 0; i < 2; i++) {
            Path png = out.resolve(String.format("samples/sample-%02d.png", i));
            Path gif = out.resolve(String.format("samples/sample-%02d.gif", i));
            assertNotNull(ImageIO.read(png.toFile()), png + " is not a readable PNG");
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
                reader.setInput(in);
                assertEquals(3 + 2, reader.getNumImages(true), gif + ": 3 input frames, then 2 predicted");
            } finally {
                reader.dispose();
            }
        }
        assertTrue(Files.isRegularFile(out.resolve("samples/learning-curve.png")));
    }
}
