package io.xmodal.engine.internal.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code history.csv}: one row per epoch, step, split and metric; rewritten atomically after each epoch. */
public final class History {
    /** One row of history.csv. */
    public record Row(int epoch, long step, String split, String metric, double value) {
    }

    private final List<Row> rows = new ArrayList<>();

    public void add(int epoch, long step, String split, String metric, double value) {
        rows.add(new Row(epoch, step, split, metric, value));
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    public String csv() {
        StringBuilder b = new StringBuilder("epoch,step,split,metric,value\n");
        for (Row r : rows) {
            b.append(r.epoch).append(',').append(r.step).append(',').append(r.split).append(',').append(r.metric).append(',')
                    .append(String.format(Locale.ROOT, "%.8g", r.value)).append('\n');
        }
        return b.toString();
    }
}
