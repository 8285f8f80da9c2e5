package io.xmodal.engine.internal.run;

import io.xmodal.api.data.DataException;
import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.api.runtime.Problem;
import io.xmodal.api.runtime.RunOutcome;
import io.xmodal.engine.internal.build.ModelAssembler;
import io.xmodal.engine.internal.eval.Scores;
import io.xmodal.engine.internal.generative.GenerativeScoring;
import io.xmodal.engine.internal.store.RunDirectory;
import io.xmodal.engine.internal.train.Predictor;
import io.xmodal.engine.internal.train.SplitData;
import io.xmodal.engine.internal.train.TargetScaler;
import io.xmodal.engine.internal.train.Trainer;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code xmodal evaluate RUN_DIR}: reloads the saved graph (no plugin class needed), rebuilds the
 * test split from the run's resolved descriptor, and recomputes the test metrics, printing them
 * beside the ones recorded in metrics.json. For a run that generates samples, the saved scoring
 * classifier ({@code model/scoring-classifier.sd}) scores samples generated again by the saved graph
 * (the figures are {@code generative.*}; a generator that draws fresh noise gives slightly different
 * ones). Nothing in the run directory is changed.
 */
public final class Reevaluation {
    private final Preparation preparation;

    public Reevaluation(Preparation preparation) {
        this.preparation = preparation;
    }

    @SuppressWarnings("unchecked")
    public RunOutcome evaluate(Path runDir, Consumer<String> progress) throws DescriptorException {
        Path descriptor = runDir.resolve("descriptor.yaml");
        if (!Files.isRegularFile(descriptor) || !Files.isRegularFile(runDir.resolve(ModelFiles.META))) {
            throw new DescriptorException(new Problem(runDir.toString(), 0, 0, "", "not a finished run directory (needs descriptor.yaml and "
                    + ModelFiles.META + "); give the folder a successful 'xmodal run' wrote"));
        }
        RunDirectory dir = RunDirectory.open(runDir);
        try (Prepared prep = preparation.prepare(descriptor, java.util.List.of(), progress)) {
            Map<String, Object> meta = dir.readJson(ModelFiles.META);
            TargetScaler scaler = TargetScaler.fromMap((Map<String, Object>) meta.get("scaling"));
            SameDiff sd = ModelFiles.load(dir);
            var exp = prep.experiment();
            SplitData data = SplitData.load(prep.dataset(), exp.model().input(), exp.model().target(), prep.labelsModality(), exp.data().split(),
                    exp.seed(), progress);
            SplitData.Part test = data.part("test");
            if (meta.get("embeddings") instanceof Map) {
                Map<String, Double> scores = RetrievalRun.rescore(prep, data, sd, meta);
                print(runDir, dir, scores, progress);
                return new RunOutcome(runDir, true, null, scores, Map.of());
            }
            Predictor predictor = new Predictor(sd, (String) meta.get("input"), (String) meta.get("target"), (String) meta.get("prediction"),
                    DataType.FLOAT).withLabels((String) meta.get("labels"));
            if (meta.get("feeds") instanceof java.util.List<?>) {
                // the plan's feeds (noise) are Java code: rebuild the plan (not its values) to get them
                var plan = io.xmodal.engine.internal.build.ModelAssembler.assemble(prep.objective(), prep.objectiveParams(), prep.blocks(),
                        prep.input(), prep.target(), exp.seed(), DataType.FLOAT).plan();
                predictor.feeding(plan.feeds(), exp.seed(), ((Number) meta.get("epochs")).intValue(), ((Number) meta.get("steps")).longValue());
            }
            Predictor.Result r = predictor.run(data, test, scaler, exp.train().evalBatch(), (String) meta.get("loss"));
            INDArray truth = Trainer.reshapeTruth(test.targets(), r.predictions());
            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("loss", r.loss());
            metrics.putAll(Scores.of(prep.metrics(), r.predictions(), truth, ""));
            Map<String, Map<String, Double>> baselines = Scores.baselines(prep.metrics(), prep.input(), prep.target(), data.part("train").targets(), test.inputs(),
                    truth, exp.seed());
            List<String> generative = List.of();
            if (prep.scoring() != null && meta.get("scoring") instanceof Map<?, ?> scoring) {
                // the saved scoring classifier on the real test samples and on the samples generated again
                SameDiff classifier = SameDiff.load(dir.resolve((String) scoring.get("graph")).toFile(), false);
                GenerativeScoring.Result g = new GenerativeScoring(prep.scoring(), exp, prep.dataset(), progress)
                        .rescore(classifier, (Map<String, Object>) scoring, r.predictions(), ModelAssembler.INPUT, ModelAssembler.TARGET);
                for (String k : GenerativeScoring.FIGURES) {
                    if (g.metrics().get(k) instanceof Number n) {
                        metrics.put("generative." + k, n.doubleValue());
                    }
                }
                generative = g.summary();
            }
            print(runDir, dir, metrics, progress);
            generative.forEach(progress);
            return new RunOutcome(runDir, true, null, metrics, baselines);
        } catch (IOException | DataException e) {
            return new RunOutcome(runDir, false, e.getMessage(), Map.of(), Map.of());
        }
    }

    /** The recomputed metrics beside the ones metrics.json recorded. */
    @SuppressWarnings("unchecked")
    private static void print(Path runDir, RunDirectory dir, Map<String, Double> metrics, Consumer<String> progress) throws IOException {
        Map<String, Object> recorded = Files.isRegularFile(runDir.resolve("metrics.json")) ? dir.readJson("metrics.json") : Map.of();
        Map<String, Object> recordedTest = new java.util.HashMap<>((Map<String, Object>) recorded.getOrDefault("test", Map.of()));
        ((Map<String, Object>) recorded.getOrDefault("generative", Map.of())).forEach((k, v) -> recordedTest.put("generative." + k, v));
        int width = Math.max(10, metrics.keySet().stream().mapToInt(String::length).max().orElse(10));
        progress.accept(String.format(Locale.ROOT, "%-" + width + "s %14s %14s", "metric", "recomputed", "metrics.json"));
        metrics.forEach((k, v) -> progress.accept(String.format(Locale.ROOT, "%-" + width + "s %14.6f %14s", k, v,
                recordedTest.get(k) instanceof Number n ? String.format(Locale.ROOT, "%.6f", n.doubleValue()) : "-")));
    }

}
