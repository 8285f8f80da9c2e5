package io.xmodal.engine.internal.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xmodal.api.runtime.RunOutcome;
import io.xmodal.api.runtime.RunRequest;
import io.xmodal.api.train.Phase;
import io.xmodal.engine.internal.build.Assembled;
import io.xmodal.engine.internal.build.ModelAssembler;
import io.xmodal.engine.internal.registry.ComponentRegistry;
import io.xmodal.engine.internal.train.StepRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.example.shapes.ClassShapes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The gan and vae objectives through the engine on a simple conditional distribution (a class's one-hot
 * row -> its fixed 8x8 shape): a GAN learns it, its phases update only their own parameters, a VAE
 * reconstructs better than the mean image, and a slot reuses an earlier run's encoder frozen or fine-tuned.
 */
class GenerativeRunTest {
    private static WorkbenchService workbench;
    private static ComponentRegistry registry;

    @BeforeAll
    static void setUp() {
        registry = ClasspathComponents.registry();
        registry.register(new ClassShapes(), "org.example.shapes", "1.0.0");
        workbench = WorkbenchService.standalone(registry);
    }

    static final String GAN = """
            experiment: shapes-gan
            seed: 3
            data:
              reader: class-shapes
              with: {count: 240}
              split: {train: 0.8, val: 0.1, test: 0.1}
            model:
              input: condition
              target: image
              encoder: {use: mlp, with: {hidden: [], width: 8}}
              decoder: {use: dcgan, with: {height: 8, width: 8, stages: 1, filters: 16}}
              discriminator: {use: dcgan, with: {stages: 2, filters: 8}}
            train:
              objective: {use: gan, with: {noise: 4%s}}
              optimizers: {d: {use: adam, with: {lr: 0.001, beta1: 0.5}}, g: {use: adam, with: {lr: 0.005, beta1: 0.5}}}
              epochs: %d
              batch: 16
            evaluate: [mse]
            scoring: {epochs: 3}
            samples: 2
            """;

    private static Path write(Path dir, String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    /** The progress line of the epoch starting {@code epoch} names every one of {@code keys}. */
    private static void assertLogged(List<String> lines, String epoch, String... keys) {
        String line = lines.stream().filter(l -> l.startsWith(epoch)).findFirst().orElseThrow(() -> new AssertionError("no line " + epoch));
        for (String key : keys) {
            assertTrue(line.contains(key), key + " missing from the progress line: " + line);
        }
    }

    private static RunOutcome run(Path descriptor, Path out, List<String> lines) throws Exception {
        RunOutcome o = workbench.run(new RunRequest(descriptor, out, List.of(), lines::add, Map.of("backend", "test")));
        assertTrue(o.ok(), "run failed: " + o.error() + "\n" + String.join("\n", lines));
        return o;
    }

    @Test
    void aGanLearnsEachClassesShape(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        Path out = dir.resolve("run");
        run(write(dir, "gan.yaml", GAN.formatted("", 20)), out, lines);
        // both losses and D's accuracies are logged each epoch
        assertLogged(lines, "epoch 20/20", "train.d-loss", "train.g-loss", "train.d-real-acc", "train.d-fake-acc", "val.loss");
        String history = Files.readString(out.resolve("history.csv"));
        assertTrue(history.contains(",train,d-fake-acc,") && history.contains(",train,g-loss,"), history);
        // a generator keeps its last epoch (its val.loss, a reconstruction distance, does not rank its samples)
        String trained = lines.stream().filter(l -> l.startsWith("trained ")).findFirst().orElseThrow();
        assertFalse(trained.contains("restored"), trained);

        // the saved generator, fed every class with fresh noise, draws each class's shape; one batch holds all
        // classes, as a test batch does (the generator's batch norm uses the batch's statistics)
        SameDiff sd = SameDiff.load(out.resolve("model/graph.sd").toFile(), false);
        Random r = new Random(99);
        int n = 30;
        int rows = n * ClassShapes.CLASSES;
        INDArray cond = Nd4j.zeros(DataType.FLOAT, rows, ClassShapes.CLASSES);
        INDArray noise = Nd4j.zeros(DataType.FLOAT, rows, 4);
        for (int i = 0; i < rows; i++) {
            cond.putScalar(i, i % ClassShapes.CLASSES, 1.0);
            for (int j = 0; j < 4; j++) {
                noise.putScalar(i, j, r.nextGaussian());
            }
        }
        INDArray img = sd.output(Map.of("input", cond, "gan/noise", noise), "gan/generated").get("gan/generated").reshape(rows, 64);
        int right = 0;
        for (int i = 0; i < rows; i++) {
            int nearest = -1;
            double best = Double.MAX_VALUE;
            for (int c = 0; c < ClassShapes.CLASSES; c++) {
                double d = img.getRow(i).sub(Nd4j.createFromArray(ClassShapes.shape(c))).norm2Number().doubleValue();
                if (d < best) {
                    best = d;
                    nearest = c;
                }
            }
            right += nearest == i % ClassShapes.CLASSES ? 1 : 0;
        }
        assertTrue(right >= 0.9 * n * ClassShapes.CLASSES, right + " of " + n * ClassShapes.CLASSES
                + " generated samples are nearest their own class's shape\n" + String.join("\n", lines));
    }

    @Test
    void theClassTermsAndInstanceNoiseTrainThroughTheEngine(@TempDir Path dir) throws Exception {
        // the engine feeds the labels placeholder to a GAN that asks for it, and the terms' scalars are logged
        List<String> lines = new ArrayList<>();
        Path out = dir.resolve("run");
        run(write(dir, "gan.yaml", GAN.formatted(", class-weight: 1, feature-matching: 1, instance-noise: 0.1", 3)), out, lines);
        assertLogged(lines, "epoch 3/3", "train.d-class-acc", "train.g-class-acc", "train.feature-gap", "val.g-class-acc");
        String history = Files.readString(out.resolve("history.csv"));
        assertTrue(history.contains(",train,d-class-acc,") && history.contains(",val,feature-gap,"), history);
    }

    @Test
    void eachPhaseUpdatesOnlyItsOwnParameters(@TempDir Path dir) throws Exception {
        Path file = write(dir, "gan.yaml", GAN.formatted("", 1));
        for (String phase : List.of("d", "g")) {
            try (Prepared prep = new Preparation(registry).prepare(file, List.of(), s -> { })) {
                Assembled model = ModelAssembler.assemble(prep.objective(), prep.objectiveParams(), prep.blocks(), prep.input(), prep.target(),
                        3, DataType.FLOAT);
                Phase only = model.plan().phases().stream().filter(p -> p.name().equals(phase)).findFirst().orElseThrow();
                StepRunner runner = new StepRunner(model.graph(), List.of(only), model.parameters(), prep.experiment().train()::optimizer,
                        Set.of(), Map.of());
                Map<String, byte[]> before = bytes(runner.parameters());
                Random r = new Random(1);
                Map<String, INDArray> ph = new HashMap<>();
                INDArray cond = Nd4j.zeros(DataType.FLOAT, 16, 3);
                for (int i = 0; i < 16; i++) {
                    cond.putScalar(i, i % 3, 1);
                }
                ph.put("input", cond);
                ph.put("target", Nd4j.rand(DataType.FLOAT, 16, 1, 8, 8));
                model.plan().feeds().forEach((name, feed) -> ph.put(name, feed.value(16, 1, 0, true, new Random(2))));
                runner.step(ph, 1, 0);
                runner.step(ph, 1, 1);
                Map<String, byte[]> after = bytes(runner.parameters());
                int moved = 0;
                for (String p : before.keySet()) {
                    boolean own = only.parameters().contains(p);
                    boolean same = java.util.Arrays.equals(before.get(p), after.get(p));
                    if (!own) {
                        assertTrue(same, "phase " + phase + " changed " + p + ", which is not its parameter");
                    } else if (!same) {
                        moved++;
                    }
                }
                assertEquals(only.parameters().size(), moved, "phase " + phase + " left some of its own parameters unchanged");
                assertFalse(only.parameters().isEmpty());
                boolean dPhase = phase.equals("d");
                assertTrue(only.parameters().stream().allMatch(p -> dPhase == (p.startsWith("discriminator/") || p.startsWith("gan-"))),
                        phase + ": " + only.parameters());
            }
        }
    }

    static final String SHAPES = """
            experiment: %s
            seed: 5
            data:
              reader: class-shapes
              with: {count: 180}
              split: {train: 0.7, val: 0.15, test: 0.15}
            model:
              input: image
              target: %s
            %s
            train:
            %s
              optimizer: {use: adam, with: {lr: 0.003}}
              epochs: %d
              batch: 16
            samples: 1
            """;

    private static String shapes(String name, String target, String model, String train, int epochs) {
        return SHAPES.formatted(name, target, model.stripIndent().indent(2).stripTrailing(), train.stripIndent().indent(2).stripTrailing(), epochs);
    }

    @Test
    void aVaeReconstructsBetterThanTheMeanImage(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        RunOutcome o = run(write(dir, "vae.yaml", shapes("shapes-vae", "image", """
                encoder: {use: mlp, with: {hidden: [32], width: 16}}
                decoder: {use: dcgan, with: {height: 8, width: 8, stages: 1, filters: 8, batch-norm: false}}
                """, "objective: {use: vae, with: {latent: 4, beta: 0.2, warmup-epochs: 4, reconstruction: binary-cross-entropy}}", 12)),
                dir.resolve("run"), lines);
        double mse = o.test().get("mse");
        double mean = o.baselines().get("mean").get("mse");
        assertTrue(mse < 0.75 * mean, "VAE reconstruction mse " + mse + " against the mean image's " + mean + "\n" + String.join("\n", lines));
        String history = Files.readString(dir.resolve("run/history.csv"));
        assertTrue(history.contains(",train,kl,") && history.contains(",train,reconstruction,"), history);
    }

    /**
     * The transfer technique: train a classifier, then reuse its encoder in another run, frozen (its
     * weights stay byte-identical through training) or fine-tuned (they move).
     */
    @Test
    void aSlotReusesAnEarlierRunsEncoderFrozenOrFineTuned(@TempDir Path dir) throws Exception {
        String encoder = "encoder: {use: mlp, with: {hidden: [16], width: 8}";
        Path classifier = dir.resolve("classifier");
        run(write(dir, "classifier.yaml", shapes("shapes-classifier", "label", encoder + "}\nhead: {use: classification, with: {classes: 3}}",
                "loss: cross-entropy", 2)), classifier, new ArrayList<>());
        Map<String, byte[]> trained = encoderArrays(classifier);
        assertFalse(trained.isEmpty());
        for (boolean frozen : new boolean[] {true, false}) {
            Path out = dir.resolve(frozen ? "frozen" : "tuned");
            List<String> lines = new ArrayList<>();
            run(write(dir, out.getFileName() + ".yaml", shapes("shapes-reuse", "image",
                    encoder + ", from: {run: classifier, slot: encoder}, frozen: " + frozen + "}\n"
                            + "decoder: {use: dcgan, with: {height: 8, width: 8, stages: 1, filters: 8}}",
                    "objective: {use: vae, with: {latent: 4}}", 2)), out, lines);
            Map<String, byte[]> after = encoderArrays(out);
            assertEquals(trained.keySet(), after.keySet());
            long same = trained.keySet().stream().filter(k -> java.util.Arrays.equals(trained.get(k), after.get(k))).count();
            if (frozen) {
                assertEquals(trained.size(), same, "a frozen encoder changed");
                assertTrue(lines.stream().anyMatch(l -> l.startsWith("frozen: model.encoder")), String.join("\n", lines));
            } else {
                assertEquals(0, same, "a fine-tuned encoder kept some of the classifier's arrays");
            }
        }
    }

    private static Map<String, byte[]> encoderArrays(Path run) {
        SameDiff sd = SameDiff.load(run.resolve("model/graph.sd").toFile(), false);
        Map<String, byte[]> m = new HashMap<>();
        sd.variables().stream().filter(v -> v.getVariableType() == org.nd4j.autodiff.samediff.VariableType.VARIABLE
                && v.name().startsWith("encoder/")).forEach(v -> m.put(v.name(), v.getArr().data().asBytes()));
        return m;
    }

    @Test
    void aLossThatIsNotFiniteStopsTrainingNamingThePhaseAndItsLoss() {
        SameDiff sd = SameDiff.create();
        org.nd4j.autodiff.samediff.SDVariable x = sd.placeHolder("input", DataType.FLOAT, -1, 1);
        org.nd4j.autodiff.samediff.SDVariable w = sd.var("w", Nd4j.createFromArray(new float[][] {{1f}}));
        sd.math().log(x.mmul(w).sub(10)).mean("toy/d-loss"); // log of a negative number: NaN
        sd.math().square(x.mmul(w)).mean("toy/g-loss");
        List<Phase> phases = List.of(new Phase("g", "toy/g-loss", Set.of("w"), 1, "g"), new Phase("d", "toy/d-loss", Set.of("w"), 1, "d"));
        StepRunner runner = new StepRunner(sd, phases, List.of("w"), g -> new io.xmodal.engine.internal.descriptor.Experiment.Use("adam",
                Map.of("lr", 0.01, "weight-decay", 0.0, "clip-norm", 0.0)), Set.of(), Map.of());
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.xmodal.engine.internal.train.Trainer.TrainingDiverged.class,
                () -> runner.step(Map.of("input", Nd4j.ones(DataType.FLOAT, 4, 1)), 3, 16));
        assertEquals("training diverged in phase 'd': its loss 'toy/d-loss' is NaN at epoch 3, step 17; "
                + "lower train.optimizers.d.with.lr or set clip-norm", e.getMessage());
    }

    private static Map<String, byte[]> bytes(Map<String, INDArray> params) {
        Map<String, byte[]> m = new HashMap<>();
        params.forEach((k, v) -> m.put(k, v.data().asBytes()));
        return m;
    }
}
