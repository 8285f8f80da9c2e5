package io.xmodal.engine.internal.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * report.html from hand-made run directories: its content, and how headless Chromium renders it (the
 * table, every chart decoded, every WAV player loaded). The page and a screenshot stay in
 * target/study-report/ for a person to look at.
 */
class ReportWriterTest {
    private static final Path OUT = Path.of("target/study-report").toAbsolutePath();
    private static Path report;
    private static String html;

    @BeforeAll
    static void write() throws Exception {
        Fixtures.clean(OUT);
        Path runs = OUT.resolve("runs");
        Fixtures.run(runs.resolve("gru-1"), "gru", 1, 0.10, 0.5, "0.1.0");
        Fixtures.run(runs.resolve("gru-2"), "gru", 2, 0.12, 0.6, "0.1.0");
        Fixtures.run(runs.resolve("lstm-1"), "lstm", 1, 0.09, 0.7, "0.1.0");
        Fixtures.run(runs.resolve("lstm-2"), "lstm", 2, 0.10, 0.8, "0.1.1");
        Fixtures.failed(runs.resolve("lstm-3"), "lstm", 3, "training diverged: loss Infinity at epoch 2");
        Sources sources = Sources.read(List.of(runs));
        report = new ReportWriter(sources, Aggregation.of(sources.runs(), m -> m.equals("r2"))).write(OUT.resolve("report.html"));
        html = Files.readString(report, StandardCharsets.UTF_8);
    }

    @Test
    void thePageIsSelfContained() {
        assertFalse(html.contains("http://") || html.contains("https://"), "no external reference");
        assertFalse(html.contains("<script") || html.contains("<link") || html.contains("@import") || html.contains("url("),
                "no script, stylesheet or font to fetch");
        assertFalse(Pattern.compile("src=\"(?!data:)").matcher(html).find(), "every image and sound is a data: URI");
    }

    @Test
    void theTableShowsOnlyWhatDiffersWithTheBestMarked() {
        String table = html.substring(html.indexOf("<table id=\"variants-table\">"), html.indexOf("</table>", html.indexOf("variants-table")));
        assertTrue(table.contains("<th>model.decoder.use</th>"), table);
        assertFalse(table.contains("train.epochs") || table.contains("model.decoder.with"), "shared or implied parameters stay out: " + table);
        assertTrue(table.contains("<td class=\"num best\">0.095 ± 0.0071 ★</td>"), table);
        assertTrue(table.contains("<td class=\"num\">2/3</td>"), "lstm: 2 of 3 runs ok: " + table);
        assertTrue(table.contains("baseline <b>mean</b>"), table);
        assertTrue(Files.isRegularFile(OUT.resolve("table.csv")));
        assertTrue(Files.isRegularFile(OUT.resolve("table.json")));
        assertTrue(html.contains("download=\"table.csv\" href=\"data:text/csv;base64,"));
    }

    @Test
    void chartsSamplesProvenanceAndLinks() {
        assertEquals(2 + 2, count(html, "<img class=\"chart\""), "a bar chart per metric and a learning curve per history series");
        assertEquals(2, count(html, "<audio controls"), "a WAV player per variant");
        assertTrue(html.contains("<tr class=\"diff\"><td>io.xmodal.engine</td><td><code>0.1.0 (abababababab)</code>"), "the differing bundle is marked");
        assertTrue(html.contains("<td>io.xmodal.sequence</td><td><code>0.1.0 (cdcdcdcdcdcd)</code></td><td>all</td>"));
        assertTrue(html.contains("<a href=\"runs/lstm-3/\">"), "relative links to the run directories");
        assertTrue(html.contains("failed: training diverged: loss Infinity at epoch 2"));
    }

    @Test
    void chromiumRendersTheTableChartsAndAudio() throws Exception {
        Path chromium = chromium();
        Path check = OUT.resolve("report-check.html");
        String probe = "<script>window.addEventListener('load', async () => {"
                + "const imgs = [...document.images]; const audios = [...document.querySelectorAll('audio')];"
                + "await Promise.all(audios.map(a => a.readyState >= 1 ? 0 : new Promise(r => {"
                + "a.addEventListener('loadedmetadata', r); a.addEventListener('error', r); a.load(); })));"
                + "const res = {images: imgs.length, decoded: imgs.filter(i => i.complete && i.naturalWidth > 0).length,"
                + "audio: audios.length, audioLoaded: audios.filter(a => a.duration > 0.2 && !a.error).length,"
                + "rows: document.querySelectorAll('#variants-table tr').length,"
                + "tableWidth: document.getElementById('variants-table').getBoundingClientRect().width};"
                + "const pre = document.createElement('pre'); pre.id = 'check'; pre.textContent = JSON.stringify(res);"
                + "document.body.appendChild(pre); });</script>";
        Files.writeString(check, html.replace("</body>", probe + "</body>"));
        String dom = run(chromium, "--dump-dom", "--virtual-time-budget=15000", check.toUri().toString());
        Matcher m = Pattern.compile("<pre id=\"check\">(.*?)</pre>").matcher(dom);
        assertTrue(m.find(), "the probe ran: " + dom.substring(Math.max(0, dom.length() - 500)));
        String res = m.group(1).replace("&quot;", "\"");
        int images = count(html, "<img ");
        assertTrue(res.contains("\"images\":" + images + ",\"decoded\":" + images + ","), "every image decoded: " + res);
        assertTrue(res.contains("\"audio\":2,\"audioLoaded\":2,"), "both WAV players loaded their sound: " + res);
        assertTrue(res.contains("\"rows\":4,"), "header, two variants, one baseline: " + res);
        Path shot = OUT.resolve("report.png");
        run(chromium, "--screenshot=" + shot, "--window-size=1280,2600", report.toUri().toString());
        assertTrue(Files.size(shot) > 20_000, "a screenshot with content: " + Files.size(shot) + " bytes");
        System.err.println("report screenshot: " + shot);
    }

    /** Debian's chromium, or a skip that says so (never a silent pass). */
    static Path chromium() {
        for (String c : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(c))) {
                return Path.of(c);
            }
        }
        String msg = "SKIPPED: headless Chromium is not installed (apt-get install chromium); the report was not rendered";
        System.err.println(msg);
        Assumptions.abort(msg);
        return null;
    }

    private static String run(Path chromium, String... args) throws IOException, InterruptedException {
        return run(OUT, chromium, args);
    }

    /** Runs headless Chromium with a fresh profile under {@code out}; its standard output. */
    static String run(Path out, Path chromium, String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(out, "chromium-profile");
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile));
        cmd.addAll(List.of(args));
        Path stdout = out.resolve("chromium.out");
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(out.resolve("chromium.err").toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 90 s: " + cmd);
        }
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
