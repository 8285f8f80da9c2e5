package io.xmodal.engine.internal.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xmodal.api.runtime.DescriptorException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Means, standard deviations, best variants and paired intervals, on hand-made metrics.json files. */
class AggregationTest {
    @TempDir
    Path tmp;

    /** gru: mse 0.10/0.12/0.14, r2 0.5/0.6/0.7; lstm: mse 0.09/0.10/0.11, r2 0.7/0.8/0.9; dense: one ok run, one failed. */
    Aggregation fixture() throws IOException, DescriptorException {
        double[] gruMse = {0.10, 0.12, 0.14};
        double[] gruR2 = {0.5, 0.6, 0.7};
        double[] lstmMse = {0.09, 0.10, 0.11};
        double[] lstmR2 = {0.7, 0.8, 0.9};
        Path runs = tmp.resolve("runs");
        for (int s = 1; s <= 3; s++) {
            Fixtures.run(runs.resolve("gru-" + s), "gru", s, gruMse[s - 1], gruR2[s - 1], "0.1.0");
            Fixtures.run(runs.resolve("lstm-" + s), "lstm", s, lstmMse[s - 1], lstmR2[s - 1], "0.1.0");
        }
        Fixtures.run(runs.resolve("x-dense-1"), "dense", 1, 0.3, 0.1, "0.1.0");
        Fixtures.failed(runs.resolve("x-dense-2"), "dense", 2, "training diverged");
        Sources sources = Sources.read(List.of(runs));
        return Aggregation.of(sources.runs(), m -> m.equals("r2"));
    }

    @Test
    void meanStdAndCountPerVariant() throws Exception {
        Aggregation a = fixture();
        assertEquals(List.of("model.decoder.use"), a.varied(), "only the parameter that differs; the decoders' with: follow from use");
        assertEquals(List.of("model.decoder.use=gru", "model.decoder.use=lstm", "model.decoder.use=dense"),
                a.variants().stream().map(Aggregation.Variant::label).toList());
        Aggregation.Variant gru = a.variants().get(0);
        assertEquals(0.12, gru.test().get("mse").mean(), 1e-12);
        assertEquals(0.02, gru.test().get("mse").std(), 1e-12);
        assertEquals(3, gru.test().get("mse").n());
        assertEquals(0.6, gru.test().get("r2").mean(), 1e-12);
        assertEquals(0.1, gru.test().get("r2").std(), 1e-12);
        assertEquals(0.2, gru.baselines().get("mean.mse").mean(), 1e-12);
        assertEquals(0.0, gru.baselines().get("mean.mse").std(), 1e-12);
        Aggregation.Variant dense = a.variants().get(2);
        assertEquals(1, dense.test().get("mse").n(), "the failed run does not count");
        assertEquals(0.3, dense.test().get("mse").mean(), 1e-12);
        assertTrue(Double.isNaN(dense.test().get("mse").std()), "no spread from one value");
        assertEquals(1, dense.okRuns());
        assertEquals(2, dense.runs().size());
    }

    @Test
    void bestRespectsTheMetricsDirection() throws Exception {
        Aggregation a = fixture();
        assertEquals("model.decoder.use=lstm", a.best("mse").label(), "lower mse is better");
        assertEquals("model.decoder.use=lstm", a.best("r2").label(), "higher r2 is better");
        Aggregation flipped = Aggregation.of(Sources.read(List.of(tmp.resolve("runs"))).runs(), m -> true);
        assertEquals("model.decoder.use=dense", flipped.best("mse").label(), "with mse taken as higher-is-better");
    }

    @Test
    void pairedComparisonOfBestAndRunnerUp() throws Exception {
        Aggregation a = fixture();
        Aggregation.Comparison mse = a.comparison("mse");
        assertEquals("model.decoder.use=gru", mse.runnerUp().label());
        assertEquals(3, mse.n());
        // differences lstm - gru per seed: -0.01, -0.02, -0.03: mean -0.02, sd 0.01, t(0.975, 2) = 4.302653
        double half = 4.302652729911275 * 0.01 / Math.sqrt(3);
        assertEquals(-0.02, mse.meanDiff(), 1e-12);
        assertEquals(-0.02 - half, mse.low(), 1e-9);
        assertEquals(-0.02 + half, mse.high(), 1e-9);
        Aggregation.Comparison r2 = a.comparison("r2");
        assertEquals(0.2, r2.meanDiff(), 1e-12);
        assertEquals(0.2, r2.low(), 1e-9, "identical differences: an interval of width 0");
        assertEquals(0.2, r2.high(), 1e-9);
    }

    @Test
    void aComparisonNeedsTwoSharedSeeds() {
        RunRecord a1 = record("a", 1, 0.1);
        RunRecord b1 = record("b", 1, 0.2);
        RunRecord b2 = record("b", 2, 0.3);
        Aggregation agg = Aggregation.of(List.of(a1, b1, b2), m -> false);
        Aggregation.Comparison c = agg.comparison("mse");
        assertEquals(1, c.n());
        assertEquals(-0.1, c.meanDiff(), 1e-12);
        assertTrue(Double.isNaN(c.low()));
        assertTrue(MarkdownTable.comparison(c).contains("no interval"), MarkdownTable.comparison(c));
        Aggregation single = Aggregation.of(List.of(a1), m -> false);
        assertNull(single.comparison("mse").runnerUp());
    }

    @Test
    void studentTQuantilesMatchTheTables() {
        // two-sided 95% critical values (e.g. NIST/SEMATECH e-Handbook, table 1.3.6.7.2)
        assertEquals(12.706, Aggregation.tQuantile975(1), 1e-3);
        assertEquals(4.303, Aggregation.tQuantile975(2), 1e-3);
        assertEquals(2.776, Aggregation.tQuantile975(4), 1e-3);
        assertEquals(2.228, Aggregation.tQuantile975(10), 1e-3);
        assertEquals(2.042, Aggregation.tQuantile975(30), 1e-3);
    }

    @Test
    void markdownMarksTheBest() throws Exception {
        String md = MarkdownTable.of(fixture());
        assertTrue(md.startsWith("| # | model.decoder.use | seeds ok | mse ↓ | r2 ↑ |\n| --- | --- | --- | --- | --- |\n"), md);
        assertTrue(md.contains("| 1 | gru | 3/3 | 0.12 ± 0.020 | 0.6 ± 0.10 |"), md);
        assertTrue(md.contains("| 2 | lstm | 3/3 | **0.1 ± 0.010** | **0.8 ± 0.10** |"), md);
        assertTrue(md.contains("| 3 | dense | 1/2 | 0.3 | 0.1 |"), md);
        assertTrue(md.contains("baseline mean mse: 0.2 ± 0.0"), md);
        assertTrue(md.contains("mse: best #2, runner-up #1, difference -0.02 over 3 seeds, 95% CI [-0.04484, 0.004841]"), md);
    }

    @Test
    void aComponentsParameterStaysWhenItVariesWithinOneChoice() {
        RunRecord adam = params("adam", "0.01");
        RunRecord sgd1 = params("sgd", "0.1");
        RunRecord sgd2 = params("sgd", "10");
        assertEquals(List.of("train.optimizer.use"), Aggregation.differing(List.of(adam, sgd1)), "lr follows from the optimizer");
        assertEquals(List.of("train.optimizer.use", "train.optimizer.with.lr"), Aggregation.differing(List.of(adam, sgd1, sgd2)),
                "two sgd runs differ in lr");
    }

    private static RunRecord params(String optimizer, String lr) {
        java.util.Map<String, String> p = new java.util.LinkedHashMap<>();
        p.put("train.optimizer.use", optimizer);
        p.put("train.optimizer.with.lr", lr);
        p.put("seed", "1");
        return new RunRecord(optimizer + lr, Path.of("/nonexistent"), p, 1, "ok", null, java.util.Map.of("mse", 0.1), java.util.Map.of(), 1.0);
    }

    @Test
    void aFolderThatIsNeitherStudyNorRunIsRefused() {
        DescriptorException e = assertThrows(DescriptorException.class, () -> Sources.read(List.of(tmp)));
        assertTrue(e.getMessage().contains("neither a study directory (study.json) nor a run directory (metrics.json)"), e.getMessage());
        assertFalse(e.problems().isEmpty());
    }

    private static RunRecord record(String decoder, long seed, double mse) {
        return new RunRecord(decoder + seed, Path.of("/nonexistent"), new java.util.TreeMap<>(java.util.Map.of("model.decoder.use", decoder, "seed", "" + seed)),
                seed, "ok", null, java.util.Map.of("mse", mse), java.util.Map.of(), 1.0);
    }
}
