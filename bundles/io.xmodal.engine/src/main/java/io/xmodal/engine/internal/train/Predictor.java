package io.xmodal.engine.internal.train;

import io.xmodal.api.Modality;
import io.xmodal.api.train.Feed;
import io.xmodal.engine.internal.build.ArrayReuse;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Runs a model over a whole split in evaluation batches; predictions come back in original units. */
public final class Predictor {
    /** Predictions of one split and, when the loss was asked for, its mean over the split. */
    public record Result(INDArray predictions, double loss, Map<String, Double> logged) {
        public Result(INDArray predictions, double loss) {
            this(predictions, loss, Map.of());
        }
    }

    private final SameDiff sd;
    private final String input;
    private final String target;
    private final String prediction;
    private final DataType type;
    private String labels;
    private Map<String, Feed> feeds = Map.of();
    private long seed;
    private int epoch;
    private long step;
    private Map<String, String> logged = Map.of();

    public Predictor(SameDiff sd, String input, String target, String prediction, DataType type) {
        this.sd = sd;
        this.input = input;
        this.target = target;
        this.prediction = prediction;
        this.type = type;
        ArrayReuse.disable(sd);
    }

    /** Feeds each batch's class indices to this placeholder too (for losses that use the class). */
    public Predictor withLabels(String placeholder) {
        this.labels = placeholder;
        return this;
    }

    /**
     * Feeds the plan's extra placeholders: every call of {@link #run} draws from a fresh stream of
     * {@code seed}, so an evaluation repeats exactly.
     */
    public Predictor feeding(Map<String, Feed> extra, long seed, int epoch, long step) {
        this.feeds = extra;
        this.seed = seed;
        this.epoch = epoch;
        this.step = step;
        return this;
    }

    /** Also averages these scalars (name to graph variable) over the split when the loss is asked for. */
    public Predictor logging(Map<String, String> scalars) {
        this.logged = new java.util.TreeMap<>(scalars);
        return this;
    }

    public Result run(SplitData data, SplitData.Part part, TargetScaler scaler, int batch, String lossName) {
        int n = (int) part.size();
        List<INDArray> chunks = new ArrayList<>();
        double lossSum = 0;
        Map<String, Double> loggedSums = new java.util.LinkedHashMap<>();
        Random noise = new Random(seed * 1_000_037L + 5);
        for (int from = 0; from < n; from += batch) {
            int to = Math.min(n, from + batch);
            int[] rows = new int[to - from];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = from + i;
            }
            Map<String, INDArray> ph = new HashMap<>();
            ph.put(input, data.inputBatch(part, rows, type));
            ph.put(target, data.targetBatch(part, rows, scaler, type));
            if (labels != null) {
                ph.put(labels, data.labelBatch(part, rows, type));
            }
            for (Map.Entry<String, Feed> f : feeds.entrySet()) {
                ph.put(f.getKey(), f.getValue().value(rows.length, epoch, step, false, noise).castTo(type));
            }
            List<String> outputs = new ArrayList<>(List.of(prediction));
            if (lossName != null) {
                outputs.add(lossName);
                logged.values().stream().filter(v -> !outputs.contains(v)).forEach(outputs::add);
            }
            Map<String, INDArray> out = sd.output(ph, outputs.toArray(new String[0]));
            chunks.add(out.get(prediction).dup());
            if (lossName != null) {
                lossSum += out.get(lossName).getDouble(0) * rows.length;
                for (Map.Entry<String, String> e : logged.entrySet()) {
                    loggedSums.merge(e.getKey(), out.get(e.getValue()).getDouble(0) * rows.length, Double::sum);
                }
            }
        }
        INDArray all = chunks.size() == 1 ? chunks.get(0) : Nd4j.concat(0, chunks.toArray(new INDArray[0]));
        INDArray original = data.target().modality() == Modality.LABEL ? all : scaler.unscale(all);
        Map<String, Double> means = new java.util.LinkedHashMap<>();
        loggedSums.forEach((k, v) -> means.put(k, v / Math.max(1, n)));
        return new Result(original.castTo(DataType.FLOAT), lossName == null ? Double.NaN : lossSum / Math.max(1, n), means);
    }
}
