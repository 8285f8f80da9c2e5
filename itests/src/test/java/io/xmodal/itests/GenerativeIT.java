package io.xmodal.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

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
 * The gan and vae objectives of io.xmodal.generative inside the framework: a tiny descriptor each, a few
 * steps, run through the Workbench service; both losses, D's accuracies and the VAE's terms reach
 * history.csv.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GenerativeIT {

    private static final String DATA = String.join("\n",
            "seed: 1",
            "data:",
            "  reader: synthetic-faces-voices",
            "  with: {count: 48, image-size: 16, series-length: 16}",
            "  split: {train: 0.5, val: 0.25, test: 0.25}",
            "");

    static final String GAN = "experiment: tiny-gan\n" + DATA + String.join("\n",
            "model:",
            "  input: image",
            "  target: image",
            "  encoder: {use: vgg, with: {blocks: 2, width: 4}}",
            "  decoder: {use: dcgan, with: {height: 16, width: 16, stages: 2, filters: 8}}",
            "  discriminator: {use: patch, with: {stages: 2, filters: 4}}",
            "train:",
            "  objective: {use: gan, with: {noise: 4, loss: hinge, conditioning: projection, labels: \"\"}}",
            "  optimizers: {d: {use: adam, with: {lr: 0.0002, beta1: 0.5}}, g: {use: adam, with: {lr: 0.0002, beta1: 0.5}}}",
            "  epochs: 2",
            "  batch: 12",
            "evaluate: [mse]",
            "samples: 1",
            "");

    static final String VAE = "experiment: tiny-vae\n" + DATA + String.join("\n",
            "model:",
            "  input: image",
            "  target: image",
            "  encoder: {use: vgg, with: {blocks: 2, width: 4}}",
            "  decoder: {use: dcgan, with: {height: 16, width: 16, stages: 2, filters: 8}}",
            "train:",
            "  objective: {use: vae, with: {latent: 4, warmup-epochs: 1, reconstruction: binary-cross-entropy, labels: \"\"}}",
            "  epochs: 2",
            "  batch: 12",
            "evaluate: [mse]",
            "samples: 1",
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
    public void aConditionalGanTrainsInsideTheFramework() throws Exception {
        String history = run("gan", GAN);
        for (String m : List.of(",train,d-loss,", ",train,g-loss,", ",train,d-real-acc,", ",train,d-fake-acc,", ",val,loss,")) {
            assertTrue(m + " missing from history.csv:\n" + history, history.contains(m));
        }
    }

    @Test
    public void aVaeTrainsInsideTheFramework() throws Exception {
        String history = run("vae", VAE);
        for (String m : List.of(",train,reconstruction,", ",train,kl,", ",val,kl,")) {
            assertTrue(m + " missing from history.csv:\n" + history, history.contains(m));
        }
    }

    private String run(String name, String yaml) throws Exception {
        Path dir = workDir(name);
        Path descriptor = Files.writeString(dir.resolve(name + ".yaml"), yaml);
        Path out = dir.resolve("run");
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        RunOutcome o = workbench().run(new RunRequest(descriptor, out, List.of(), lines::add, Map.of("backend", "itest")));
        assertTrue("run failed: " + o.error() + "\n" + String.join("\n", lines), o.ok());
        assertEquals("ok", Json.read(out.resolve("metrics.json")).get("status"));
        assertTrue("model/graph.sd is missing", Files.isRegularFile(out.resolve("model/graph.sd")));
        return Files.readString(out.resolve("history.csv"));
    }

    private static BundleContext probeContext() {
        Bundle probe = FrameworkUtil.getBundle(GenerativeIT.class);
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
        return Files.createTempDirectory(Files.createDirectories(Path.of(base)), prefix + "-");
    }
}
