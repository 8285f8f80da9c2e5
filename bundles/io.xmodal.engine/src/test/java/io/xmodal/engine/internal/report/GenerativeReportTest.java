package io.xmodal.engine.internal.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xmodal.engine.internal.store.RunDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Generating runs in a report: the figures of metrics.json's {@code generative} object as metrics with
 * their directions and scoring's chance as the majority baseline, and each generating variant's grid, pictures and sounds in
 * report.html. Hand-made run directories (three generating variants of two seeds and one ordinary run):
 * <pre>
 *            accuracy gen / real   Fréchet   diversity ratio   pairs
 * dcgan      0.60, 0.70 / 0.8      30, 20    0.45, 0.95        0 (an image target)
 * patch      0.40, 0.50 / 0.8      12, 14    1.2, 1.2          6 (a spectrogram target)
 * conv       0.10, 0.10 / 0.8      50, 60    1.5, 1.5          0
 * gru        (mse and r2 only)
 * </pre>
 * The diversity ratio tells the directions apart: closer to 1 picks patch, higher would pick conv and
 * lower dcgan. The page and a screenshot stay in target/generative-report/.
 */
class GenerativeReportTest {
    private static final Path OUT = Path.of("target/generative-report").toAbsolutePath();
    private static final String ACC = "generative.classifier_accuracy_generated";
    private static final String REAL = "generative.classifier_accuracy_real";
    private static final String FRECHET = "generative.frechet_distance";
    private static final String DIVERSITY = "generative.diversity_ratio";
    private static Aggregation agg;
    private static Path report;
    private static String html;

    @BeforeAll
    static void write() throws Exception {
        Fixtures.clean(OUT);
        Path runs = OUT.resolve("runs");
        Fixtures.generating(runs.resolve("a-dcgan-1"), "dcgan", 1, 0.60, 0.8, 30, 0.45, 0);
        Fixtures.generating(runs.resolve("a-dcgan-2"), "dcgan", 2, 0.70, 0.8, 20, 0.95, 0);
        Fixtures.generating(runs.resolve("b-patch-1"), "patch", 1, 0.40, 0.8, 12, 1.2, 6);
        Fixtures.generating(runs.resolve("b-patch-2"), "patch", 2, 0.50, 0.8, 14, 1.2, 6);
        Fixtures.generating(runs.resolve("c-conv-1"), "conv", 1, 0.10, 0.8, 50, 1.5, 0);
        Fixtures.generating(runs.resolve("c-conv-2"), "conv", 2, 0.10, 0.8, 60, 1.5, 0);
        Fixtures.run(runs.resolve("d-gru-1"), "gru", 1, 0.1, 0.5, "0.1.0");
        Sources sources = Sources.read(List.of(runs));
        agg = Aggregation.of(sources.runs(), m -> m.equals("r2"));
        report = new ReportWriter(sources, agg).write(OUT.resolve("report.html"));
        html = Files.readString(report, StandardCharsets.UTF_8);
    }

    @Test
    void theFiguresBecomeMetricsAggregatedOverSeeds() {
        assertEquals(List.of("loss", "mse", ACC, REAL, "generative.ratio", FRECHET, DIVERSITY, "r2"), agg.metrics(),
                "the test metrics, then the generative figures in the order of docs/generative.md; chance is a baseline");
        Aggregation.Variant dcgan = agg.variants().get(0);
        assertEquals("model.decoder.use=dcgan", dcgan.label());
        assertEquals(0.65, dcgan.test().get(ACC).mean(), 1e-12);
        assertEquals(Math.sqrt(0.005), dcgan.test().get(ACC).std(), 1e-12);
        assertEquals(2, dcgan.test().get(ACC).n());
        assertEquals((0.6 / 0.8 + 0.7 / 0.8) / 2, dcgan.test().get("generative.ratio").mean(), 1e-12);
        assertEquals(25, dcgan.test().get(FRECHET).mean(), 1e-12);
        assertEquals(0.7, dcgan.test().get(DIVERSITY).mean(), 1e-12);
        assertEquals(1 / 13.0, dcgan.baselines().get("majority." + ACC).mean(), 1e-12);
        assertEquals(1 / 13.0, dcgan.baselines().get("majority." + REAL).mean(), 1e-12);
        assertNull(dcgan.baselines().get("majority.generative.ratio"), "the majority baseline is drawn against the accuracies only");
        Aggregation.Variant gru = agg.variants().get(3);
        assertEquals(0, gru.test().get(ACC).n(), "an ordinary run has no generative figures");
    }

    @Test
    void eachFigureHasItsDirection() {
        assertEquals(Aggregation.Direction.HIGHER, agg.direction(ACC));
        assertEquals(Aggregation.Direction.HIGHER, agg.direction(REAL));
        assertEquals(Aggregation.Direction.HIGHER, agg.direction("generative.ratio"));
        assertEquals(Aggregation.Direction.LOWER, agg.direction(FRECHET));
        assertEquals(Aggregation.Direction.TOWARDS_ONE, agg.direction(DIVERSITY));
        assertEquals("model.decoder.use=dcgan", agg.best(ACC).label());
        assertEquals("model.decoder.use=dcgan", agg.best("generative.ratio").label());
        assertEquals("model.decoder.use=patch", agg.best(FRECHET).label(), "the lowest distance");
        assertEquals("model.decoder.use=patch", agg.best(DIVERSITY).label(), "|1.2 - 1| < |0.7 - 1| < |1.5 - 1|");
        Aggregation.Comparison d = agg.comparison(DIVERSITY);
        assertEquals("model.decoder.use=dcgan", d.runnerUp().label());
        // |x - 1| paired by seed: patch 0.2, 0.2; dcgan 0.55, 0.05: differences -0.35, 0.15
        assertEquals(-0.1, d.meanDiff(), 1e-12);
        double half = Aggregation.tQuantile975(1) * Math.sqrt(0.125) / Math.sqrt(2);
        assertEquals(-0.1 - half, d.low(), 1e-9);
        assertEquals(-0.1 + half, d.high(), 1e-9);
        assertEquals(DIVERSITY + " (|x − 1|)", d.measured());
    }

    @Test
    void theMarkdownSummaryShowsThemWithTheMajorityBaseline() {
        String md = MarkdownTable.of(agg);
        assertTrue(md.startsWith("| # | model.decoder.use | seeds ok | loss ↓ | mse ↓ | " + ACC + " ↑ | " + REAL + " ↑ | generative.ratio ↑ | "
                + FRECHET + " ↓ | " + DIVERSITY + " →1 | r2 ↑ |\n"), md);
        // ties (loss, mse, real accuracy) go to the first variant
        assertTrue(md.contains("| 1 | dcgan | 2/2 | **0.5 ± 0.0** | **0.02 ± 0.0** | **0.65 ± 0.071** | **0.8 ± 0.0** | **0.8125 ± 0.088** | "
                + "25 ± 7.1 | 0.7 ± 0.35 | – |"), md);
        assertTrue(md.contains("| 2 | patch | 2/2 | 0.5 ± 0.0 | 0.02 ± 0.0 | 0.45 ± 0.071 | 0.8 ± 0.0 | 0.5625 ± 0.088 | **13 ± 1.4** | "
                + "**1.2 ± 0.0** | – |"), md);
        assertTrue(md.contains("| 4 | gru | 1/1 | – | 0.1 | – | – | – | – | – | **0.5** |"), md);
        assertTrue(md.contains("baseline majority " + ACC + ": 0.07692 ± 0.0"), md);
        assertTrue(md.contains("baseline majority " + REAL + ": 0.07692 ± 0.0"), md);
        assertTrue(md.contains(DIVERSITY + " (|x − 1|): best #2, runner-up #1, difference -0.1 over 2 seeds, 95% CI ["), md);
    }

    @Test
    void theHtmlTableMarksTheBestByEachDirection() throws Exception {
        String table = html.substring(html.indexOf("<table id=\"variants-table\">"), html.indexOf("</table>", html.indexOf("variants-table")));
        assertTrue(table.contains("<th>generative.<wbr>classifier_<wbr>accuracy_<wbr>generated ↑</th>"), table);
        assertTrue(table.contains("<th>generative.<wbr>frechet_<wbr>distance ↓</th>"), table);
        assertTrue(table.contains("<th>generative.<wbr>diversity_<wbr>ratio →1</th>"), table);
        String patch = row(table, "patch");
        assertTrue(patch.contains("<td class=\"num best\">13 ± 1.4 ★</td><td class=\"num best\">1.2 ± 0.0 ★</td>"), patch);
        String conv = row(table, "conv");
        assertTrue(conv.contains("<td class=\"num\">55 ± 7.1</td><td class=\"num\">1.5 ± 0.0</td>"), "higher is not better here: " + conv);
        assertTrue(table.contains("baseline <b>majority</b>"), table);
        assertEquals(2, ReportWriterTest.count(row(table, "baseline <b>majority</b>"), "0.07692 ± 0.0"), "scoring's chance under both accuracies");
        assertTrue(html.contains(", →1 closer to 1 is better"), "the legend explains the mark");
        assertTrue(html.contains("<td>" + DIVERSITY + " (|x − 1|)</td><td>#2</td><td>#1</td><td>2</td><td>-0.1</td>"), html);

        Map<?, ?> json = RunDirectory.JSON.readValue(OUT.resolve("table.json").toFile(), Map.class);
        Map<?, ?> dirs = (Map<?, ?>) json.get("higher_is_better");
        assertEquals("higher", dirs.get(ACC));
        assertEquals("lower", dirs.get(FRECHET));
        assertEquals("towards 1", dirs.get(DIVERSITY));
        Map<?, ?> cmp = (Map<?, ?>) ((Map<?, ?>) json.get("best_vs_runner_up")).get(DIVERSITY);
        assertEquals("|x - 1|", cmp.get("difference_of"));
        assertEquals(-0.1, ((Number) cmp.get("mean_difference")).doubleValue(), 1e-12);
        assertNull(((Map<?, ?>) ((Map<?, ?>) json.get("best_vs_runner_up")).get(FRECHET)).get("difference_of"));
        String csv = Files.readString(OUT.resolve("table.csv"));
        assertTrue(csv.lines().findFirst().orElseThrow().contains("," + FRECHET + "_mean," + FRECHET + "_std," + FRECHET + "_n,"
                + FRECHET + "_best,"), csv);
        assertTrue(csv.contains("baseline_majority." + ACC + "_mean"), csv);
    }

    @Test
    void eachGeneratingVariantShowsItsGridPicturesAndSounds() {
        int start = html.indexOf("<h2 id=\"generated\">");
        int end = html.indexOf("<h2 id=\"samples\">");
        assertTrue(start > 0 && end > start, "a section of generated samples before the other samples");
        String gen = html.substring(start, end);
        assertEquals(3, ReportWriterTest.count(gen, "<h3>"), "the three generating variants, not gru: " + gen);
        assertEquals(3, ReportWriterTest.count(gen, "<figure class=\"grid\"><img alt=\"generated-grid.png\" src=\"data:image/png;base64,"));
        for (int i = 0; i < ReportWriter.PAIRS_PER_VARIANT; i++) {
            assertTrue(gen.contains(String.format("<figcaption>generated-%02d.png</figcaption>", i)), gen);
        }
        assertFalse(gen.contains("generated-04.png"), "at most " + ReportWriter.PAIRS_PER_VARIANT + " pairs");
        assertEquals(2 * ReportWriter.SOUNDS_PER_VARIANT, ReportWriterTest.count(gen, "<audio controls"), "generated and real sounds");
        assertTrue(gen.contains("<figcaption>generated-01.wav</figcaption>") && gen.contains("<figcaption>real-01.wav</figcaption>"), gen);
        assertFalse(gen.contains("real-02.wav"), gen);
        String dcgan = gen.substring(gen.indexOf("<h3>#1 "), gen.indexOf("<h3>#2 "));
        assertTrue(dcgan.contains("(runs/a-dcgan-1)"), "the first finished run: " + dcgan);
        assertTrue(dcgan.contains("classifier accuracy 0.6 on generated, 0.8 on real test samples (ratio 0.75; chance 0.07692, majority class); "
                + "Fréchet distance 30; diversity ratio 0.45; <span class=\"diff\">possible mode collapse in 2 of 13 classes</span> "
                + "(tuba, viola)"), dcgan);
        assertTrue(gen.contains("diversity ratio 1.2; no class collapsed"), gen);
        // the grid and the first pair sit in one gallery, side by side
        String patch = gen.substring(gen.indexOf("<h3>#2 "), gen.indexOf("<h3>#3 "));
        assertTrue(Pattern.compile("<div class=\"gallery\"><figure class=\"grid\">.*?generated-grid.png</figcaption></figure>"
                + "<figure><img alt=\"generated-00.png\"").matcher(patch).find(), patch);

        String samples = html.substring(end);
        assertFalse(samples.contains("generated-") || samples.contains("real-0"), "scoring's files are not shown twice: " + samples);
        assertEquals(4, ReportWriterTest.count(samples, "<figcaption>sample-00.png</figcaption>"), "each variant's other samples");
        assertFalse(html.contains("http://") || html.contains("https://"), "no external reference");
        assertFalse(Pattern.compile("src=\"(?!data:)").matcher(html).find(), "every picture and sound embedded");
    }

    @Test
    void aReportOfOrdinaryRunsHasNoGenerativeSection() {
        Aggregation only = Aggregation.of(List.of(agg.variants().get(3).runs().get(0)), m -> m.equals("r2"));
        assertEquals(List.of("mse", "r2"), only.metrics());
        String page = new ReportWriter(Sources.load(List.of(OUT.resolve("runs/d-gru-1"))), only).html(OUT, "", "");
        assertFalse(page.contains("id=\"generated\"") || page.contains("generative.") || page.contains("→1"), page);
    }

    @Test
    void aStudysReportShowsItsGeneratingRuns() throws Exception {
        Path study = OUT.resolve("study");
        Fixtures.generating(study.resolve("runs/001-hinge-s1"), "dcgan", 1, 0.5, 0.9, 40, 0.8, 2);
        Fixtures.generating(study.resolve("runs/002-hinge-s2"), "dcgan", 2, 0.7, 0.9, 30, 0.9, 2);
        Fixtures.generating(study.resolve("runs/003-ls-s1"), "dcgan", 1, 0.8, 0.9, 20, 1.1, 2);
        List<Map<String, Object>> runs = List.of(studyRun("hinge-s1", "001-hinge-s1", "hinge", 1),
                studyRun("hinge-s2", "002-hinge-s2", "hinge", 2), studyRun("ls-s1", "003-ls-s1", "least-squares", 1));
        RunDirectory.open(study).writeJson("study.json", Map.of("experiment", "sound-to-image", "runs", runs));
        Sources sources = Sources.read(List.of(study));
        Aggregation a = Aggregation.of(sources.runs(), m -> false);
        assertEquals(List.of("train.objective.with.loss"), a.varied());
        assertEquals(0.6, a.variants().get(0).test().get(ACC).mean(), 1e-12);
        assertEquals("train.objective.with.loss=least-squares", a.best(ACC).label());
        String page = new ReportWriter(sources, a).html(study, "", "");
        assertTrue(page.contains("<td class=\"num best\">0.8 ★</td>"), "the least-squares variant's generated accuracy: " + page);
        String gen = page.substring(page.indexOf("<h2 id=\"generated\">"), page.indexOf("<h2 id=\"samples\">"));
        assertTrue(gen.contains("<h3>#1 train.objective.with.loss=hinge <small>(hinge-s1)</small></h3>"), gen);
        assertTrue(gen.contains("<h3>#2 train.objective.with.loss=least-squares <small>(ls-s1)</small></h3>"), gen);
        assertEquals(2, ReportWriterTest.count(gen, "<figure class=\"grid\">"), gen);
    }

    private static Map<String, Object> studyRun(String name, String dir, String loss, long seed) {
        return Map.of("name", name, "dir", dir, "settings", Map.of("train.objective.with.loss", loss), "seed", seed, "status", "ok");
    }

    @Test
    void chromiumRendersTheGridsAndSounds() throws Exception {
        Path chromium = ReportWriterTest.chromium();
        Path check = OUT.resolve("report-check.html");
        String probe = "<script>window.addEventListener('load', async () => {"
                + "const audios = [...document.querySelectorAll('audio')];"
                + "await Promise.all(audios.map(a => a.readyState >= 1 ? 0 : new Promise(r => {"
                + "a.addEventListener('loadedmetadata', r); a.addEventListener('error', r); a.load(); })));"
                + "const res = {images: document.images.length, decoded: [...document.images].filter(i => i.complete && i.naturalWidth > 0).length,"
                + "grids: [...document.querySelectorAll('figure.grid img')].filter(i => i.naturalWidth > 0).length,"
                + "audio: audios.length, audioLoaded: audios.filter(a => a.duration > 0.2 && !a.error).length};"
                + "const pre = document.createElement('pre'); pre.id = 'check'; pre.textContent = JSON.stringify(res);"
                + "document.body.appendChild(pre); });</script>";
        Files.writeString(check, html.replace("</body>", probe + "</body>"));
        String dom = ReportWriterTest.run(OUT, chromium, "--dump-dom", "--virtual-time-budget=15000", check.toUri().toString());
        Matcher m = Pattern.compile("<pre id=\"check\">(.*?)</pre>").matcher(dom);
        assertTrue(m.find(), "the probe ran: " + dom.substring(Math.max(0, dom.length() - 500)));
        String res = m.group(1).replace("&quot;", "\"");
        int images = ReportWriterTest.count(html, "<img ");
        assertTrue(res.contains("\"images\":" + images + ",\"decoded\":" + images + ",\"grids\":3,"), "every picture decoded: " + res);
        int audio = ReportWriterTest.count(html, "<audio ");
        assertTrue(res.contains("\"audio\":" + audio + ",\"audioLoaded\":" + audio + "}"), "every sound loaded: " + res);
        Path shot = OUT.resolve("report.png");
        ReportWriterTest.run(OUT, chromium, "--screenshot=" + shot, "--window-size=1280,3600", report.toUri().toString());
        assertTrue(Files.size(shot) > 20_000, "a screenshot with content: " + Files.size(shot) + " bytes");
        System.err.println("generative report screenshot: " + shot);
    }

    /** The table row holding {@code text}. */
    private static String row(String table, String text) {
        int at = table.indexOf(text);
        assertTrue(at >= 0, text + " in " + table);
        return table.substring(table.lastIndexOf("<tr", at), table.indexOf("</tr>", at));
    }
}
