package io.xmodal.engine.internal.train;

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
    private Validation extra;
    private Map<String, Boolean> extraHigherIsBetter = Map.of();

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
        this.extra = scores;
        this.extraHigherIsBetter = Map.copyOf(higherIsBetter);
        return this;
    }

    public Result train() {
        SameDiff sd = model.graph();
        Experiment.Train cfg = exp.train();
        SplitData.Part train = data.part("train");
        boolean hasVal = data.has("val");
        Predictor predictor = new Predictor(sd, model.input(), model.target(), model.plan().prediction(), type).withLabels(model.labels());

        List<Phase> phases = model.plan().phases();
        StepRunner runner = new StepRunner(sd, phases, model.parameters(), cfg.optimizer());
        Map<String, INDArray> live = runner.parameters();

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
            for (int from = 0; from < n; from += batch) {
                int to = Math.min(n, from + batch);
                int[] rows = java.util.Arrays.copyOfRange(order, from, to);
                Map<String, INDArray> ph = new HashMap<>();
                ph.put(model.input(), data.inputBatch(train, rows, type));
                ph.put(model.target(), data.targetBatch(train, rows, scaler, type));
                if (model.labels() != null) {
                    ph.put(model.labels(), data.labelBatch(train, rows, type));
                }
                double loss = runner.step(ph, epoch, step);
                lossSum += loss * rows.length;
                lossCount += rows.length;
                step++;
                seen += rows.length;
            }
            Map<String, Double> val = new LinkedHashMap<>();
            boolean improved = false;
            if (hasVal) {
                Predictor.Result r = predictor.run(data, data.part("val"), scaler, cfg.evalBatch(), phases.get(0).loss());
                val.put("val.loss", r.loss());
                if (!metrics.isEmpty()) { // an embedding plan has no prediction metrics: its predictions are embeddings
                    val.putAll(Scores.of(metrics, r.predictions(), reshapeTruth(data.part("val").targets(), r.predictions()), "val."));
                }
                if (extra != null) {
                    val.putAll(extra.score(data.part("val")));
                }
                double v = val.getOrDefault(watch, Double.NaN);
                double delta = cfg.earlyStop() != null ? cfg.earlyStop().minDelta() : 0;
                improved = Double.isNaN(best) || (higherBetter ? v > best + delta : v < best - delta);
                if (improved) {
                    best = v;
                    bestEpoch = epoch;
                    since = 0;
                    bestParams = snapshot(live);
                } else {
                    since++;
                }
            }
            onEpoch.accept(new EpochReport(epoch, step, lossSum / Math.max(1, lossCount), val, (System.nanoTime() - te) / 1e9, improved));
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
        return new Result(Math.min(epoch, cfg.epochs()), step, seconds, seen, bestEpoch, stopped);
    }

    /** Targets in original units shaped like the predictions (labels stay class indices). */
    public static INDArray reshapeTruth(INDArray flatTargets, INDArray predictions) {
        if (flatTargets.columns() == 1 && predictions.rank() == 2 && predictions.columns() > 1) {
            return flatTargets; // labels: class indices against probabilities
        }
        return flatTargets.reshape('c', predictions.shape());
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
