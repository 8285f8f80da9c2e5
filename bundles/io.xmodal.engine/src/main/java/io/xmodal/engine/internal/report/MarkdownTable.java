package io.xmodal.engine.internal.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The variants as a Markdown table (mean ± std over seeds, the best in bold), as {@code xmodal study} prints it at the end. */
public final class MarkdownTable {
    private MarkdownTable() {
    }

    public static String of(Aggregation agg) {
        List<String> head = new ArrayList<>(List.of("#"));
        head.addAll(agg.varied().isEmpty() ? List.of("variant") : agg.varied());
        head.add("seeds ok");
        for (String m : agg.metrics()) {
            head.add(m + " " + agg.direction(m).arrow());
        }
        StringBuilder b = new StringBuilder();
        row(b, head);
        List<String> rule = new ArrayList<>();
        head.forEach(h -> rule.add("---"));
        row(b, rule);
        for (Aggregation.Variant v : agg.variants()) {
            List<String> cells = new ArrayList<>(List.of(Integer.toString(v.index())));
            if (agg.varied().isEmpty()) {
                cells.add(v.label());
            } else {
                agg.varied().forEach(k -> cells.add(v.params().get(k)));
            }
            cells.add(v.okRuns() + "/" + v.runs().size());
            for (String m : agg.metrics()) {
                String cell = meanStd(v.test().get(m));
                cells.add(agg.best(m) == v && agg.variants().size() > 1 ? "**" + cell + "**" : cell);
            }
            row(b, cells);
        }
        for (String key : agg.baselineKeys()) {
            int dot = key.indexOf('.');
            String metric = key.substring(dot + 1);
            if (!agg.metrics().contains(metric)) {
                continue;
            }
            Aggregation.Stat s = pooled(agg, key);
            b.append("\nbaseline ").append(key.substring(0, dot)).append(' ').append(metric).append(": ").append(meanStd(s));
        }
        for (String m : agg.metrics()) {
            Aggregation.Comparison c = agg.comparison(m);
            if (c != null && c.runnerUp() != null) {
                b.append("\n").append(comparison(c));
            }
        }
        return b.toString();
    }

    /** One line: best against runner-up on a metric. */
    static String comparison(Aggregation.Comparison c) {
        String ci = c.n() >= 2 ? String.format(Locale.ROOT, ", 95%% CI [%s, %s]", num(c.low()), num(c.high()))
                : " (" + c.n() + " shared seed" + (c.n() == 1 ? "" : "s") + ": no interval)";
        return String.format(Locale.ROOT, "%s: best #%d, runner-up #%d, difference %s over %d seeds%s", c.measured(), c.best().index(),
                c.runnerUp().index(), num(c.meanDiff()), c.n(), ci);
    }

    /** A baseline over every run of every variant. */
    static Aggregation.Stat pooled(Aggregation agg, String key) {
        int dot = key.indexOf('.');
        List<Double> values = new ArrayList<>();
        for (Aggregation.Variant v : agg.variants()) {
            for (RunRecord r : v.runs()) {
                Double x = r.ok() ? r.baselines().getOrDefault(key.substring(0, dot), java.util.Map.of()).get(key.substring(dot + 1)) : null;
                if (x != null && Double.isFinite(x)) {
                    values.add(x);
                }
            }
        }
        return Aggregation.Stat.of(values);
    }

    static String meanStd(Aggregation.Stat s) {
        if (s == null || s.n() == 0) {
            return "–";
        }
        return s.n() == 1 ? num(s.mean()) : num(s.mean()) + " ± " + String.format(Locale.ROOT, "%.2g", s.std());
    }

    static String num(double v) {
        if (!Double.isFinite(v)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.4g", v).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replaceAll("\\.(e|$)", "$1");
    }

    private static void row(StringBuilder b, List<String> cells) {
        b.append("| ").append(String.join(" | ", cells.stream().map(c -> c == null ? "" : c.replace("|", "\\|")).toList())).append(" |\n");
    }
}
