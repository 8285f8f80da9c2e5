package io.xmodal.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Param;
import io.xmodal.api.Role;
import io.xmodal.api.runtime.ComponentInfo;
import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.api.runtime.RunOutcome;
import io.xmodal.api.runtime.RunRequest;
import io.xmodal.api.runtime.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.AfterClass;
import org.nd4j.common.config.ND4JClassLoading;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleReference;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Felix + SCR with the real bundles, ND4J and the API on the host class path (exported by the system
 * bundle), as the launcher runs them. The test methods run inside the framework (in the probe bundle).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FrameworkIT {
    private static final long SERVICE_TIMEOUT_MS = 30_000;
    private static final long DS_SETTLE_MS = 10_000;

    /** A tiny experiment (the engine's own tiny.yaml): trains in seconds. */
    static final String TINY = String.join("\n",
            "experiment: tiny",
            "seed: 1",
            "data:",
            "  reader: synthetic-faces-voices",
            "  with: {count: 96, image-size: 16, series-length: 16}",
            "  split: {train: 0.5, val: 0.25, test: 0.25}",
            "model:",
            "  input: image",
            "  target: series",
            "  encoder: {use: vgg, with: {blocks: 2, width: 4}}",
            "  decoder: {use: gru, with: {hidden: 8, steps: 16}}",
            "  head: {use: regression, with: {activation: sigmoid}}",
            "train:",
            "  loss: mse",
            "  optimizer: {use: adam, with: {lr: 0.01}}",
            "  epochs: 2",
            "  batch: 16",
            "evaluate: [mse, r2]",
            "samples: 2",
            "");

    private static ServiceTracker<Workbench, Workbench> tracker;

    /** The probe bundle's context (inside the framework the test class is loaded by the probe bundle). */
    private final BundleContext context = probeContext();

    /** Runs on the host, before the framework starts. */
    @Configuration
    public Option[] config() {
        return HostSide.frameworkOptions();
    }

    @AfterClass
    public static void closeTracker() {
        if (tracker != null) {
            tracker.close();
            tracker = null;
        }
    }

    @Test
    public void componentsAppearWithTheirBundleAndDocumentedParameters() throws Exception {
        List<ComponentInfo> all = workbench().components();
        String listed = all.stream().map(i -> i.spec() + " from " + i.bundle()).collect(Collectors.joining(", "));
        Object[][] expected = {
                {Role.ENCODER, "vgg", "io.xmodal.vision"},
                {Role.DECODER, "gru", "io.xmodal.sequence"},
                {Role.DECODER, "lstm", "io.xmodal.sequence"},
                {Role.DECODER, "dense", "io.xmodal.sequence"},
                {Role.HEAD, "regression", "io.xmodal.sequence"},
                {Role.READER, "synthetic-faces-voices", "io.xmodal.data"},
                {Role.READER, "image-series", "io.xmodal.data"},
                {Role.READER, "idx", "io.xmodal.data"},
                {Role.READER, "av-pairs", "io.xmodal.data"},
                {Role.METRIC, "mse", "io.xmodal.metrics"},
                {Role.METRIC, "r2", "io.xmodal.metrics"},
                {Role.OBJECTIVE, "supervised", "io.xmodal.engine"},
                {Role.READER, "audio-manifest", "io.xmodal.audio"},
                {Role.TRANSFORM, "log-mel", "io.xmodal.audio"},
                {Role.ENCODER, "spectrogram-cnn", "io.xmodal.audio"},
                {Role.RECIPE, "spoken-languages", "io.xmodal.audio"},
                {Role.TRANSFORM, "normalize", "io.xmodal.data"},
                {Role.METRIC, "top-3", "io.xmodal.metrics"},
                {Role.READER, "moving-digits", "io.xmodal.video"},
                {Role.READER, "npy-video", "io.xmodal.video"},
                {Role.READER, "frame-folders", "io.xmodal.video"},
                {Role.RECIPE, "moving-digits", "io.xmodal.video"},
                {Role.METRIC, "ssim", "io.xmodal.metrics"},
                {Role.ENCODER, "time-distributed", "io.xmodal.vision"},
                {Role.ENCODER, "convlstm", "io.xmodal.vision"},
                {Role.DECODER, "deconv", "io.xmodal.vision"},
                {Role.ENCODER, "gru", "io.xmodal.sequence"},
        };
        for (Object[] e : expected) {
            Role role = (Role) e[0];
            String name = (String) e[1];
            List<ComponentInfo> found = all.stream()
                    .filter(i -> i.spec().role() == role && i.spec().name().equals(name)).toList();
            assertEquals(role.id() + " '" + name + "' registered once; components: " + listed, 1, found.size());
            ComponentInfo info = found.get(0);
            ComponentSpec spec = info.spec();
            assertEquals(spec + ": providing bundle", e[2], info.bundle());
            assertTrue(spec + ": bundle version", info.version() != null && info.version().startsWith("0.1.0"));
            assertFalse(spec + ": no doc", spec.doc() == null || spec.doc().isBlank());
            // metrics have no parameters; every other component is configured through documented ones
            if (role != Role.METRIC) {
                assertFalse(spec + " declares no parameters", spec.params().isEmpty());
            }
            for (Param p : spec.params()) {
                assertFalse(spec + ": parameter '" + p.name() + "' has no doc", p.doc().isBlank());
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    public void aTinyDescriptorTrainsEndToEndInsideTheFramework() throws Exception {
        // the class-loader trap (FINDINGS): ND4J was given the host's loader before the framework started
        ClassLoader nd4j = ND4JClassLoading.getNd4jClassloader();
        assertFalse("ND4J captured a bundle's class loader: " + nd4j, nd4j instanceof BundleReference);
        Path dir = workDir("train");
        Path descriptor = tiny(dir);
        Path out = dir.resolve("run");
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        RunOutcome o = workbench().run(new RunRequest(descriptor, out, List.of(), lines::add, Map.of("backend", "itest")));
        assertTrue("run failed: " + o.error() + "\n" + String.join("\n", lines), o.ok());
        assertTrue("no test r2 in " + o.test(), o.test().containsKey("r2") && o.test().containsKey("mse"));

        Map<String, Object> metrics = Json.read(out.resolve("metrics.json"));
        assertEquals("ok", metrics.get("status"));
        assertTrue("model/graph.sd is missing", Files.isRegularFile(out.resolve("model/graph.sd")));
        assertTrue("no progress line per epoch: " + lines, lines.stream().anyMatch(l -> l.startsWith("epoch 2/2")));

        Map<String, Object> provenance = Json.read(out.resolve("provenance.json"));
        List<Map<String, Object>> bundles = (List<Map<String, Object>>) provenance.get("bundles");
        assertNotNull("provenance.json lists no bundles", bundles);
        Map<String, Object> engine = bundles.stream().filter(b -> "io.xmodal.engine".equals(b.get("symbolic_name")))
                .findFirst().orElseThrow(() -> new AssertionError("provenance.json does not list io.xmodal.engine: " + bundles));
        Object sha = engine.get("sha256");
        assertTrue("io.xmodal.engine has no sha256: " + engine, sha instanceof String && ((String) sha).matches("[0-9a-f]{64}"));
        assertEquals("active", engine.get("state"));
    }

    /**
     * An audio descriptor inside the framework: WAV files read by io.xmodal.audio's manifest reader, its
     * log-mel transform (cached), the spectrogram CNN and the engine's confusion matrix.
     */
    @Test
    public void anAudioDescriptorTrainsInsideTheFramework() throws Exception {
        Path dir = workDir("audio");
        StringBuilder manifest = new StringBuilder("path,label,group\n");
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < 48; i++) {
            boolean high = i % 2 == 0;
            double f = (high ? 1200 : 300) * (0.9 + 0.2 * r.nextDouble());
            short[] pcm = new short[4000];
            for (int t = 0; t < pcm.length; t++) {
                pcm[t] = (short) (12000 * Math.sin(2 * Math.PI * f * t / 8000) + 300 * r.nextGaussian());
            }
            String name = (high ? "high" : "low") + i + ".wav";
            writeWav(dir.resolve(name), pcm, 8000);
            manifest.append(name).append(',').append(high ? "high" : "low").append(",g").append(i / 4).append('\n');
        }
        Files.writeString(dir.resolve("manifest.csv"), manifest);
        Path descriptor = Files.writeString(dir.resolve("audio.yaml"), String.join("\n",
                "experiment: tones",
                "seed: 2",
                "data:",
                "  reader: audio-manifest",
                "  with: {manifest: manifest.csv, sample-rate: 8000, duration: 0.5}",
                "  transforms:",
                "    - {use: log-mel, on: audio, as: spectrogram, with: {n-fft: 256, hop-length: 128, n-mels: 16, offset: 1.0e-6}}",
                "  split: {train: 0.5, val: 0.25, test: 0.25}",
                "model:",
                "  input: spectrogram",
                "  target: label",
                "  encoder: {use: spectrogram-cnn, with: {blocks: 2, width: 4}}",
                "  head: {use: classification, with: {classes: 2}}",
                "train:",
                "  loss: cross-entropy",
                "  optimizer: {use: adam, with: {lr: 0.01}}",
                "  epochs: 3",
                "  batch: 8",
                "evaluate: [accuracy]",
                "samples: 1",
                ""));
        String cacheBefore = System.getProperty("xmodal.cache");
        System.setProperty("xmodal.cache", dir.resolve("cache").toString());
        try {
            Path out = dir.resolve("run");
            List<String> lines = Collections.synchronizedList(new ArrayList<>());
            RunOutcome o = workbench().run(new RunRequest(descriptor, out, List.of(), lines::add, Map.of("backend", "itest")));
            assertTrue("run failed: " + o.error() + "\n" + String.join("\n", lines), o.ok());
            assertTrue("no accuracy in " + o.test(), o.test().containsKey("accuracy"));
            assertTrue("no transform progress: " + lines, lines.stream().anyMatch(l -> l.startsWith("transforms (log-mel)")));
            assertTrue(Files.readString(out.resolve("confusion-matrix.csv")).startsWith("true/predicted,high,low"));
            assertTrue("the transform cache is empty", Files.list(dir.resolve("cache").resolve("transforms")).findAny().isPresent());
        } finally {
            if (cacheBefore == null) {
                System.clearProperty("xmodal.cache");
            } else {
                System.setProperty("xmodal.cache", cacheBefore);
            }
        }
    }

    /** 16-bit mono PCM WAV, written by hand so that the test needs nothing from the bundles. */
    private static void writeWav(Path file, short[] pcm, int rate) throws Exception {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44 + 2 * pcm.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + 2 * pcm.length)
                .put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(2 * pcm.length);
        for (short v : pcm) {
            b.putShort(v);
        }
        Files.write(file, b.array());
    }

    @Test
    public void stoppingAComponentBundleRemovesItsComponentsAndStartingItBringsThemBack() throws Exception {
        Path descriptor = tiny(workDir("validate"));
        workbench().validate(descriptor, List.of());
        Bundle sequence = bundle("io.xmodal.sequence");
        try {
            sequence.stop();
            DescriptorException refused = awaitRefusal(descriptor);
            assertTrue(refused.getMessage(), refused.getMessage().contains("unknown decoder 'gru'"));
            assertFalse("gru still listed after its bundle stopped",
                    workbench().components().stream().anyMatch(i -> i.spec().name().equals("gru")));
        } finally {
            sequence.start();
        }
        awaitAccepted(descriptor);
        assertTrue(workbench().components().stream()
                .anyMatch(i -> i.spec().role() == Role.DECODER && i.spec().name().equals("gru")));
    }

    // ----------------------------------------------------------------------------------------------

    private static BundleContext probeContext() {
        Bundle probe = FrameworkUtil.getBundle(FrameworkIT.class);
        return probe == null ? null : probe.getBundleContext();
    }

    private Workbench workbench() throws InterruptedException {
        synchronized (FrameworkIT.class) {
            if (tracker == null) {
                tracker = new ServiceTracker<>(context, Workbench.class, null);
                tracker.open();
            }
        }
        Workbench w = tracker.waitForService(SERVICE_TIMEOUT_MS);
        if (w == null) {
            fail("no Workbench service within " + SERVICE_TIMEOUT_MS / 1000 + " s; bundles: " + bundleStates());
        }
        return w;
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError(symbolicName + " is not installed: " + bundleStates());
    }

    private String bundleStates() {
        StringBuilder b = new StringBuilder();
        for (Bundle bundle : context.getBundles()) {
            b.append(bundle.getSymbolicName()).append('=').append(bundle.getState()).append(' ');
        }
        return b.toString();
    }

    /** Validation refuses the descriptor (components leave as DS unregisters their services). */
    private DescriptorException awaitRefusal(Path descriptor) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DS_SETTLE_MS);
        while (true) {
            try {
                workbench().validate(descriptor, List.of());
            } catch (DescriptorException e) {
                return e;
            }
            if (System.nanoTime() > deadline) {
                fail("the descriptor still validates " + DS_SETTLE_MS / 1000 + " s after io.xmodal.sequence stopped");
            }
            Thread.sleep(50);
        }
    }

    private void awaitAccepted(Path descriptor) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DS_SETTLE_MS);
        while (true) {
            try {
                workbench().validate(descriptor, List.of());
                return;
            } catch (DescriptorException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("still refused " + DS_SETTLE_MS / 1000 + " s after io.xmodal.sequence started again: "
                            + e.getMessage(), e);
                }
            }
            Thread.sleep(50);
        }
    }

    private static Path tiny(Path dir) throws Exception {
        return Files.writeString(dir.resolve("tiny.yaml"), TINY);
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
