package io.xmodal.engine.internal.train;

import io.xmodal.api.Modality;
import io.xmodal.engine.internal.build.ArrayReuse;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs a model over a whole split in evaluation batches; predictions come back in original units. */
public final class Predictor {
    /** Predictions of one split and, when the loss was asked for, its mean over the split. */
    public record Result(INDArray predictions, double loss) {
    }

    private final SameDiff sd;
    private final String input;
    private final String target;
    private final String prediction;
    private final DataType type;
    private String labels;

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

    public Result run(SplitData data, SplitData.Part part, TargetScaler scaler, int batch, String lossName) {
        int n = (int) part.size();
        List<INDArray> chunks = new ArrayList<>();
        double lossSum = 0;
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
            Map<String, INDArray> out = lossName == null ? sd.output(ph, prediction) : sd.output(ph, prediction, lossName);
            chunks.add(out.get(prediction).dup());
            if (lossName != null) {
                lossSum += out.get(lossName).getDouble(0) * rows.length;
            }
        }
        INDArray all = chunks.size() == 1 ? chunks.get(0) : Nd4j.concat(0, chunks.toArray(new INDArray[0]));
        INDArray original = data.target().modality() == Modality.LABEL ? all : scaler.unscale(all);
        return new Result(original.castTo(DataType.FLOAT), lossName == null ? Double.NaN : lossSum / Math.max(1, n));
    }
}
