package io.xmodal.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xmodal.api.train.Metric;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RegressionMetricsTest {
    private static final double EPS = 1e-12;

    private final Metric mse = new MseMetric();
    private final Metric mae = new MaeMetric();
    private final Metric rmse = new RmseMetric();
    private final Metric r2 = new R2Metric();
    private final Metric pearson = new PearsonMetric();

    // predicted - target = [0, -1, 1, 0, -2, 1]
    private static final double[][] P = {{1, 2}, {3, 4}, {5, 6}};
    private static final double[][] T = {{1, 3}, {2, 4}, {7, 5}};

    @Test
    void handComputedValues() {
        INDArray p = Nd4j.create(P);
        INDArray t = Nd4j.create(T);
        assertEquals(7.0 / 6, mse.compute(p, t), EPS);
        assertEquals(5.0 / 6, mae.compute(p, t), EPS);
        assertEquals(Math.sqrt(7.0 / 6), rmse.compute(p, t), EPS);
        // per-position means of T: 10/3 and 4; SST = 62/3 + 2 = 68/3; R² = 1 - 7 / (68/3)
        assertEquals(47.0 / 68, r2.compute(p, t), EPS);
        // pooled: cov sum 17, var sums 17.5 and 70/3
        assertEquals(17 * Math.sqrt(3) / 35, pearson.compute(p, t), EPS);
    }

    @Test
    void matchesPlainLoopsOnRank3Sequences() {
        Random rnd = new Random(7);
        int b = 5;
        int steps = 4;
        int w = 3;
        double[][][] p = new double[b][steps][w];
        double[][][] t = new double[b][steps][w];
        for (int i = 0; i < b; i++) {
            for (int s = 0; s < steps; s++) {
                for (int f = 0; f < w; f++) {
                    t[i][s][f] = rnd.nextGaussian() + s - f; // a mean shape over positions
                    p[i][s][f] = t[i][s][f] + 0.5 * rnd.nextGaussian();
                }
            }
        }
        INDArray pa = Nd4j.create(p);
        INDArray ta = Nd4j.create(t);

        int n = b * steps * w;
        double sse = 0;
        double sae = 0;
        double sp = 0;
        double st = 0;
        for (int i = 0; i < b; i++) {
            for (int s = 0; s < steps; s++) {
                for (int f = 0; f < w; f++) {
                    double e = p[i][s][f] - t[i][s][f];
                    sse += e * e;
                    sae += Math.abs(e);
                    sp += p[i][s][f];
                    st += t[i][s][f];
                }
            }
        }
        double sst = 0;
        double cov = 0;
        double vp = 0;
        double vt = 0;
        for (int s = 0; s < steps; s++) {
            for (int f = 0; f < w; f++) {
                double m = 0;
                for (int i = 0; i < b; i++) {
                    m += t[i][s][f];
                }
                m /= b;
                for (int i = 0; i < b; i++) {
                    sst += (t[i][s][f] - m) * (t[i][s][f] - m);
                    double dp = p[i][s][f] - sp / n;
                    double dt = t[i][s][f] - st / n;
                    cov += dp * dt;
                    vp += dp * dp;
                    vt += dt * dt;
                }
            }
        }
        assertEquals(sse / n, mse.compute(pa, ta), EPS);
        assertEquals(sae / n, mae.compute(pa, ta), EPS);
        assertEquals(Math.sqrt(sse / n), rmse.compute(pa, ta), EPS);
        assertEquals(1 - sse / sst, r2.compute(pa, ta), EPS);
        assertEquals(cov / Math.sqrt(vp * vt), pearson.compute(pa, ta), EPS);
    }

    @Test
    void r2IsZeroForThePerStepMeanAndOneForAPerfectPrediction() {
        Random rnd = new Random(11);
        int b = 8;
        int steps = 6;
        double[][] t = new double[b][steps];
        for (int i = 0; i < b; i++) {
            for (int s = 0; s < steps; s++) {
                t[i][s] = 10 * Math.sin(s) + rnd.nextGaussian();
            }
        }
        double[][] stepMean = new double[b][steps];
        double grand = 0;
        for (int s = 0; s < steps; s++) {
            double m = 0;
            for (int i = 0; i < b; i++) {
                m += t[i][s];
            }
            m /= b;
            grand += m / steps;
            for (int i = 0; i < b; i++) {
                stepMean[i][s] = m;
            }
        }
        INDArray target = Nd4j.create(t);
        assertEquals(0.0, r2.compute(Nd4j.create(stepMean), target), 1e-12);
        assertEquals(1.0, r2.compute(target.dup(), target), 0.0);
        // the reference is per step, not the grand mean: the grand mean scores far below 0 here
        assertTrue(r2.compute(Nd4j.valueArrayOf(new long[] {b, steps}, grand), target) < -1);
    }

    @Test
    void undefinedCasesAreNaN() {
        INDArray one = Nd4j.create(new double[][] {{1, 2, 3}});
        assertTrue(Double.isNaN(r2.compute(one, one)), "single sample: SST = 0");
        INDArray constant = Nd4j.create(new double[][] {{2, 3}, {2, 3}});
        assertTrue(Double.isNaN(r2.compute(constant.dup(), constant)), "every position constant");
        INDArray flat = Nd4j.create(new double[][] {{2, 2}, {2, 2}});
        assertTrue(Double.isNaN(pearson.compute(flat, Nd4j.create(P).get(
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2), org.nd4j.linalg.indexing.NDArrayIndex.all()))));
        assertEquals(0.0, mse.compute(flat, flat.dup()), 0.0);
    }

    @Test
    void shapeMismatchNamesBothShapes() {
        INDArray p = Nd4j.zeros(3, 2);
        INDArray t = Nd4j.zeros(3, 3);
        for (Metric m : new Metric[] {mse, mae, rmse, r2, pearson}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.compute(p, t));
            String msg = e.getMessage();
            assertTrue(msg.contains(m.spec().name()) && msg.contains("[3, 2]") && msg.contains("[3, 3]"), msg);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mse.compute(Nd4j.zeros(4, 6), Nd4j.zeros(4, 2, 3)));
        assertTrue(e.getMessage().contains("[4, 6]") && e.getMessage().contains("[4, 2, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> mse.compute(Nd4j.zeros(2, 3), Nd4j.zeros(3, 2)));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[3, 2]"), e.getMessage());
    }

    @Test
    void unitDimensionsAfterTheBatchAreIgnored() {
        INDArray p = Nd4j.create(new double[] {1, 2, 4});
        INDArray t = Nd4j.create(new double[][] {{1}, {3}, {1}});
        assertEquals(10.0 / 3, mse.compute(p, t), EPS);
        assertEquals(10.0 / 3, mse.compute(t, p), EPS);
    }

    @Test
    void float32AndHalfInputAreScoredInDouble() {
        float[][] pf = {{0.1f, 0.7f, 1e4f}, {0.3f, -2.9f, 3.3e4f}};
        float[][] tf = {{0.2f, 0.6f, 1.1e4f}, {0.35f, -3.1f, 2.9e4f}};
        INDArray p = Nd4j.create(pf);
        INDArray t = Nd4j.create(tf);
        assertEquals(DataType.FLOAT, p.dataType());
        double sse = 0;
        double sae = 0;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                double e = (double) pf[i][j] - (double) tf[i][j];
                sse += e * e;
                sae += Math.abs(e);
            }
        }
        assertEquals(sse / 6, mse.compute(p, t), EPS * sse);
        assertEquals(sae / 6, mae.compute(p, t), EPS * sae);
        // the same numbers in double give the same scores (up to double rounding only)
        INDArray pd = p.castTo(DataType.DOUBLE);
        INDArray td = t.castTo(DataType.DOUBLE);
        for (Metric m : new Metric[] {mse, mae, rmse, r2, pearson}) {
            double a = m.compute(p, t);
            assertEquals(m.compute(pd, td), a, 1e-12 * Math.max(1, Math.abs(a)), m.spec().name());
        }
        // mixed and half precision
        INDArray ph = Nd4j.create(new double[][] {{0.5, 1.5}, {2.0, -1.0}}).castTo(DataType.HALF);
        INDArray tdbl = Nd4j.create(new double[][] {{0.25, 1.5}, {2.5, -1.0}});
        assertEquals((0.0625 + 0.25) / 4, mse.compute(ph, tdbl), EPS);
    }

    @Test
    void viewsAndFortranOrderAreRead() {
        INDArray pT = Nd4j.create(new double[][] {{1, 3, 5}, {2, 4, 6}}); // P transposed
        INDArray p = pT.transpose(); // a [3, 2] view in f order
        INDArray big = Nd4j.zeros(5, 4);
        big.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 4), org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 3))
                .assign(Nd4j.create(T));
        INDArray t = big.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 4),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 3)); // an offset, strided view
        assertTrue(t.isView());
        assertEquals(7.0 / 6, mse.compute(p, t), EPS);
        assertEquals(47.0 / 68, r2.compute(p, t), EPS);
        assertEquals(17 * Math.sqrt(3) / 35, pearson.compute(p, t), EPS);
    }
}
