package io.xmodal.engine.internal.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Wall time per op kind while a graph executes, for the benchmark's {@code xmodal.bench.profile}
 * mode: from SameDiff's call before an op to its call after it, so each figure holds the kernel and
 * SameDiff's own work around that one op; what lies between ops is not in any line.
 */
final class OpTimes extends BaseListener {
    private final Map<String, long[]> byOp = new HashMap<>();
    private final boolean perOp;
    private long started;

    /** @param perOp one line per op of the graph (name, kind, first output's shape) instead of per op kind */
    OpTimes(boolean perOp) {
        this.perOp = perOp;
    }

    @Override
    public boolean isActive(Operation operation) {
        return true;
    }

    @Override
    public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext ctx) {
        started = System.nanoTime();
    }

    @Override
    public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext ctx, INDArray[] outputs) {
        String key = op.getOp().opName();
        if (perOp) {
            key = op.getName() + " " + key + (outputs != null && outputs.length > 0 && outputs[0] != null
                    ? java.util.Arrays.toString(outputs[0].shape()) : "");
        }
        long[] t = byOp.computeIfAbsent(key, k -> new long[2]);
        t[0] += System.nanoTime() - started;
        t[1]++;
    }

    /** One line per op kind, most time first, as milliseconds per step. */
    void report(int steps, double stepMs, Consumer<String> out) {
        List<Map.Entry<String, long[]>> rows = new ArrayList<>(byOp.entrySet());
        rows.sort((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]));
        double total = 0;
        out.accept(String.format(Locale.ROOT, "  %-28s %10s %8s %7s", "op", "ms/step", "calls", "share"));
        for (Map.Entry<String, long[]> e : perOp ? rows.subList(0, Math.min(rows.size(), 40)) : rows) {
            double ms = e.getValue()[0] / 1e6 / steps;
            total += ms;
            out.accept(String.format(Locale.ROOT, "  %-28s %10.2f %8d %6.1f%%", e.getKey(), ms, e.getValue()[1] / steps, 100 * ms / stepMs));
        }
        if (perOp) {
            total = rows.stream().mapToDouble(e -> e.getValue()[0] / 1e6 / steps).sum();
        }
        out.accept(String.format(Locale.ROOT, "  %-28s %10.2f %8s %6.1f%%", "(all ops)", total, "", 100 * total / stepMs));
        out.accept(String.format(Locale.ROOT, "  %-28s %10.2f %8s %6.1f%%", "(between ops, optimizer)", stepMs - total, "", 100 * (stepMs - total) / stepMs));
    }
}
