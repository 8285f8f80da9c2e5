package io.xmodal.retrieval.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xmodal.api.train.TrainingPlan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.validation.GradCheckUtil;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LossesTest {
    private static final boolean PRINT = Boolean.getBoolean("gradcheck.print");
    private static INDArray random(long seed, int rows, int cols) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.DOUBLE, rows, cols);
    }

    /** Rows scaled to unit length, in plain Java. */
    private static double[][] unit(INDArray m) {
        double[][] v = m.toDoubleMatrix();
        for (double[] r : v) {
            double n = 0;
            for (double x : r) {
                n += x * x;
            }
            n = Math.sqrt(n);
            for (int i = 0; i < r.length; i++) {
                r[i] /= n;
            }
        }
        return v;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double eval(SDVariable loss, SameDiff sd, INDArray a, INDArray b) {
        return sd.output(Map.of("a", a, "b", b), loss.name()).get(loss.name()).getDouble(0);
    }

    @Test
    void infoNceEqualsTheSymmetricCrossEntropyWorkedOutByHand() {
        SameDiff sd = SameDiff.create();
        SDVariable a = sd.placeHolder("a", DataType.DOUBLE, -1, 3);
        SDVariable b = sd.placeHolder("b", DataType.DOUBLE, -1, 3);
        SDVariable loss = Losses.infoNce(sd, "loss", Losses.l2Normalize(sd, a), Losses.l2Normalize(sd, b), sd.constant(Nd4j.scalar(5.0)));
        INDArray va = random(1, 4, 3);
        INDArray vb = random(2, 4, 3);
        double[][] ua = unit(va);
        double[][] ub = unit(vb);
        double rows = 0;
        double cols = 0;
        for (int i = 0; i < 4; i++) {
            double sr = 0;
            double sc = 0;
            for (int j = 0; j < 4; j++) {
                sr += Math.exp(5 * dot(ua[i], ub[j]));
                sc += Math.exp(5 * dot(ua[j], ub[i]));
            }
            rows += Math.log(sr) - 5 * dot(ua[i], ub[i]);
            cols += Math.log(sc) - 5 * dot(ua[i], ub[i]);
        }
        assertEquals((rows / 4 + cols / 4) / 2, eval(loss, sd, va, vb), 1e-10);
    }

    @Test
    void infoNceStaysFiniteAtTheLargestScale() {
        SameDiff sd = SameDiff.create();
        SDVariable a = sd.placeHolder("a", DataType.FLOAT, -1, 2);
        SDVariable b = sd.placeHolder("b", DataType.FLOAT, -1, 2);
        SDVariable loss = Losses.infoNce(sd, "loss", a, b, sd.constant(Nd4j.scalar(DataType.FLOAT, 100f)));
        // opposite unit vectors: logits of -100 and 100, exp(100) overflows float32 without the max shift
        INDArray va = Nd4j.create(new float[][] {{1, 0}, {-1, 0}});
        INDArray vb = Nd4j.create(new float[][] {{-1, 0}, {1, 0}});
        double v = eval(loss, sd, va, vb);
        assertTrue(Double.isFinite(v));
        assertEquals(200.0, v, 1e-3); // each row: log(e^100 + e^-100) - (-100) = 200
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void tripletEqualsTheMarginLossWorkedOutByHand(boolean batchHard) {
        SameDiff sd = SameDiff.create();
        SDVariable a = sd.placeHolder("a", DataType.DOUBLE, -1, 3);
        SDVariable b = sd.placeHolder("b", DataType.DOUBLE, -1, 3);
        SDVariable loss = Losses.triplet(sd, "loss", Losses.l2Normalize(sd, a), Losses.l2Normalize(sd, b), 0.5, batchHard);
        INDArray va = random(3, 5, 3);
        INDArray vb = random(4, 5, 3);
        double[][] ua = unit(va);
        double[][] ub = unit(vb);
        int n = 5;
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                d[i][j] = 2 - 2 * dot(ua[i], ub[j]);
            }
        }
        double rows = 0;
        double cols = 0;
        for (int i = 0; i < n; i++) {
            double hardRow = Double.MAX_VALUE;
            double hardCol = Double.MAX_VALUE;
            double allRow = 0;
            double allCol = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    hardRow = Math.min(hardRow, d[i][j]);
                    hardCol = Math.min(hardCol, d[j][i]);
                    allRow += Math.max(0, d[i][i] - d[i][j] + 0.5);
                    allCol += Math.max(0, d[i][i] - d[j][i] + 0.5);
                }
            }
            rows += batchHard ? Math.max(0, d[i][i] - hardRow + 0.5) : allRow;
            cols += batchHard ? Math.max(0, d[i][i] - hardCol + 0.5) : allCol;
        }
        double count = batchHard ? n : n * (n - 1.0);
        assertEquals((rows / count + cols / count) / 2, eval(loss, sd, va, vb), 1e-10);
    }

    private static final double[] CLASSES = {0, 1, 0, 2, 1};

    private static double evalWithLabels(SDVariable loss, SameDiff sd, INDArray a, INDArray b, double[] labels) {
        return sd.output(Map.of("a", a, "b", b, "l", Nd4j.createFromArray(labels)), loss.name()).get(loss.name()).getDouble(0);
    }

    @Test
    void classSupervisedInfoNceEqualsTheMeanOverPositivesWorkedOutByHand() {
        SameDiff sd = SameDiff.create();
        SDVariable a = sd.placeHolder("a", DataType.DOUBLE, -1, 3);
        SDVariable b = sd.placeHolder("b", DataType.DOUBLE, -1, 3);
        SDVariable l = sd.placeHolder("l", DataType.DOUBLE, -1);
        SDVariable loss = Losses.supervisedInfoNce(sd, "loss", Losses.l2Normalize(sd, a), Losses.l2Normalize(sd, b),
                sd.constant(Nd4j.scalar(4.0)), l);
        INDArray va = random(7, 5, 3);
        INDArray vb = random(8, 5, 3);
        double[][] ua = unit(va);
        double[][] ub = unit(vb);
        int n = 5;
        double rows = 0;
        double cols = 0;
        for (int i = 0; i < n; i++) {
            double sr = 0;
            double sc = 0;
            for (int j = 0; j < n; j++) {
                sr += Math.exp(4 * dot(ua[i], ub[j]));
                sc += Math.exp(4 * dot(ua[j], ub[i]));
            }
            double lr = 0;
            double lc = 0;
            int positives = 0;
            for (int j = 0; j < n; j++) {
                if (CLASSES[j] == CLASSES[i]) {
                    lr += 4 * dot(ua[i], ub[j]) - Math.log(sr); // log-softmax of row i at positive j
                    lc += 4 * dot(ua[j], ub[i]) - Math.log(sc); // of column i at positive j
                    positives++;
                }
            }
            rows += -lr / positives;
            cols += -lc / positives;
        }
        assertEquals((rows / n + cols / n) / 2, evalWithLabels(loss, sd, va, vb, CLASSES), 1e-10);
    }

    @Test
    void classSupervisedInfoNceWithEveryClassDistinctIsInfoNce() {
        SameDiff sd = SameDiff.create();
        SDVariable a = sd.placeHolder("a", DataType.DOUBLE, -1, 3);
        SDVariable b = sd.placeHolder("b", DataType.DOUBLE, -1, 3);
        SDVariable l = sd.placeHolder("l", DataType.DOUBLE, -1);
        SDVariable scale = sd.constant(Nd4j.scalar(3.0));
        SDVariable na = Losses.l2Normalize(sd, a);
        SDVariable nb = Losses.l2Normalize(sd, b);
        SDVariable sup = Losses.supervisedInfoNce(sd, "sup", na, nb, scale, l);
        SDVariable plain = Losses.infoNce(sd, "plain", na, nb, scale);
        INDArray va = random(9, 5, 3);
        INDArray vb = random(10, 5, 3);
        assertEquals(eval(plain, sd, va, vb), evalWithLabels(sup, sd, va, vb, new double[] {4, 0, 3, 1, 2}), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void classSupervisedTripletEqualsTheMarginLossWorkedOutByHand(boolean batchHard) {
        SameDiff sd = SameDiff.create();
        SDVariable a = sd.placeHolder("a", DataType.DOUBLE, -1, 3);
        SDVariable b = sd.placeHolder("b", DataType.DOUBLE, -1, 3);
        SDVariable l = sd.placeHolder("l", DataType.DOUBLE, -1);
        SDVariable loss = Losses.supervisedTriplet(sd, "loss", Losses.l2Normalize(sd, a), Losses.l2Normalize(sd, b), l, 0.3, batchHard);
        INDArray va = random(11, 5, 3);
        INDArray vb = random(12, 5, 3);
        double[][] ua = unit(va);
        double[][] ub = unit(vb);
        int n = 5;
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                d[i][j] = 2 - 2 * dot(ua[i], ub[j]);
            }
        }
        double[] direction = new double[2];
        for (int dir = 0; dir < 2; dir++) {
            double sum = 0;
            double count = 0;
            for (int i = 0; i < n; i++) {
                double farPos = -1;
                double nearNeg = Double.MAX_VALUE;
                for (int p = 0; p < n; p++) {
                    double dp = dir == 0 ? d[i][p] : d[p][i];
                    if (CLASSES[p] == CLASSES[i]) {
                        farPos = Math.max(farPos, dp);
                        for (int q = 0; q < n; q++) {
                            double dq = dir == 0 ? d[i][q] : d[q][i];
                            if (CLASSES[q] != CLASSES[i] && !batchHard) {
                                sum += Math.max(0, dp - dq + 0.3);
                                count++;
                            }
                        }
                    } else {
                        nearNeg = Math.min(nearNeg, dp);
                    }
                }
                if (batchHard) {
                    sum += Math.max(0, farPos - nearNeg + 0.3);
                    count++;
                }
            }
            direction[dir] = sum / count;
        }
        assertEquals((direction[0] + direction[1]) / 2, evalWithLabels(loss, sd, va, vb, CLASSES), 1e-10);
    }

    /** Encoders, projection heads, normalisation and the loss, against numerical gradients in double precision. */
    @ParameterizedTest
    @ValueSource(strings = {"info-nce", "info-nce fixed", "triplet", "triplet batch-all", "info-nce hidden", "info-nce classes",
            "triplet classes", "triplet batch-all classes"})
    void gradientsMatchNumericalGradients(String variant) {
        DataType before = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            Map<String, Object> o = new java.util.HashMap<>();
            o.put("dim", 3);
            o.put("loss", variant.startsWith("triplet") ? "triplet" : "info-nce");
            o.put("margin", 1.0); // wide margin: every hinge active, away from its kink
            o.put("learn-temperature", !variant.endsWith("fixed"));
            o.put("temperature", 0.5);
            // 6 hidden units: with fewer, all ReLUs of this tiny seeded net can be dead, leaving a zero vector to normalise
            o.put("hidden", variant.endsWith("hidden") ? 6 : 0);
            o.put("mining", variant.contains("batch-all") ? "batch-all" : "batch-hard");
            boolean classes = variant.endsWith("classes");
            o.put("supervision", classes ? "classes" : "pairs");
            TestGraphs.Built b = TestGraphs.contrastive(o, 4, 5, 3, DataType.DOUBLE, classes ? Nd4j.createFromArray(0.0, 1.0, 0.0, 1.0) : null);
            SameDiff sd = b.sd();
            String loss = b.plan().phases().get(0).loss();
            sd.setLossVariables(loss);
            sd.createGradFunction();
            INDArray x = random(5, 4, 4);
            INDArray y = random(6, 4, 5);
            sd.associateArrayWithVariable(x, sd.getVariable("input"));
            sd.associateArrayWithVariable(y, sd.getVariable("target"));
            if (!variant.endsWith("fixed") && !variant.startsWith("triplet")) {
                assertTrue(sd.hasVariable("temperature/log-scale"), "a learnable temperature is a parameter");
            }
            // up to 8 evenly spaced elements of each array keep the check to seconds
            assertTrue(GradCheckUtil.checkGradients(sd, Map.of("input", x, "target", y), 1e-6, 1e-5, 1e-8, PRINT, false,
                    false, false, null, null, 8, GradCheckUtil.Subset.EVERY_N));
        } finally {
            Nd4j.setDefaultDataTypes(before, before);
        }
    }

    @Test
    void eachEncoderRunsAlone() {
        TestGraphs.Built b = TestGraphs.contrastive(Map.of("dim", 4), 3, 2, 5, DataType.FLOAT);
        String in = b.plan().embeddings().get(TrainingPlan.INPUT);
        String tg = b.plan().embeddings().get(TrainingPlan.TARGET);
        INDArray za = b.sd().output(Map.of("input", Nd4j.rand(DataType.FLOAT, 6, 3)), in).get(in);
        INDArray zb = b.sd().output(Map.of("target", Nd4j.rand(DataType.FLOAT, 7, 2)), tg).get(tg);
        assertEquals(List.of(6L, 4L), List.of(za.shape()[0], za.shape()[1]));
        assertEquals(List.of(7L, 4L), List.of(zb.shape()[0], zb.shape()[1]));
        for (int i = 0; i < 6; i++) {
            assertEquals(1.0, za.getRow(i).norm2Number().doubleValue(), 1e-5, "embeddings are unit length");
        }
    }
}
