package io.xmodal.engine.internal.generative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.api.runtime.RunOutcome;
import io.xmodal.api.runtime.RunRequest;
import io.xmodal.engine.internal.registry.ComponentRegistry;
import io.xmodal.engine.internal.run.ClasspathComponents;
import io.xmodal.engine.internal.run.WorkbenchService;
import io.xmodal.engine.internal.store.RunDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.example.generative.ClassShapes;
import org.example.generative.EchoGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scoring generated samples end to end, with a test objective whose "generator" has known quality on a
 * tiny four-class dataset of shapes: generated = real scores like the real data (ratio 1, diversity ratio 1,
 * Fréchet distance 0); generated = noise scores about chance; one constant picture for every condition is
 * flagged as mode collapse. The real classifier is the default small vgg, trained in the run.
 */
class GenerativeScoringRunTest {
    private static WorkbenchService workbench;

    @BeforeAll
    static void setUp() {
        ComponentRegistry registry = ClasspathComponents.registry();
        registry.register(new ClassShapes(), "org.example.generative", "1.0.0");
        registry.register(new EchoGenerator(), "org.example.generative", "1.0.0");
        workbench = WorkbenchService.standalone(registry);
    }

    static Path descriptor(Path dir, String mode, String scoring) throws Exception {
        String text = """
                experiment: shapes-%s
                seed: 5
                data:
                  reader: class-shapes
                  with: {count: 240, size: 12}
                  split: {train: 0.6, val: 0.2, test: 0.2}
                model:
                  input: hint
                  target: shape
                train:
                  objective: {use: echo-generator, with: {mode: %s}}
                  epochs: 1
                  batch: 16
                samples: 2
                %s""".formatted(mode, mode, scoring);
        Path f = dir.resolve(mode + ".yaml");
        Files.writeString(f, text);
        return f;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> run(Path dir, String mode, List<String> lines) throws Exception {
        Path out = dir.resolve("run-" + mode);
        RunOutcome o = workbench.run(new RunRequest(descriptor(dir, mode, "scoring: {epochs: 6, lr: 0.01, columns: 3}"), out, List.of(),
                lines::add, Map.of()));
        assertTrue(o.ok(), () -> "run failed: " + o.error());
        Map<String, Object> metrics = RunDirectory.open(out).readJson("metrics.json");
        return (Map<String, Object>) metrics.get("generative");
    }

    private static double d(Map<String, Object> m, String key) {
        assertNotNull(m.get(key), key + " missing from " + m);
        return ((Number) m.get(key)).doubleValue();
    }

    @Test
    void generatedEqualToRealScoresLikeTheRealData(@TempDir Path tmp) throws Exception {
        List<String> lines = new ArrayList<>();
        Map<String, Object> g = run(tmp, "copy", lines);
        assertTrue(d(g, "classifier_accuracy_real") > 0.8, "the classifier learns the shapes: " + g);
        assertEquals(d(g, "classifier_accuracy_real"), d(g, "classifier_accuracy_generated"), 1e-9);
        assertEquals(1.0, d(g, "ratio"), 1e-9);
        assertEquals(1.0, d(g, "diversity_ratio"), 1e-9);
        assertEquals(0.0, d(g, "frechet_distance"), 1e-6);
        assertEquals(0.25, d(g, "chance"), 0.1);
        assertEquals(4, ((Number) g.get("classes")).intValue());
        assertEquals(List.of(), g.get("collapsed_classes"));
        assertEquals(4, ((List<?>) g.get("per_class")).size());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("generated samples: classifier accuracy")), String.join("\n", lines));
        assertFalse(lines.stream().anyMatch(l -> l.contains("mode collapse")), String.join("\n", lines));
        Path run = tmp.resolve("run-copy");
        assertTrue(Files.size(run.resolve("samples/generated-grid.png")) > 1000);
        assertTrue(Files.isRegularFile(run.resolve(GenerativeScoring.GRAPH)));
        String resolved = Files.readString(run.resolve("descriptor.yaml"));
        assertTrue(resolved.contains("scoring:") && resolved.contains("use: vgg") && resolved.contains("global-avg"), resolved);
        // xmodal evaluate recomputes the same figures with the saved classifier
        List<String> again = new ArrayList<>();
        RunOutcome re = workbench.evaluate(run, again::add);
        assertTrue(re.ok(), re.error());
        assertTrue(again.stream().anyMatch(l -> l.startsWith("generated samples: classifier accuracy")), String.join("\n", again));
        assertEquals(d(g, "classifier_accuracy_generated"), re.test().get("generative.classifier_accuracy_generated"), 1e-9);
        assertEquals(d(g, "frechet_distance"), re.test().get("generative.frechet_distance"), 1e-6);
    }

    @Test
    void noiseScoresAboutChanceAndAConstantIsFlaggedAsCollapse(@TempDir Path tmp) throws Exception {
        Map<String, Object> noise = run(tmp, "noise", new ArrayList<>());
        assertTrue(d(noise, "classifier_accuracy_real") > 0.8, noise.toString());
        assertTrue(d(noise, "classifier_accuracy_generated") < d(noise, "chance") + 0.2, "noise is classified near chance: " + noise);
        assertTrue(d(noise, "ratio") < 0.6, noise.toString());
        assertTrue(d(noise, "frechet_distance") > 0.1, noise.toString());

        List<String> lines = new ArrayList<>();
        Map<String, Object> constant = run(tmp, "constant", lines);
        assertEquals(0.0, d(constant, "diversity_generated"), 1e-9);
        assertEquals(4, ((List<?>) constant.get("collapsed_classes")).size(), constant.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("WARNING: possible mode collapse")), String.join("\n", lines));
    }

    @Test
    void scoringNeedsALabelModality(@TempDir Path tmp) throws Exception {
        Path f = descriptor(tmp, "copy", "");
        Files.writeString(f, Files.readString(f).replace("{mode: copy}", "{mode: copy, labels: hint}"));
        DescriptorException e = assertThrows(DescriptorException.class, () -> workbench.validate(f, List.of()));
        assertTrue(e.getMessage().contains("train.objective.with.labels names 'hint', which is series[4], not a label; set it to a label modality"
                + " of the data: class"), e.getMessage());
        assertTrue(e.getMessage().startsWith(f + ":11:"), e.getMessage());
    }
}
