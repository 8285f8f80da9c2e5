package io.xmodal.engine.internal.run;

import io.xmodal.api.Modality;
import io.xmodal.api.data.DataException;
import io.xmodal.api.runtime.RunOutcome;
import io.xmodal.engine.internal.build.Assembled;
import io.xmodal.engine.internal.build.ModelAssembler;
import io.xmodal.engine.internal.eval.ConfusionMatrix;
import io.xmodal.engine.internal.eval.Scores;
import io.xmodal.engine.internal.generative.GenerativeScoring;
import io.xmodal.engine.internal.store.History;
import io.xmodal.engine.internal.store.RunDirectory;
import io.xmodal.engine.internal.store.SamplePlots;
import io.xmodal.engine.internal.store.VideoSamples;
import io.xmodal.engine.internal.train.EpochReport;
import io.xmodal.engine.internal.train.Predictor;
import io.xmodal.engine.internal.train.SplitData;
import io.xmodal.engine.internal.train.TargetScaler;
import io.xmodal.engine.internal.train.Trainer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Trains and evaluates a prepared experiment into a run directory: descriptor.yaml first, then
 * history.csv after every epoch, and at the end model/, samples/, metrics.json, provenance.json.
 * A failure after the directory exists still leaves metrics.json with status "failed".
 */
public final class RunExecution {
    private static final DataType TYPE = DataType.FLOAT;

    private final Prepared prep;
    private final RunDirectory dir;
    private final Consumer<String> progress;
    private final Map<String, Object> provenance;
    private Function<Object, String> origin = c -> null;

    public RunExecution(Prepared prep, RunDirectory dir, Consumer<String> progress, Map<String, Object> provenance) {
        this.prep = prep;
        this.dir = dir;
        this.progress = progress;
        this.provenance = provenance;
    }

    /** Names the bundle and version of a component object, for failure messages (see {@link Culprit}). */
    public RunExecution origins(Function<Object, String> origin) {
        this.origin = origin;
        return this;
    }

    public RunOutcome execute() {
        Instant started = Instant.now();
        provenance.put("started", started.toString());
        dir.writeYaml("descriptor.yaml", prep.experiment().toPlain());
        dir.writeJson("provenance.json", provenance);
        History history = new History();
        Map<String, Object> metrics = new LinkedHashMap<>();
        try {
            RunOutcome outcome = train(history, metrics);
            metrics.put("status", "ok");
            dir.writeJson("metrics.json", metrics);
            return outcome;
        } catch (Throwable t) {
            String error = Culprit.of(t, prep, origin).orElse("") + message(t);
            metrics.put("status", "failed");
            metrics.put("error", error);
            try {
                dir.writeJson("metrics.json", metrics);
                dir.writeText("history.csv", history.csv());
            } catch (RuntimeException ignored) {
                // the original failure matters more than a second one
            }
            if (t instanceof Error e && !(t instanceof OutOfMemoryError)) {
                throw e;
            }
            return new RunOutcome(dir.path(), false, error, Map.of(), Map.of());
        } finally {
            provenance.put("finished", Instant.now().toString());
            try {
                dir.writeJson("provenance.json", provenance);
            } catch (RuntimeException ignored) {
                // keep the first provenance file
            }
        }
    }

    private RunOutcome train(History history, Map<String, Object> metrics) throws DataException, IOException {
        var exp = prep.experiment();
        progress.accept("preparing " + prep.summary());
        String labels = prep.labelsModality();
        SplitData data = SplitData.load(prep.dataset(), exp.model().input(), exp.model().target(), labels, exp.data().split(), exp.seed(),
                progress);
        // a model without a head (a generator) predicts its target in the target's own units
        TargetScaler scaler = prep.target().modality() == Modality.LABEL || prep.objective().embeds() || !prep.blocks().has("head")
                ? TargetScaler.identity() : TargetScaler.fit(headScaling(), data.part("train").targets());
        Assembled model = ModelAssembler.assemble(prep.objective(), prep.objectiveParams(), prep.blocks(), prep.input(), prep.target(),
                labels == null ? null : prep.dataset().modalities().get(labels), exp.seed(), TYPE, exp.model().reuse());
        if (!model.frozen().isEmpty()) {
            progress.accept(String.format(Locale.ROOT, "frozen: %s (%d parameter arrays)", String.join(", ",
                    exp.model().reuse().entrySet().stream().filter(e -> e.getValue().frozen()).map(e -> "model." + e.getKey()).toList()),
                    model.frozen().size()));
        }
        progress.accept(String.format(Locale.ROOT, "split: train %d, val %d, test %d; model: %,d parameters",
                data.part("train").size(), data.has("val") ? data.part("val").size() : 0, data.part("test").size(), model.parameterCount()));

        int epochs = exp.train().epochs();
        Trainer trainer = new Trainer(model, data, scaler, exp, prep.metrics(), TYPE, r -> {
            history.add(r.epoch(), r.step(), "train", "loss", r.trainLoss());
            r.train().forEach((k, v) -> history.add(r.epoch(), r.step(), "train", k, v));
            r.val().forEach((k, v) -> history.add(r.epoch(), r.step(), "val", k.substring(4), v));
            dir.writeText("history.csv", history.csv());
            progress.accept(epochLine(r, epochs));
        });
        if (model.plan().embeds() && data.has("val")) {
            trainer.withValidation(RetrievalRun.validation(prep, model, data),
                    RetrievalRun.watchable(prep.retrievalMetrics(), exp.model().input(), exp.model().target()));
        }
        if (prep.objective().generates() && exp.train().earlyStop() == null) {
            trainer.keepingLast(); // a generator's val.loss (a reconstruction distance) does not say which epoch samples best
        }
        Trainer.Result tr = trainer.train();
        if (model.plan().embeds()) {
            return new RetrievalRun(prep, dir, progress).finish(model, data, tr, history, metrics);
        }

        Predictor predictor = new Predictor(model.graph(), model.input(), model.target(), model.plan().prediction(), TYPE)
                .withLabels(model.labels())
                .feeding(model.plan().feeds(), exp.seed(), tr.epochs(), tr.steps());
        SplitData.Part test = data.part("test");
        String loss = model.plan().validationLoss();
        Predictor.Result pr = predictor.run(data, test, scaler, exp.train().evalBatch(), loss);
        INDArray truth = Trainer.reshapeTruth(test.targets(), pr.predictions());
        Map<String, Double> testMetrics = new LinkedHashMap<>();
        testMetrics.put("loss", pr.loss());
        testMetrics.putAll(Scores.of(prep.metrics(), pr.predictions(), truth, ""));
        Map<String, Map<String, Double>> baselines = Scores.baselines(prep.metrics(), prep.input(), prep.target(), data.part("train").targets(), test.inputs(),
                truth, exp.seed());
        history.add(tr.epochs(), tr.steps(), "test", "loss", pr.loss());
        testMetrics.forEach((k, v) -> {
            if (!k.equals("loss")) {
                history.add(tr.epochs(), tr.steps(), "test", k, v);
            }
        });
        dir.writeText("history.csv", history.csv());

        Map<String, Object> meta = ModelFiles.meta(model.input(), model.target(), model.plan().prediction(), loss, scaler,
                model.parameterCount());
        if (model.labels() != null) {
            meta.put("labels", model.labels());
        }
        if (!model.plan().feeds().isEmpty()) {
            // evaluate rebuilds the plan for its feeds (noise), drawn as at the end of training
            meta.put("feeds", List.copyOf(new java.util.TreeSet<>(model.plan().feeds().keySet())));
            meta.put("epochs", tr.epochs());
            meta.put("steps", tr.steps());
        }
        ModelFiles.save(dir, model.graph(), meta);
        GenerativeScoring.Result generative = null;
        if (prep.scoring() != null) {
            // the predictions are samples generated for the test split's conditions: score them (docs/generative.md)
            generative = new GenerativeScoring(prep.scoring(), exp, prep.dataset(), progress).score(data, pr.predictions(), dir, meta, exp.samples());
            metrics.put("generative", generative.metrics());
            dir.writeJson(ModelFiles.META, meta); // now naming the scoring classifier too
        }
        writeSamples(data, test, pr.predictions(), history);
        if (prep.target().modality() == Modality.LABEL) {
            writeConfusion(test, pr.predictions());
        }

        metrics.put("test", testMetrics);
        metrics.put("baselines", baselines);
        metrics.put("train_seconds", round(tr.seconds()));
        metrics.put("samples_per_second", round(tr.samplesPerSecond()));
        metrics.put("epochs", tr.epochs());
        metrics.put("steps", tr.steps());
        metrics.put("best_epoch", tr.bestEpoch());
        metrics.put("stopped", tr.stoppedBecause());
        metrics.put("parameters", model.parameterCount());
        summary(tr);
        if (generative != null) {
            generative.summary().forEach(progress);
        }
        return new RunOutcome(dir.path(), true, null, testMetrics, baselines);
    }

    private io.xmodal.api.model.TargetScaling headScaling() {
        var links = prep.blocks().get("head").links();
        var head = links.get(links.size() - 1); // the last block of a chain gives the output
        return ((io.xmodal.api.model.Head) head.block()).targetScaling(head.params());
    }

    private void writeSamples(SplitData data, SplitData.Part test, INDArray predictions, History history) {
        int count = (int) Math.min(prep.experiment().samples(), test.size());
        for (int i = 0; i < count; i++) {
            float[] in = test.inputs().getRow(i).toFloatVector();
            float[] truth = test.targets().getRow(i).toFloatVector();
            INDArray row = predictions.slice(i); // getRow needs rank 2; frames and images come as [batch, ...]
            float[] pred = row.reshape(row.length()).toFloatVector();
            if (prep.target().modality() == Modality.FRAMES && VideoSamples.showsFrames(prep.target())) {
                String title = String.format("%s  (%s)", test.ids().get(i), test.sources().get(i));
                dir.write(String.format("samples/sample-%02d.png", i), VideoSamples.strip(title, data.input(), in, prep.target(), truth, pred));
                dir.write(String.format("samples/sample-%02d.gif", i), VideoSamples.gif(data.input(), in, prep.target(), truth, pred));
                continue;
            }
            String caption = prep.target().modality() == Modality.LABEL
                    ? "true class " + className((int) truth[0]) + ", predicted probabilities" : "true and predicted " + prep.experiment().model().target();
            String title = String.format("%s  (%s)", test.ids().get(i), test.sources().get(i));
            float[] shownTruth = prep.target().modality() == Modality.LABEL ? oneHot((int) truth[0], pred.length) : truth;
            dir.write(String.format("samples/sample-%02d.png", i),
                    SamplePlots.sample(title, data.input(), in, prep.target(), shownTruth, pred, caption));
        }
        List<History.Row> rows = history.rows();
        dir.write("samples/learning-curve.png", SamplePlots.curves("loss", SamplePlots.series(
                rows.stream().filter(r -> !r.split().equals("test")).toList(), "loss")));
    }

    /** confusion-matrix.csv (rows true, columns predicted, with class names) and samples/confusion-matrix.png. */
    private void writeConfusion(SplitData.Part test, INDArray probabilities) {
        int k = (int) prep.target().dim(0);
        List<String> names = prep.dataset().classes(prep.experiment().model().target());
        List<String> classes = new java.util.ArrayList<>();
        for (int c = 0; c < k; c++) {
            classes.add(names != null && c < names.size() ? names.get(c) : Integer.toString(c));
        }
        long[][] counts = ConfusionMatrix.count(test.targets(), probabilities, k);
        dir.writeText("confusion-matrix.csv", ConfusionMatrix.csv(classes, counts));
        long right = 0;
        long all = 0;
        for (int r = 0; r < k; r++) {
            for (int c = 0; c < k; c++) {
                all += counts[r][c];
                right += r == c ? counts[r][c] : 0;
            }
        }
        dir.write("samples/confusion-matrix.png", SamplePlots.confusion(String.format(Locale.ROOT,
                "test confusion matrix: %d of %d right (%.1f%%)", right, all, 100.0 * right / Math.max(all, 1)), classes, counts));
    }

    /** A class index with its name when the data names its classes, e.g. "3 (fr)". */
    private String className(int k) {
        List<String> names = prep.dataset().classes(prep.experiment().model().target());
        return names != null && k >= 0 && k < names.size() ? k + " (" + names.get(k) + ")" : Integer.toString(k);
    }

    private static float[] oneHot(int k, int n) {
        float[] f = new float[n];
        if (k >= 0 && k < n) {
            f[k] = 1;
        }
        return f;
    }

    private String epochLine(EpochReport r, int epochs) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "epoch %" + Integer.toString(epochs).length() + "d/%d  train.loss %.5f",
                r.epoch(), epochs, r.trainLoss()));
        r.train().forEach((k, v) -> b.append(String.format(Locale.ROOT, "  train.%s %.4f", k, v)));
        // per-direction retrieval scores go to history.csv only; the line shows their means
        r.val().forEach((k, v) -> {
            if (!k.contains("->")) {
                b.append(String.format(Locale.ROOT, "  %s %.4f", k, v));
            }
        });
        b.append(String.format(Locale.ROOT, "  %.1fs", r.seconds()));
        if (r.best()) {
            b.append("  *");
        }
        return b.toString();
    }

    private void summary(Trainer.Result tr) {
        progress.accept(String.format(Locale.ROOT, "trained %d epochs (%d steps) in %.1f s, %.0f samples/s; %s%s",
                tr.epochs(), tr.steps(), tr.seconds(), tr.samplesPerSecond(), tr.stoppedBecause(),
                tr.bestEpoch() > 0 ? "; best epoch " + tr.bestEpoch() + " restored" : ""));
        // the test metrics, the baselines and the run directory are printed by the caller from the outcome
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    static String message(Throwable t) {
        String m = t.getMessage();
        if (t instanceof OutOfMemoryError) {
            return "out of memory (" + m + "); lower train.batch or give more memory (--offheap, XMODAL_JAVA_OPTS=-Xmx...)";
        }
        return m == null || m.isBlank() ? t.getClass().getName() : (t instanceof RuntimeException && !(t instanceof Trainer.TrainingDiverged)
                && !(t instanceof IllegalStateException) ? t.getClass().getSimpleName() + ": " + m : m);
    }
}
