package io.xmodal.engine.internal.run;

import io.xmodal.api.Params;
import io.xmodal.api.data.DataException;
import io.xmodal.api.data.Dataset;
import io.xmodal.api.runtime.RunOutcome;
import io.xmodal.api.train.RetrievalMetric;
import io.xmodal.api.train.TrainingPlan;
import io.xmodal.engine.internal.build.Assembled;
import io.xmodal.engine.internal.retrieval.Embedder;
import io.xmodal.engine.internal.retrieval.EmbeddingIndex;
import io.xmodal.engine.internal.retrieval.LinearBaseline;
import io.xmodal.engine.internal.retrieval.RetrievalSamples;
import io.xmodal.engine.internal.retrieval.RetrievalScores;
import io.xmodal.engine.internal.store.History;
import io.xmodal.engine.internal.store.RunDirectory;
import io.xmodal.engine.internal.store.SamplePlots;
import io.xmodal.engine.internal.train.Predictor;
import io.xmodal.engine.internal.train.SplitData;
import io.xmodal.engine.internal.train.TargetScaler;
import io.xmodal.engine.internal.train.Trainer;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The end of a run whose objective embeds input and target in one space: embeds the whole test split
 * with each encoder alone, scores retrieval in both directions (gallery = the whole test split) against
 * the analytic chance level and a linear CCA baseline between raw features, saves the model and an index
 * of the test embeddings per modality ({@code index/<modality>.idx}, read by {@code xmodal retrieve}),
 * and draws sample queries with their top-5 results.
 */
final class RetrievalRun {
    /** The metrics scored when the descriptor names none. */
    static final List<String> DEFAULT_METRICS = List.of("recall@1", "recall@5", "recall@10", "median-rank", "mean-rank", "map");
    static final String INDEX_DIR = "index/";
    private static final int CCA_COMPONENTS = 32;

    private final Prepared prep;
    private final RunDirectory dir;
    private final Consumer<String> progress;

    RetrievalRun(Prepared prep, RunDirectory dir, Consumer<String> progress) {
        this.prep = prep;
        this.dir = dir;
        this.progress = progress;
    }

    static String indexFile(String modality) {
        return INDEX_DIR + modality + ".idx";
    }

    RunOutcome finish(Assembled model, SplitData data, Trainer.Result tr, History history, Map<String, Object> metrics)
            throws DataException, IOException {
        var exp = prep.experiment();
        TrainingPlan plan = model.plan();
        String inName = exp.model().input();
        String tgName = exp.model().target();
        SplitData.Part test = data.part("test");
        SplitData.Part train = data.part("train");
        int batch = exp.train().evalBatch();

        String loss = plan.phases().get(0).loss();
        Predictor.Result pr = new Predictor(model.graph(), model.input(), model.target(), plan.prediction(), org.nd4j.linalg.api.buffer.DataType.FLOAT)
                .withLabels(model.labels()).run(data, test, TargetScaler.identity(), batch, loss);
        INDArray a = new Embedder(model.graph(), model.input(), plan.embeddings().get(TrainingPlan.INPUT), data.input()).embed(test.inputs(), batch);
        INDArray b = new Embedder(model.graph(), model.target(), plan.embeddings().get(TrainingPlan.TARGET), data.target()).embed(test.targets(), batch);

        Keys keys = keys(prep, data);
        Map<String, RetrievalMetric> rm = prep.retrievalMetrics();
        Map<String, Double> testMetrics = new LinkedHashMap<>();
        testMetrics.put("loss", pr.loss());
        testMetrics.putAll(RetrievalScores.of(rm, inName, a, tgName, b, keys.test()));

        Map<String, Map<String, Double>> baselines = new LinkedHashMap<>();
        baselines.put("chance", RetrievalScores.chance(rm, inName, tgName, keys.test()));
        long t0 = System.nanoTime();
        LinearBaseline cca = LinearBaseline.fit(train.inputs(), train.targets(), CCA_COMPONENTS, exp.seed());
        baselines.put("linear-cca", RetrievalScores.of(rm, inName, cca.embedFirst(test.inputs()), tgName, cca.embedSecond(test.targets()),
                keys.test()));
        progress.accept(String.format(Locale.ROOT, "linear baseline: CCA on raw features (%d PCA components per side), first canonical correlation %.3f, %.1f s",
                CCA_COMPONENTS, cca.correlations()[0], (System.nanoTime() - t0) / 1e9));

        history.add(tr.epochs(), tr.steps(), "test", "loss", pr.loss());
        testMetrics.forEach((k, v) -> {
            if (!k.equals("loss")) {
                history.add(tr.epochs(), tr.steps(), "test", k, v);
            }
        });
        dir.writeText("history.csv", history.csv());

        Map<String, Object> meta = ModelFiles.meta(model.input(), model.target(), plan.prediction(), loss, TargetScaler.identity(),
                model.parameterCount());
        Map<String, Object> embeddings = new LinkedHashMap<>();
        embeddings.put(inName, Map.of("placeholder", model.input(), "variable", plan.embeddings().get(TrainingPlan.INPUT),
                "index", indexFile(inName)));
        embeddings.put(tgName, Map.of("placeholder", model.target(), "variable", plan.embeddings().get(TrainingPlan.TARGET),
                "index", indexFile(tgName)));
        meta.put("embeddings", embeddings);
        meta.put("relevance", keys.level());
        ModelFiles.save(dir, model.graph(), meta);

        new EmbeddingIndex(inName, a, test.ids(), test.sources(), keys.testNames()).write(dir.resolve(indexFile(inName)));
        new EmbeddingIndex(tgName, b, test.ids(), test.sources(), keys.testNames()).write(dir.resolve(indexFile(tgName)));

        writeSamples(data, test, a, b, keys);
        dir.write("samples/learning-curve.png", SamplePlots.curves("loss", SamplePlots.series(
                history.rows().stream().filter(r -> !r.split().equals("test")).toList(), "loss")));

        metrics.put("test", testMetrics);
        metrics.put("baselines", baselines);
        metrics.put("retrieval", Map.of("relevance", keys.level(), "gallery", test.size(), "queries", test.size(),
                "directions", List.of(RetrievalScores.direction(inName, tgName), RetrievalScores.direction(tgName, inName)),
                "linear_cca_correlations", round(cca.correlations(), 8)));
        metrics.put("train_seconds", round(tr.seconds()));
        metrics.put("samples_per_second", round(tr.samplesPerSecond()));
        metrics.put("epochs", tr.epochs());
        metrics.put("steps", tr.steps());
        metrics.put("best_epoch", tr.bestEpoch());
        metrics.put("stopped", tr.stoppedBecause());
        metrics.put("parameters", model.parameterCount());
        progress.accept(String.format(Locale.ROOT, "trained %d epochs (%d steps) in %.1f s, %.0f samples/s; %s%s",
                tr.epochs(), tr.steps(), tr.seconds(), tr.samplesPerSecond(), tr.stoppedBecause(),
                tr.bestEpoch() > 0 ? "; best epoch " + tr.bestEpoch() + " restored" : ""));
        progress.accept("retrieval over the whole test split (" + test.size() + " x " + test.size() + "), relevance: " + keys.level());
        return new RunOutcome(dir.path(), true, null, testMetrics, baselines);
    }

    /**
     * {@code xmodal evaluate} of an embedding run: the test split embedded again by the saved graph's
     * encoders and scored like the run did.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Double> rescore(Prepared prep, SplitData data, org.nd4j.autodiff.samediff.SameDiff sd, Map<String, Object> meta)
            throws DataException {
        var exp = prep.experiment();
        Map<String, Map<String, Object>> emb = (Map<String, Map<String, Object>>) meta.get("embeddings");
        String inName = exp.model().input();
        String tgName = exp.model().target();
        SplitData.Part test = data.part("test");
        int batch = exp.train().evalBatch();
        INDArray a = new Embedder(sd, (String) emb.get(inName).get("placeholder"), (String) emb.get(inName).get("variable"), data.input())
                .embed(test.inputs(), batch);
        INDArray b = new Embedder(sd, (String) emb.get(tgName).get("placeholder"), (String) emb.get(tgName).get("variable"), data.target())
                .embed(test.targets(), batch);
        return RetrievalScores.of(prep.retrievalMetrics(), inName, a, tgName, b, keys(prep, data).test());
    }

    /**
     * The retrieval scores early stopping may watch, with whether higher is better: each metric in each
     * direction ({@code val.image->spectrogram.recall@1}) and the mean of both directions
     * ({@code val.recall@1}).
     */
    static Map<String, Boolean> watchable(Map<String, RetrievalMetric> metrics, String nameA, String nameB) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        metrics.forEach((name, m) -> out.put("val." + name, m.higherIsBetter()));
        metrics.forEach((name, m) -> out.put("val." + RetrievalScores.direction(nameA, nameB) + "." + name, m.higherIsBetter()));
        metrics.forEach((name, m) -> out.put("val." + RetrievalScores.direction(nameB, nameA) + "." + name, m.higherIsBetter()));
        return out;
    }

    /**
     * Retrieval over the validation split (each side the other's gallery, relevance as for the test
     * split), scored after every epoch so that early stopping can watch it.
     */
    static Trainer.Validation validation(Prepared prep, Assembled model, SplitData data) throws DataException {
        String inName = prep.experiment().model().input();
        String tgName = prep.experiment().model().target();
        long[] keys = keys(prep, data, "val").test();
        int batch = prep.experiment().train().evalBatch();
        TrainingPlan plan = model.plan();
        Embedder ea = new Embedder(model.graph(), model.input(), plan.embeddings().get(TrainingPlan.INPUT), data.input());
        Embedder eb = new Embedder(model.graph(), model.target(), plan.embeddings().get(TrainingPlan.TARGET), data.target());
        return val -> {
            INDArray a = ea.embed(val.inputs(), batch);
            INDArray b = eb.embed(val.targets(), batch);
            Map<String, Double> both = RetrievalScores.of(prep.retrievalMetrics(), inName, a, tgName, b, keys);
            Map<String, Double> out = new LinkedHashMap<>();
            prep.retrievalMetrics().keySet().forEach(name -> out.put("val." + name,
                    (both.get(RetrievalScores.direction(inName, tgName) + "." + name) + both.get(RetrievalScores.direction(tgName, inName) + "." + name)) / 2));
            both.forEach((k, v) -> out.put("val." + k, v));
            return out;
        };
    }

    /** Relevance keys of a split: the row (instance level) or the class (class level), and class names. */
    record Keys(String level, long[] test, List<String> testNames) {
    }

    static Keys keys(Prepared prep, SplitData data) throws DataException {
        return keys(prep, data, "test");
    }

    static Keys keys(Prepared prep, SplitData data, String split) throws DataException {
        Params p = prep.objectiveParams();
        boolean declares = prep.objective().spec().param("relevance").isPresent();
        String level = declares ? p.getString("relevance") : "instance";
        String labels = prep.objective().spec().param("labels").isPresent() ? p.getString("labels") : null;
        int n = (int) data.part(split).size();
        long[] keys = new long[n];
        List<String> names = new ArrayList<>(n);
        Dataset ds = prep.dataset();
        boolean hasLabels = labels != null && ds.modalities().containsKey(labels);
        long[] rows = hasLabels || level.equals("class")
                ? SplitData.assign(ds, prep.experiment().data().split(), prep.experiment().seed()).get(split) : null;
        if (level.equals("class") && !hasLabels) {
            throw new DataException(null, "relevance: class needs the class of each sample, but the data has no modality '" + labels
                    + "' (it has " + ds.modalities().keySet() + "); set train.objective labels to the label modality");
        }
        List<String> classNames = hasLabels ? ds.classes(labels) : null;
        for (int i = 0; i < n; i++) {
            long cls = -1;
            if (hasLabels) {
                cls = (long) ds.get(rows[i]).get(labels)[0];
                names.add(classNames != null && cls >= 0 && cls < classNames.size() ? classNames.get((int) cls) : Long.toString(cls));
            } else {
                names.add("");
            }
            keys[i] = level.equals("class") ? cls : i;
        }
        return new Keys(level, keys, names);
    }

    private void writeSamples(SplitData data, SplitData.Part test, INDArray a, INDArray b, Keys keys) {
        int count = (int) Math.min(prep.experiment().samples(), test.size());
        String inName = prep.experiment().model().input();
        String tgName = prep.experiment().model().target();
        for (int i = 0; i < count; i++) {
            boolean forward = i % 2 == 0; // alternate the direction: input -> target, target -> input
            int q = i * (int) Math.max(1, test.size() / Math.max(1, count)); // spread over the split
            INDArray queries = forward ? a : b;
            INDArray gallery = forward ? b : a;
            EmbeddingIndex index = new EmbeddingIndex(forward ? tgName : inName, gallery, test.ids(), test.sources(), keys.testNames());
            List<EmbeddingIndex.Hit> hits = index.search(queries.getRow(q), 5);
            List<RetrievalSamples.Item> items = new ArrayList<>();
            for (EmbeddingIndex.Hit h : hits) {
                float[] values = (forward ? test.targets() : test.inputs()).getRow(h.row()).toFloatVector();
                items.add(new RetrievalSamples.Item(values, caption(test.ids().get(h.row()), keys.testNames().get(h.row()), h.score()),
                        keys.test()[h.row()] == keys.test()[q]));
            }
            float[] qv = (forward ? test.inputs() : test.targets()).getRow(q).toFloatVector();
            String title = String.format(Locale.ROOT, "%s -> %s: query %s, top 5 of %d (relevance: %s)", forward ? inName : tgName,
                    forward ? tgName : inName, test.ids().get(q), test.size(), keys.level());
            dir.write(String.format("samples/retrieval-%02d.png", i), RetrievalSamples.picture(title, forward ? data.input() : data.target(),
                    new RetrievalSamples.Item(qv, caption(test.ids().get(q), keys.testNames().get(q), Double.NaN), true),
                    forward ? data.target() : data.input(), items));
        }
    }

    private static String caption(String id, String label, double score) {
        String s = label.isEmpty() ? shorten(id) : "class " + label;
        return Double.isNaN(score) ? s : s + String.format(Locale.ROOT, "  %.3f", score);
    }

    private static String shorten(String id) {
        return id.length() > 14 ? "..." + id.substring(id.length() - 12) : id;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static List<Double> round(double[] v, int max) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < Math.min(max, v.length); i++) {
            out.add(Math.round(v[i] * 1000) / 1000.0);
        }
        return out;
    }
}
