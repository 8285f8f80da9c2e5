package io.xmodal.engine.internal.report;

import io.xmodal.engine.internal.store.RunDirectory;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code report.html}: one self-contained page (inline CSS, charts and samples as data: URIs, no
 * script, font or file it must fetch) comparing the variants of studies and runs: the table of
 * variants with only the parameters that differ (a generating run's scoring figures among the
 * metrics, see {@link GenerativeFigures}), the best against the runner-up, bar charts with error bars
 * and baselines, learning curves, each generating variant's grid, pictures and sounds, sample
 * galleries, provenance with differences marked, and links to every run directory. The table is
 * also written beside it as CSV and JSON.
 */
public final class ReportWriter {
    /** Sample files shown per variant. */
    static final int SAMPLES_PER_VARIANT = 6;
    /** Real | generated pictures ({@code generated-NN.png}) shown per generating variant, beside its grid. */
    static final int PAIRS_PER_VARIANT = 4;
    /** Generated and real sounds ({@code generated-NN.wav}, {@code real-NN.wav}) shown per generating variant, of each. */
    static final int SOUNDS_PER_VARIANT = 2;

    private final Sources sources;
    private final Aggregation agg;
    private final ReportTables tables;

    public ReportWriter(Sources sources, Aggregation agg) {
        this.sources = sources;
        this.agg = agg;
        this.tables = new ReportTables(agg);
    }

    /** Writes the report and, beside it, {@code table.csv} and {@code table.json}. */
    public Path write(Path file) {
        Path out = file.toAbsolutePath().normalize();
        RunDirectory dir = RunDirectory.open(out.getParent());
        String csv = tables.csv();
        String json = tables.json();
        dir.writeText(out.getFileName().toString(), html(out.getParent(), csv, json));
        String stem = out.getFileName().toString().replaceAll("\\.html?$", "");
        String prefix = stem.equals("report") ? "" : stem + "-";
        dir.writeText(prefix + "table.csv", csv);
        dir.writeText(prefix + "table.json", json);
        return out;
    }

    String html(Path base, String csv, String json) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>xmodal report</title>\n<style>")
                .append(CSS).append("</style></head><body>\n");
        long ok = sources.runs().stream().filter(RunRecord::ok).count();
        b.append("<h1>xmodal report</h1>\n<p class=\"meta\">").append(sources.runs().size()).append(" runs (").append(ok).append(" ok, ")
                .append(sources.runs().size() - ok).append(" not) in ").append(agg.variants().size()).append(" variants from ");
        for (Path d : sources.dirs()) {
            b.append("<a href=\"").append(esc(href(base, d))).append("\"><code>").append(esc(d.toString())).append("</code></a> ");
        }
        b.append("· written ").append(Instant.now().toString(), 0, 19).append(" UTC</p>\n");

        b.append("<h2 id=\"variants\">Variants</h2>\n");
        b.append("<p>Mean ± standard deviation over seeds; ↑ higher is better, ↓ lower is better")
                .append(agg.metrics().stream().anyMatch(m -> agg.direction(m) == Aggregation.Direction.TOWARDS_ONE)
                        ? ", →1 closer to 1 is better" : "")
                .append("; <span class=\"best\">★ best</span>. Only the parameters that differ between variants are shown.")
                .append(agg.metrics().stream().anyMatch(m -> m.startsWith(GenerativeFigures.PREFIX))
                        ? " <code>generative.*</code>: the scoring of generated samples (<code>metrics.json</code> <code>generative</code>; "
                        + "the Fréchet distance is on each run's own classifier's features, comparable only between runs scored by "
                        + "the same classifier); their baseline <b>majority</b> is scoring's <code>chance</code>, the share of the test "
                        + "samples in the training split's most frequent class." : "")
                .append("</p>\n");
        b.append(tables.html());
        b.append("<p class=\"exports\">Export: <a download=\"table.csv\" href=\"data:text/csv;base64,").append(b64(csv))
                .append("\">table.csv</a> · <a download=\"table.json\" href=\"data:application/json;base64,").append(b64(json))
                .append("\">table.json</a></p>\n");
        comparisons(b);
        bars(b);
        curves(b);
        generated(b);
        samples(b, base);
        provenance(b);
        runs(b, base);
        b.append("</body></html>\n");
        return b.toString();
    }

    private void comparisons(StringBuilder b) {
        List<Aggregation.Comparison> list = new ArrayList<>();
        agg.metrics().forEach(m -> {
            Aggregation.Comparison c = agg.comparison(m);
            if (c != null && c.runnerUp() != null) {
                list.add(c);
            }
        });
        if (list.isEmpty()) {
            return;
        }
        b.append("<h2 id=\"comparison\">Best against runner-up</h2>\n<p>Paired by seed: the mean of (best − runner-up) over the seeds "
                + "both ran, with a two-sided 95% Student-t interval. An interval that excludes 0 says the ranking held beyond "
                + "seed-to-seed noise.</p>\n<table><tr><th>metric</th><th>best</th><th>runner-up</th><th>seeds</th><th>difference</th>"
                + "<th>95% CI</th></tr>\n");
        for (Aggregation.Comparison c : list) {
            boolean sure = c.n() >= 2 && (c.low() > 0 || c.high() < 0);
            b.append("<tr><td>").append(esc(c.measured())).append("</td><td>#").append(c.best().index()).append("</td><td>#")
                    .append(c.runnerUp().index()).append("</td><td>").append(c.n()).append("</td><td>").append(MarkdownTable.num(c.meanDiff()))
                    .append("</td><td").append(sure ? " class=\"best\"" : "").append(">")
                    .append(c.n() >= 2 ? "[" + MarkdownTable.num(c.low()) + ", " + MarkdownTable.num(c.high()) + "]" : "needs 2 shared seeds")
                    .append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    private void bars(StringBuilder b) {
        if (agg.metrics().isEmpty()) {
            return;
        }
        b.append("<h2 id=\"bars\">Test metrics</h2>\n<p>Bars: mean over seeds, error bars ± one standard deviation; lines: baselines "
                + "(mean over all runs).</p>\n<div class=\"charts\">");
        for (String m : agg.metrics()) {
            List<String> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            List<Double> err = new ArrayList<>();
            for (Aggregation.Variant v : agg.variants()) {
                Aggregation.Stat s = v.test().get(m);
                if (s != null && s.n() > 0) {
                    x.add("#" + v.index());
                    y.add(s.mean());
                    err.add(Double.isNaN(s.std()) ? 0.0 : s.std());
                }
            }
            if (x.isEmpty()) {
                continue;
            }
            CategoryChart c = new CategoryChartBuilder().width(460).height(320).title(m + " (" + agg.direction(m).phrase() + ")")
                    .xAxisTitle("variant").build();
            style(c.getStyler());
            c.getStyler().setOverlapped(true);
            c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
            c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
            c.addSeries(m, x, y, err);
            for (String key : agg.baselineKeys()) {
                if (!key.endsWith("." + m)) {
                    continue;
                }
                Aggregation.Stat s = MarkdownTable.pooled(agg, key);
                if (s.n() == 0) {
                    continue;
                }
                List<Double> line = new ArrayList<>();
                x.forEach(k -> line.add(s.mean()));
                CategorySeries bs = c.addSeries("baseline " + key.substring(0, key.indexOf('.')), x, line);
                bs.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
            }
            if (agg.direction(m) == Aggregation.Direction.TOWARDS_ONE) {
                CategorySeries ideal = c.addSeries("ideal 1", x, x.stream().map(k -> 1.0).toList());
                ideal.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
            }
            b.append(img(png(c), "bar chart of " + m));
        }
        b.append("</div>\n");
    }

    private void curves(StringBuilder b) {
        // series name (split.metric) -> variant -> epoch -> values over seeds
        Map<String, Map<Aggregation.Variant, TreeMap<Integer, List<Double>>>> curves = new LinkedHashMap<>();
        for (Aggregation.Variant v : agg.variants()) {
            for (RunRecord r : v.runs()) {
                Path h = r.dir().resolve("history.csv");
                if (!Files.isRegularFile(h)) {
                    continue;
                }
                for (String line : lines(h)) {
                    String[] f = line.split(",");
                    if (f.length != 5 || !Character.isDigit(f[0].charAt(0)) || f[2].equals("test")) {
                        continue;
                    }
                    try {
                        double value = Double.parseDouble(f[4]);
                        if (Double.isFinite(value)) {
                            curves.computeIfAbsent(f[2] + "." + f[3], k -> new LinkedHashMap<>()).computeIfAbsent(v, k -> new TreeMap<>())
                                    .computeIfAbsent(Integer.parseInt(f[0]), k -> new ArrayList<>()).add(value);
                        }
                    } catch (NumberFormatException e) {
                        // a malformed row is skipped
                    }
                }
            }
        }
        if (curves.isEmpty()) {
            return;
        }
        b.append("<h2 id=\"curves\">Learning curves</h2>\n<p>Per epoch, mean over the variant's seeds.</p>\n<div class=\"charts\">");
        curves.forEach((name, byVariant) -> {
            XYChart c = new XYChartBuilder().width(460).height(320).title(name).xAxisTitle("epoch").build();
            style(c.getStyler());
            c.getStyler().setMarkerSize(4);
            byVariant.forEach((v, epochs) -> {
                List<Integer> x = new ArrayList<>(epochs.keySet());
                List<Double> y = new ArrayList<>();
                epochs.values().forEach(vals -> y.add(vals.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)));
                c.addSeries("#" + v.index(), x, y);
            });
            b.append(img(png(c), "learning curve " + name));
        });
        b.append("</div>\n");
    }

    /**
     * Per generating variant (one whose first finished run has scoring samples): its figures and, side by
     * side, {@code generated-grid.png}, the first real | generated pictures and the first generated and
     * real sounds.
     */
    private void generated(StringBuilder b) {
        StringBuilder g = new StringBuilder();
        for (Aggregation.Variant v : agg.variants()) {
            RunRecord r = firstOk(v);
            List<Path> files = sampleFiles(r, GenerativeFigures::isScoringSample);
            if (files.isEmpty()) {
                continue;
            }
            List<Path> shown = new ArrayList<>(files.stream().filter(GenerativeFigures::isGrid).toList());
            shown.addAll(files.stream().filter(GenerativeFigures::isPair).limit(PAIRS_PER_VARIANT).toList());
            shown.addAll(files.stream().filter(f -> f.getFileName().toString().startsWith("generated-") && GenerativeFigures.isSound(f))
                    .limit(SOUNDS_PER_VARIANT).toList());
            shown.addAll(files.stream().filter(f -> f.getFileName().toString().startsWith("real-") && GenerativeFigures.isSound(f))
                    .limit(SOUNDS_PER_VARIANT).toList());
            if (shown.isEmpty()) {
                continue;
            }
            g.append("<h3>#").append(v.index()).append(" ").append(esc(v.label())).append(" <small>(").append(esc(r.name()))
                    .append(")</small></h3>\n");
            String figures = figures(r);
            if (!figures.isEmpty()) {
                g.append("<p class=\"meta\">").append(figures).append("</p>\n");
            }
            g.append("<div class=\"gallery\">");
            shown.forEach(f -> figure(g, f, GenerativeFigures.isGrid(f) ? "grid" : null));
            g.append("</div>\n");
        }
        if (g.length() > 0) {
            b.append("<h2 id=\"generated\">Generated samples</h2>\n<p>From the first finished run of each generating variant: "
                    + "<code>generated-grid.png</code> (a row per class: real test samples on the left, the samples generated for the "
                    + "same conditions on the right), then the first real | generated pictures and the first generated and real sounds, "
                    + "where scoring wrote them (spectrogram targets). The figures are that run's.</p>\n").append(g);
        }
    }

    /** One run's scoring figures in a line, with its collapsed classes; empty when it has none. */
    @SuppressWarnings("unchecked")
    private static String figures(RunRecord r) {
        Map<String, Double> t = r.test();
        String p = GenerativeFigures.PREFIX;
        if (!t.containsKey(p + "classifier_accuracy_generated")) {
            return "";
        }
        Double chance = r.baselines().getOrDefault(GenerativeFigures.MAJORITY, Map.of()).get(p + "classifier_accuracy_generated");
        StringBuilder s = new StringBuilder("classifier accuracy ").append(MarkdownTable.num(t.get(p + "classifier_accuracy_generated")))
                .append(" on generated, ").append(MarkdownTable.num(t.getOrDefault(p + "classifier_accuracy_real", Double.NaN)))
                .append(" on real test samples (ratio ").append(MarkdownTable.num(t.getOrDefault(p + "ratio", Double.NaN)))
                .append("; chance ").append(MarkdownTable.num(chance == null ? Double.NaN : chance)).append(", majority class); Fréchet distance ")
                .append(MarkdownTable.num(t.getOrDefault(p + "frechet_distance", Double.NaN))).append("; diversity ratio ")
                .append(MarkdownTable.num(t.getOrDefault(p + "diversity_ratio", Double.NaN)));
        Path metrics = r.dir().resolve("metrics.json");
        try {
            Map<String, Object> m = RunDirectory.JSON.readValue(metrics.toFile(), Map.class);
            if (m.get("generative") instanceof Map<?, ?> gen && gen.get("collapsed_classes") instanceof List<?> collapsed) {
                Object classes = gen.get("classes");
                s.append("; ").append(collapsed.isEmpty() ? "no class collapsed"
                        : "<span class=\"diff\">possible mode collapse in " + collapsed.size()
                        + (classes instanceof Number n ? " of " + n.intValue() : "") + " classes</span> ("
                        + esc(String.join(", ", collapsed.stream().map(String::valueOf).toList())) + ")");
            }
        } catch (IOException e) {
            // the figures above came from the same file; without its list the line says less
        }
        return s.toString();
    }

    /** A picture or a sound player, embedded, with its file name below. */
    private static void figure(StringBuilder g, Path f, String cssClass) {
        byte[] bytes = read(f);
        String name = esc(f.getFileName().toString());
        g.append(cssClass == null ? "<figure>" : "<figure class=\"" + cssClass + "\">");
        if (f.toString().endsWith(".png")) {
            g.append("<img alt=\"").append(name).append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(bytes))
                    .append("\">");
        } else {
            g.append("<audio controls preload=\"metadata\" src=\"data:audio/wav;base64,").append(Base64.getEncoder().encodeToString(bytes))
                    .append("\"></audio>");
        }
        g.append("<figcaption>").append(name).append("</figcaption></figure>");
    }

    /** The variant's first finished run, or null. */
    private static RunRecord firstOk(Aggregation.Variant v) {
        return v.runs().stream().filter(RunRecord::ok).findFirst().orElse(null);
    }

    /** The files of {@code r}'s samples/ that pass {@code keep}, sorted; none when there is no run or no such folder. */
    private static List<Path> sampleFiles(RunRecord r, java.util.function.Predicate<Path> keep) {
        Path dir = r == null ? null : r.dir().resolve("samples");
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(keep).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private void samples(StringBuilder b, Path base) {
        StringBuilder g = new StringBuilder();
        for (Aggregation.Variant v : agg.variants()) {
            RunRecord r = firstOk(v);
            List<Path> files = sampleFiles(r, p -> p.toString().matches(".*\\.(png|wav)$")
                    && !p.getFileName().toString().equals("learning-curve.png") && !GenerativeFigures.isScoringSample(p))
                    .stream().limit(SAMPLES_PER_VARIANT).toList();
            if (files.isEmpty()) {
                continue;
            }
            g.append("<h3>#").append(v.index()).append(" ").append(esc(v.label())).append(" <small>(").append(esc(r.name()))
                    .append(")</small></h3>\n<div class=\"gallery\">");
            for (Path f : files) {
                figure(g, f, null);
            }
            g.append("</div>\n");
        }
        if (g.length() > 0) {
            b.append("<h2 id=\"samples\">Samples</h2>\n<p>From the first finished run of each variant (at most ").append(SAMPLES_PER_VARIANT)
                    .append(" files).</p>\n").append(g);
        }
    }

    @SuppressWarnings("unchecked")
    private void provenance(StringBuilder b) {
        // bundle -> "version (sha prefix)" -> runs
        Map<String, Map<String, List<String>>> bundles = new TreeMap<>();
        Map<String, Map<String, List<String>>> host = new TreeMap<>();
        int withProvenance = 0;
        for (RunRecord r : sources.runs()) {
            Path p = r.dir().resolve("provenance.json");
            if (!Files.isRegularFile(p)) {
                continue;
            }
            withProvenance++;
            Map<String, Object> prov;
            try {
                prov = RunDirectory.JSON.readValue(p.toFile(), Map.class);
            } catch (IOException e) {
                continue;
            }
            for (Object o : (List<Object>) prov.getOrDefault("bundles", List.of())) {
                Map<String, Object> bm = (Map<String, Object>) o;
                String sha = String.valueOf(bm.getOrDefault("sha256", ""));
                String key = bm.get("version") + (sha.length() >= 12 ? " (" + sha.substring(0, 12) + ")" : "");
                bundles.computeIfAbsent(String.valueOf(bm.get("symbolic_name")), k -> new LinkedHashMap<>())
                        .computeIfAbsent(key, k -> new ArrayList<>()).add(r.name());
            }
            if (prov.get("host") instanceof Map<?, ?> hm) {
                for (String k : List.of("backend", "threads", "java", "launcher")) {
                    if (hm.get(k) != null) {
                        host.computeIfAbsent(k, x -> new LinkedHashMap<>()).computeIfAbsent(String.valueOf(hm.get(k)), x -> new ArrayList<>())
                                .add(r.name());
                    }
                }
            }
        }
        if (withProvenance == 0) {
            return;
        }
        final int total = withProvenance;
        long differing = Stream.concat(bundles.values().stream(), host.values().stream()).filter(m -> m.size() > 1
                || m.values().stream().mapToInt(List::size).sum() < total).count();
        b.append("<h2 id=\"provenance\">Provenance</h2>\n<p>").append(differing == 0
                ? "Every run used the same bundles (version and SHA-256) on the same backend."
                : "<span class=\"diff\">" + differing + " row" + (differing == 1 ? "" : "s") + " differ between runs</span> (marked).")
                .append("</p>\n<table><tr><th></th><th>version (SHA-256 prefix)</th><th>runs</th></tr>\n");
        host.forEach((k, m) -> provRow(b, "host " + k, m, total));
        bundles.forEach((k, m) -> provRow(b, k, m, total));
        b.append("</table>\n");
    }

    private static void provRow(StringBuilder b, String name, Map<String, List<String>> versions, int total) {
        int present = versions.values().stream().mapToInt(List::size).sum();
        boolean differs = versions.size() > 1 || present < total;
        boolean first = true;
        for (Map.Entry<String, List<String>> e : versions.entrySet()) {
            b.append("<tr").append(differs ? " class=\"diff\"" : "").append(">");
            b.append("<td>").append(first ? esc(name) : "").append("</td><td><code>").append(esc(e.getKey())).append("</code></td><td>")
                    .append(versions.size() == 1 && present == total ? "all" : esc(String.join(", ", e.getValue()))).append("</td></tr>\n");
            first = false;
        }
        if (present < total) {
            b.append("<tr class=\"diff\"><td></td><td>(absent)</td><td>").append(total - present).append(" runs</td></tr>\n");
        }
    }

    private void runs(StringBuilder b, Path base) {
        b.append("<h2 id=\"runs\">Runs</h2>\n<table><tr><th>variant</th><th>run</th><th>status</th><th>train s</th><th>directory</th></tr>\n");
        for (Aggregation.Variant v : agg.variants()) {
            for (RunRecord r : v.runs()) {
                b.append("<tr><td>#").append(v.index()).append("</td><td>").append(esc(r.name())).append("</td><td")
                        .append(r.ok() ? "" : " class=\"diff\"").append(">").append(esc(r.status()))
                        .append(r.error() == null ? "" : ": " + esc(r.error())).append("</td><td>")
                        .append(Double.isNaN(r.seconds()) ? "" : MarkdownTable.num(r.seconds())).append("</td><td><a href=\"")
                        .append(esc(href(base, r.dir()))).append("\"><code>").append(esc(base.relativize(r.dir()).toString()))
                        .append("</code></a></td></tr>\n");
            }
        }
        b.append("</table>\n");
    }

    private static void style(Styler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setChartTitleFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 13));
        s.setLegendFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 11));
        s.setPlotBorderVisible(false);
        s.setAntiAlias(true);
    }

    private static byte[] png(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw a chart: " + e.getMessage(), e);
        }
    }

    private static String img(byte[] png, String alt) {
        return "<img class=\"chart\" alt=\"" + esc(alt) + "\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\">";
    }

    private static String href(Path base, Path target) {
        String rel = base.relativize(target).toString().replace('\\', '/');
        return (rel.isEmpty() ? "." : rel) + "/";
    }

    private static List<String> lines(Path f) {
        try {
            return Files.readAllLines(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
    }

    private static byte[] read(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String CSS = "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px auto;max-width:1200px;"
            + "padding:0 16px;color:#222}h1{font-size:22px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ddd}"
            + "h3{font-size:14px}table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #ddd;padding:3px 8px;text-align:left;"
            + "vertical-align:top}th{background:#f4f4f4}td.num{text-align:right;font-variant-numeric:tabular-nums}.best{font-weight:bold;"
            + "background:#e6f4e6}.diff{background:#fff3cd}.meta{color:#555}code{font-size:12px}.charts{display:flex;flex-wrap:wrap;gap:8px}"
            + "img.chart{border:1px solid #eee}.gallery{display:flex;flex-wrap:wrap;gap:10px}figure{margin:0}figure img{max-width:360px;"
            + "border:1px solid #eee}figure.grid{max-width:100%}figure.grid img{max-width:100%}figcaption{font-size:11px;color:#666}small{color:#666;font-weight:normal}";
}
