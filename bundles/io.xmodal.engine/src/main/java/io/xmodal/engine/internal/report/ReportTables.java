package io.xmodal.engine.internal.report;

import io.xmodal.engine.internal.store.RunDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.xmodal.engine.internal.report.ReportWriter.esc;

/** The variants table in HTML, CSV and JSON. */
final class ReportTables {
    private final Aggregation agg;

    ReportTables(Aggregation agg) {
        this.agg = agg;
    }

    String html() {
        StringBuilder b = new StringBuilder("<table id=\"variants-table\"><tr><th>#</th>");
        List<String> params = agg.varied().isEmpty() ? List.of() : agg.varied();
        if (params.isEmpty()) {
            b.append("<th>variant</th>");
        }
        params.forEach(p -> b.append("<th>").append(esc(p)).append("</th>"));
        b.append("<th>seeds ok</th>");
        // a long name (generative.classifier_accuracy_generated) may break after a dot or an underscore
        agg.metrics().forEach(m -> b.append("<th>").append(esc(m).replace(".", ".<wbr>").replace("_", "_<wbr>")).append(' ')
                .append(agg.direction(m).arrow())
                .append("</th>"));
        b.append("</tr>\n");
        for (Aggregation.Variant v : agg.variants()) {
            b.append("<tr><td>").append(v.index()).append("</td>");
            if (params.isEmpty()) {
                b.append("<td>").append(esc(v.label())).append("</td>");
            }
            params.forEach(p -> b.append("<td><code>").append(esc(v.params().get(p))).append("</code></td>"));
            b.append("<td class=\"num\">").append(v.okRuns()).append("/").append(v.runs().size()).append("</td>");
            for (String m : agg.metrics()) {
                boolean best = agg.best(m) == v && agg.variants().size() > 1;
                b.append("<td class=\"num").append(best ? " best" : "").append("\">").append(MarkdownTable.meanStd(v.test().get(m)))
                        .append(best ? " ★" : "").append("</td>");
            }
            b.append("</tr>\n");
        }
        Set<String> baselines = new LinkedHashSet<>();
        agg.baselineKeys().forEach(k -> baselines.add(k.substring(0, k.indexOf('.'))));
        for (String bl : baselines) {
            b.append("<tr class=\"baseline\"><td></td><td colspan=\"").append(Math.max(1, params.size())).append("\">baseline <b>")
                    .append(esc(bl)).append("</b> (all runs)</td><td></td>");
            for (String m : agg.metrics()) {
                b.append("<td class=\"num\">").append(MarkdownTable.meanStd(MarkdownTable.pooled(agg, bl + "." + m))).append("</td>");
            }
            b.append("</tr>\n");
        }
        return b.append("</table>\n").toString();
    }

    String csv() {
        StringBuilder b = new StringBuilder("variant");
        agg.varied().forEach(p -> b.append(',').append(cell(p)));
        b.append(",runs,ok");
        for (String m : agg.metrics()) {
            b.append(',').append(m).append("_mean,").append(m).append("_std,").append(m).append("_n,").append(m).append("_best");
        }
        for (String k : agg.baselineKeys()) {
            b.append(",baseline_").append(k).append("_mean,baseline_").append(k).append("_std");
        }
        b.append('\n');
        for (Aggregation.Variant v : agg.variants()) {
            b.append(v.index());
            agg.varied().forEach(p -> b.append(',').append(cell(v.params().get(p))));
            b.append(',').append(v.runs().size()).append(',').append(v.okRuns());
            for (String m : agg.metrics()) {
                Aggregation.Stat s = v.test().get(m);
                b.append(',').append(n(s.mean())).append(',').append(n(s.std())).append(',').append(s.n()).append(',')
                        .append(agg.best(m) == v);
            }
            for (String k : agg.baselineKeys()) {
                Aggregation.Stat s = v.baselines().get(k);
                b.append(',').append(n(s.mean())).append(',').append(n(s.std()));
            }
            b.append('\n');
        }
        return b.toString();
    }

    String json() {
        List<Object> rows = new ArrayList<>();
        for (Aggregation.Variant v : agg.variants()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("variant", v.index());
            r.put("label", v.label());
            r.put("params", v.params());
            r.put("runs", v.runs().size());
            r.put("ok", v.okRuns());
            r.put("run_names", v.runs().stream().map(RunRecord::name).toList());
            Map<String, Object> t = new LinkedHashMap<>();
            v.test().forEach((m, s) -> t.put(m, stat(s, agg.best(m) == v)));
            r.put("test", t);
            Map<String, Object> bl = new LinkedHashMap<>();
            v.baselines().forEach((k, s) -> bl.put(k, stat(s, false)));
            r.put("baselines", bl);
            rows.add(r);
        }
        Map<String, Object> cmp = new LinkedHashMap<>();
        for (String m : agg.metrics()) {
            Aggregation.Comparison c = agg.comparison(m);
            if (c != null && c.runnerUp() != null) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("best", c.best().index());
                x.put("runner_up", c.runnerUp().index());
                x.put("shared_seeds", c.n());
                x.put("mean_difference", finite(c.meanDiff()));
                x.put("ci95", c.n() >= 2 ? List.of(c.low(), c.high()) : null);
                if (c.direction() == Aggregation.Direction.TOWARDS_ONE) {
                    x.put("difference_of", "|x - 1|");
                }
                cmp.put(m, x);
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("varied", agg.varied());
        Map<String, String> dir = new LinkedHashMap<>();
        agg.metrics().forEach(m -> dir.put(m, agg.direction(m).word()));
        doc.put("higher_is_better", dir);
        doc.put("variants", rows);
        doc.put("best_vs_runner_up", cmp);
        try {
            return RunDirectory.JSON.writeValueAsString(doc) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> stat(Aggregation.Stat s, boolean best) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", finite(s.mean()));
        m.put("std", finite(s.std()));
        m.put("n", s.n());
        if (best) {
            m.put("best", true);
        }
        return m;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String n(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }

    private static String cell(String s) {
        if (s == null) {
            return "";
        }
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
