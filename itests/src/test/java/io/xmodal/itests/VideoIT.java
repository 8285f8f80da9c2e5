package io.xmodal.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.api.runtime.Problem;
import io.xmodal.api.runtime.RunOutcome;
import io.xmodal.api.runtime.RunRequest;
import io.xmodal.api.runtime.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.AfterClass;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * A next-frame video descriptor inside the framework (Felix + SCR, the real bundles): moving digits
 * drawn from procedural glyphs (io.xmodal.video), a conv3d encoder and a deconv decoder
 * (io.xmodal.vision), trained through the Workbench service; then metrics.json with frame-sse and the
 * video baselines, the sample strips and GIFs, and the refusal of a bad video descriptor at file:line:col.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class VideoIT {

    /** 16 clips of 16x16 frames (8 train, 4 val, 4 test), 4 frames -> the 5th; trains in seconds. */
    static final String NEXT_FRAME = String.join("\n",
            "experiment: tiny-next-frame",
            "seed: 3",
            "data:",
            "  reader: moving-digits",
            "  with: {count: 16, size: 16, digit-size: 8, speed: 2, frames: 5, input-frames: 4, target-frames: 1, val-fraction: 0.25, test-fraction: 0.25}",
            "  split: {train: 0.5, val: 0.25, test: 0.25}",
            "model:",
            "  input: frames",
            "  target: next",
            "  encoder: {use: conv3d, with: {blocks: 1, width: 4, output: features}}",
            "  decoder: {use: deconv, with: {height: 16, width: 16, stages: 1, filters: 8, frames: 1}}",
            "  head: {use: regression, with: {activation: sigmoid}}",
            "train:",
            "  loss: binary-cross-entropy",
            "  optimizer: {use: adam, with: {lr: 0.01}}",
            "  epochs: 2",
            "  batch: 4",
            "evaluate: [frame-sse, ssim]",
            "samples: 2",
            "");

    private final BundleContext context = probeContext();

    @Configuration
    public Option[] config() {
        return HostSide.frameworkOptions();
    }

    @AfterClass
    public static void closeTracker() {
        ProbeWorkbench.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    public void aNextFrameDescriptorTrainsInsideTheFrameworkWithItsBaselinesAndSamples() throws Exception {
        Path dir = workDir("video");
        Path descriptor = Files.writeString(dir.resolve("next-frame.yaml"), NEXT_FRAME);
        Path out = dir.resolve("run");
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        RunOutcome o = workbench().run(new RunRequest(descriptor, out, List.of(), lines::add, Map.of("backend", "itest")));
        assertTrue("run failed: " + o.error() + "\n" + String.join("\n", lines), o.ok());
        assertTrue("no progress line per epoch: " + lines, lines.stream().anyMatch(l -> l.startsWith("epoch 2/2")));

        Map<String, Object> metrics = Json.read(out.resolve("metrics.json"));
        assertEquals("ok", metrics.get("status"));
        Map<String, Object> test = (Map<String, Object>) metrics.get("test");
        for (String m : List.of("frame-sse", "ssim", "loss")) {
            assertFinite("test " + m, test.get(m));
        }
        // a frame of 16x16 pixels in [0, 1]: the summed squared error lies in [0, 256], SSIM in [-1, 1]
        assertTrue("frame-sse " + test.get("frame-sse"), ((Number) test.get("frame-sse")).doubleValue() <= 256);
        assertTrue("ssim " + test.get("ssim"), Math.abs(((Number) test.get("ssim")).doubleValue()) <= 1);
        Map<String, Object> baselines = (Map<String, Object>) metrics.get("baselines");
        for (String b : List.of("zeros", "copy-last", "mean-of-inputs")) {
            Map<String, Object> scores = (Map<String, Object>) baselines.get(b);
            assertTrue("no baseline " + b + " in " + baselines.keySet(), scores != null);
            assertFinite(b + " frame-sse", scores.get("frame-sse"));
            assertFinite(b + " ssim", scores.get("ssim"));
        }
        // zeros scores the ink of the true frame: positive, and no larger than the frame's area
        double zeros = ((Number) ((Map<String, Object>) baselines.get("zeros")).get("frame-sse")).doubleValue();
        assertTrue("zeros frame-sse " + zeros, zeros > 0 && zeros <= 256);

        for (int i = 0; i < 2; i++) {
            Path png = out.resolve(String.format("samples/sample-%02d.png", i));
            Path gif = out.resolve(String.format("samples/sample-%02d.gif", i));
            assertTrue(png + " missing", Files.isRegularFile(png));
            assertTrue(gif + " missing", Files.isRegularFile(gif));
            assertArrayEquals(png + " is not a PNG", new byte[] {(byte) 0x89, 'P', 'N', 'G'}, head(png, 4));
            assertArrayEquals(gif + " is not a GIF89a", "GIF89a".getBytes(java.nio.charset.StandardCharsets.US_ASCII), head(gif, 6));
        }
        assertTrue("sample-02 written though samples: 2", !Files.exists(out.resolve("samples/sample-02.png")));
        assertTrue("model/graph.sd is missing", Files.isRegularFile(out.resolve("model/graph.sd")));

        List<Map<String, Object>> bundles = (List<Map<String, Object>>) Json.read(out.resolve("provenance.json")).get("bundles");
        for (String b : List.of("io.xmodal.video", "io.xmodal.vision")) {
            assertTrue("provenance.json does not list " + b,
                    bundles.stream().anyMatch(m -> b.equals(m.get("symbolic_name")) && "active".equals(m.get("state"))));
        }
    }

    /** A chain whose second block cannot take the first one's output is refused before anything runs, at file:line:col. */
    @Test
    public void aBadVideoDescriptorIsRefusedAtItsPlace() throws Exception {
        Path dir = workDir("video-bad");
        String bad = NEXT_FRAME.replace("  encoder: {use: conv3d, with: {blocks: 1, width: 4, output: features}}",
                "  encoder:\n    - {use: conv3d, with: {blocks: 1, width: 4, output: features}}\n    - {use: convlstm, with: {hidden: 4}}");
        Path descriptor = Files.writeString(dir.resolve("bad-video.yaml"), bad);
        Path out = dir.resolve("run");
        try {
            workbench().run(new RunRequest(descriptor, out, List.of(), l -> { }, Map.of("backend", "itest")));
            fail("a conv3d (features) -> convlstm (frames) chain was accepted");
        } catch (DescriptorException e) {
            Problem p = e.problems().get(0);
            assertTrue(e.getMessage(), p.file().endsWith("bad-video.yaml"));
            // the chain's second link: line 12 of the file, after its "- "
            assertEquals(e.getMessage(), 12, p.line());
            assertEquals(e.getMessage(), 7, p.column());
            assertTrue(e.getMessage(), e.getMessage().startsWith(descriptor + ":12:7: model.encoder[1]: "));
            assertTrue("the message names both blocks: " + e.getMessage(),
                    e.getMessage().contains("'convlstm'") && e.getMessage().contains("'conv3d'"));
        }
        assertTrue("a refused descriptor left a run directory", !Files.exists(out.resolve("metrics.json")));

        // a reader parameter out of range: the place of the value
        Path small = Files.writeString(dir.resolve("small-frames.yaml"), NEXT_FRAME.replace("size: 16,", "size: 4,"));
        try {
            workbench().validate(small, List.of());
            fail("size: 4 was accepted");
        } catch (DescriptorException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith(small + ":5:"));
            assertTrue(e.getMessage(), e.getMessage().contains("size"));
        }
    }

    // ----------------------------------------------------------------------------------------------

    private static void assertFinite(String what, Object value) {
        assertTrue(what + " is " + value, value instanceof Number n && Double.isFinite(n.doubleValue()));
    }

    private static byte[] head(Path file, int n) throws Exception {
        byte[] all = Files.readAllBytes(file);
        return java.util.Arrays.copyOf(all, Math.min(n, all.length));
    }

    private static BundleContext probeContext() {
        Bundle probe = FrameworkUtil.getBundle(VideoIT.class);
        return probe == null ? null : probe.getBundleContext();
    }

    private Workbench workbench() throws InterruptedException {
        return ProbeWorkbench.get(context);
    }

    private static Path workDir(String prefix) throws Exception {
        String base = System.getProperty("xmodal.itest.work");
        if (base == null) {
            return Files.createTempDirectory("xmodal-itest-" + prefix);
        }
        Path root = Files.createDirectories(Path.of(base));
        return Files.createTempDirectory(root, prefix + "-");
    }
}
