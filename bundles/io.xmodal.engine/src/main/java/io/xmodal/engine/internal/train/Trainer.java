package io.xmodal.engine.internal.train;

import io.xmodal.api.train.Feed;
import io.xmodal.api.train.Metric;
import io.xmodal.api.train.Phase;
import io.xmodal.engine.internal.eval.Scores;
import io.xmodal.engine.internal.build.Assembled;
import io.xmodal.engine.internal.descriptor.Experiment;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The training loop: seeded shuffling, mini-batches, the objective's phases (each with its own
 * parameter group and optimizer), validation after every epoch, early stopping, and restoring the
 * best parameters at the end.
 */
public final class Trainer {
    /** The outcome of training. */
    public record Result(int epochs, long steps, double seconds, long samplesSeen, int bestEpoch, String stoppedBecause) {
        public double samplesPerSecond() {
            return seconds > 0 ? samplesSeen / seconds : 0;
        }
    }

    private final Assembled model;
    private final SplitData data;
    private final TargetScaler scaler;
    private final Experiment exp;
    private final Map<String, Metric> metrics;
    private final DataType type;
    private final Consumer<EpochReport> onEpoch;
    private Validation validation;
    private Map<String, Boolean> extraHigherIsBetter = Map.of();
    private boolean keepLast;

    /** Scores beyond the loss and the prediction metrics, computed on the validation split every epoch. */
    @FunctionalInterface
    public interface Validation {
        /** @return scores named {@code val.<name>} */
        Map<String, Double> score(SplitData.Part val);
    }

    public Trainer(Assembled model, SplitData data, TargetScaler scaler, Experiment exp, Map<String, Metric> metrics,
                   DataType type, Consumer<EpochReport> onEpoch) {
        this.model = model;
        this.data = data;
        this.scaler = scaler;
        this.exp = exp;
        this.metrics = metrics;
        this.type = type;
        this.onEpoch = onEpoch;
    }

    /**
     * Adds scores to every validation (retrieval metrics of an embedding model, say), which early stopping
     * may watch.
     *
     * @param higherIsBetter for each score name it gives ({@code val.<name>}), whether higher is better
     */
    public Trainer withValidation(Validation scores, Map<String, Boolean> higherIsBetter) {
        this.validation = scores;
        this.extraHigherIsBetter = Map.copyOf(higherIsBetter);
        return this;
    }

    /**
     * Keeps the last epoch's parameters instead of restoring the epoch with the best watched score (a
     * generator's validation loss, a reconstruction distance, does not measure its samples).
     */
    public Trainer keepingLast() {
        this.keepLast = true;
        return this;
    }

    public Result train() {
        SameDiff sd = model.graph();
        Experiment.Train cfg = exp.train();
        SplitData.Part train = data.part("train");
        boolean hasVal = data.has("val");
        Predictor predictor = new Predictor(sd, model.input(), model.target(), model.plan().prediction(), type)
                .logging(model.plan().logged()).withLabels(model.labels());

        List<Phase> phases = model.plan().phases();
        StepRunner runner = new StepRunner(sd, phases, model.parameters(), cfg::optimizer, model.frozen(), model.plan().logged());
        Map<String, INDArray> live = runner.parameters();
        Map<String, Feed> feeds = model.plan().feeds();
        Random noise = new Random(exp.seed() * 1_000_033L + 11); // one stream for every training step's feeds

        String watch = cfg.earlyStop() != null ? cfg.earlyStop().metric() : "val.loss";
        boolean higherBetter = !watch.equals("val.loss") && (extraHigherIsBetter.containsKey(watch) ? extraHigherIsBetter.get(watch)
                : metrics.get(watch.substring(4)).higherIsBetter());
        double best = Double.NaN;
        int bestEpoch = 0;
        int since = 0;
        Map<String, INDArray> bestParams = null;
        int n = (int) train.size();
        int batch = Math.min(cfg.batch(), n);
        long step = 0;
        long seen = 0;
        long t0 = System.nanoTime();
        String stopped = "completed " + cfg.epochs() + " epochs";
        int epoch = 0;
        for (epoch = 1; epoch <= cfg.epochs(); epoch++) {
            long te = System.nanoTime();
            int[] order = permutation(n, exp.seed() * 1_000_003L + epoch);
            double lossSum = 0;
            int lossCount = 0;
            Map<String, double[]> extra = new LinkedHashMap<>(); // per-phase losses and logged scalars: sum, count
            for (int from = 0; from < n; from += batch) {
                int to = Math.min(n, from + batch);
                int[] rows = java.util.Arrays.copyOfRange(order, from, to);
                Map<String, INDArray> ph = new HashMap<>();
                ph.put(model.input(), data.inputBatch(train, rows, type));
                ph.put(model.target(), data.targetBatch(train, rows, scaler, type));
                if (model.labels() != null) {
                    ph.put(model.labels(), data.labelBatch(train, rows, type));
                }
                for (Map.Entry<String, Feed> f : feeds.entrySet()) {
                    ph.put(f.getKey(), f.getValue().value(rows.length, epoch, step, true, noise).castTo(type));
                }
                double loss = runner.step(ph, epoch, step);
                lossSum += loss * rows.length;
                lossCount += rows.length;
                if (phases.size() > 1) {
                    runner.lastLosses().forEach((k, v) -> add(extra, k + "-loss", v, rows.length));
                }
                runner.lastLogged().forEach((k, v) -> add(extra, k, v, rows.length));
                step++;
                seen += rows.length;
            }
            Map<String, Double> val = new LinkedHashMap<>();
            boolean improved = false;
            if (hasVal) {
                Predictor.Result r = predictor.feeding(feeds, exp.seed(), epoch, step)
                        .run(data, data.part("val"), scaler, cfg.evalBatch(), model.plan().validationLoss());
                val.put("val.loss", r.loss());
                r.logged().forEach((k, v) -> val.put("val." + k, v));
                if (!metrics.isEmpty()) { // an embedding plan has no prediction metrics: its predictions are embeddings
                    val.putAll(Scores.of(metrics, r.predictions(), reshapeTruth(data.part("val").targets(), r.predictions()), "val."));
                }
                if (validation != null) {
                    val.putAll(validation.score(data.part("val")));
                }
                double v = val.getOrDefault(watch, Double.NaN);
                double delta = cfg.earlyStop() != null ? cfg.earlyStop().minDelta() : 0;
                improved = Double.isNaN(best) || (higherBetter ? v > best + delta : v < best - delta);
                if (improved) {
                    best = v;
                    bestEpoch = epoch;
                    since = 0;
                    bestParams = keepLast ? null : snapshot(live);
                } else {
                    since++;
                }
            }
            Map<String, Double> trainExtra = new LinkedHashMap<>();
            extra.forEach((k, v) -> trainExtra.put(k, v[0] / Math.max(1, v[1])));
            onEpoch.accept(new EpochReport(epoch, step, lossSum / Math.max(1, lossCount), trainExtra, val, (System.nanoTime() - te) / 1e9,
                    improved));
            if (cfg.earlyStop() != null && hasVal && since >= cfg.earlyStop().patience()) {
                stopped = "early stop: " + watch + " did not improve for " + since + " epochs";
                break;
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (bestParams != null) {
            for (Map.Entry<String, INDArray> e : bestParams.entrySet()) {
                live.get(e.getKey()).assign(e.getValue());
            }
        }
        return new Result(Math.min(epoch, cfg.epochs()), step, seconds, seen, keepLast ? 0 : bestEpoch, stopped);
    }

    /** Targets in original units shaped like the predictions (labels stay class indices). */
    public static INDArray reshapeTruth(INDArray flatTargets, INDArray predictions) {
        if (flatTargets.columns() == 1 && predictions.rank() == 2 && predictions.columns() > 1) {
            return flatTargets; // labels: class indices against probabilities
        }
        return flatTargets.reshape('c', predictions.shape());
    }

    private static void add(Map<String, double[]> sums, String key, double value, int weight) {
        double[] a = sums.computeIfAbsent(key, k -> new double[2]);
        a[0] += value * weight;
        a[1] += weight;
    }

    private static Map<String, INDArray> snapshot(Map<String, INDArray> live) {
        Map<String, INDArray> m = new HashMap<>();
        live.forEach((k, v) -> m.put(k, v.dup()));
        return m;
    }

    static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        Random r = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Thrown when the loss stops being a finite number. */
    public static final class TrainingDiverged extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public TrainingDiverged(String message) {
            super(message);
        }
    }
}
