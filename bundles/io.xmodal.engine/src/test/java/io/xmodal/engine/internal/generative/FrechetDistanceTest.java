package io.xmodal.engine.internal.generative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Fréchet distance against closed forms: 1-D and diagonal Gaussians, and a 2x2 case whose covariances do not commute. */
class FrechetDistanceTest {
    @Test
    void oneDimensionalGaussiansGiveMeanAndStandardDeviationDifferences() {
        // d² = (m1 - m2)² + (s1 - s2)² for N(m1, s1²) and N(m2, s2²)
        double d = FrechetDistance.of(new double[] {1.0}, new double[][] {{4.0}}, new double[] {-2.0}, new double[][] {{9.0}});
        assertEquals(9.0 + 1.0, d, 1e-12);
    }

    @Test
    void diagonalCovariancesAddUpPerDimension() {
        double[] m1 = {0, 1, 2};
        double[] m2 = {1, 1, 0};
        double[][] c1 = {{1, 0, 0}, {0, 4, 0}, {0, 0, 0.25}};
        double[][] c2 = {{9, 0, 0}, {0, 4, 0}, {0, 0, 1}};
        double expected = (1 + 0 + 4) + (1 - 3) * (1 - 3) + 0 + (0.5 - 1) * (0.5 - 1);
        assertEquals(expected, FrechetDistance.of(m1, c1, m2, c2), 1e-12);
    }

    @Test
    void nonCommutingCovariancesMatchTheTwoByTwoClosedForm() {
        // for a 2x2 matrix M with positive eigenvalues, Tr(M^1/2) = sqrt(Tr M + 2 sqrt(det M))
        double[][] c1 = {{2.0, 0.8}, {0.8, 1.0}};
        double[][] c2 = {{1.5, -0.6}, {-0.6, 0.7}};
        double[][] p = {
                {c1[0][0] * c2[0][0] + c1[0][1] * c2[1][0], c1[0][0] * c2[0][1] + c1[0][1] * c2[1][1]},
                {c1[1][0] * c2[0][0] + c1[1][1] * c2[1][0], c1[1][0] * c2[0][1] + c1[1][1] * c2[1][1]}};
        double tr = p[0][0] + p[1][1];
        double det = p[0][0] * p[1][1] - p[0][1] * p[1][0];
        double traceRoot = Math.sqrt(tr + 2 * Math.sqrt(det));
        double expected = (0.5 * 0.5 + 2 * 2) + (2.0 + 1.0) + (1.5 + 0.7) - 2 * traceRoot;
        assertEquals(expected, FrechetDistance.of(new double[] {0, 0}, c1, new double[] {0.5, -2}, c2), 1e-10);
    }

    @Test
    void samplesOfOneSetAgainstItselfAndAgainstAShiftedCopy() {
        Random r = new Random(3);
        double[][] a = new double[200][5];
        double[][] shifted = new double[200][5];
        double[] shift = {1, -2, 0, 0.5, 3};
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < 5; j++) {
                a[i][j] = r.nextGaussian() * (j + 1) + (j == 0 ? a[i][1 % 5] * 0.3 : 0);
                shifted[i][j] = a[i][j] + shift[j];
            }
        }
        assertEquals(0.0, FrechetDistance.of(a, a), 1e-8);
        // same covariance: only the means differ, by |shift|² = 1 + 4 + 0 + 0.25 + 9
        assertEquals(14.25, FrechetDistance.of(a, shifted), 1e-7);
    }

    @Test
    void unbiasedCovarianceAndSizeChecks() {
        double[][] x = {{1, 2}, {3, 2}, {5, 8}};
        double[][] c = FrechetDistance.covariance(x);
        assertEquals(4.0, c[0][0], 1e-12); // mean 3: (4 + 0 + 4) / 2
        assertEquals(12.0, c[1][1], 1e-12); // mean 4: (4 + 4 + 16) / 2
        assertEquals(6.0, c[0][1], 1e-12); // ((-2)(-2) + 0 + 2 * 4) / 2
        assertThrows(IllegalArgumentException.class, () -> FrechetDistance.of(new double[][] {{1}}, x));
        assertThrows(IllegalArgumentException.class, () -> FrechetDistance.of(new double[][] {{1}, {2}}, x));
    }

    @org.junit.jupiter.api.Test
    void theSampleFormEqualsTheCovarianceFormAndScalesToManyFeatures() {
        java.util.Random r = new java.util.Random(4);
        double[][] a = new double[30][5];
        double[][] b = new double[40][5];
        for (double[][] x : new double[][][] {a, b}) {
            for (double[] row : x) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = r.nextGaussian() * (j + 1) + (x == b ? 0.3 * j : 0) + (j > 0 ? 0.5 * row[j - 1] : 0);
                }
            }
        }
        double byCovariance = FrechetDistance.of(FrechetDistance.mean(a), FrechetDistance.covariance(a), FrechetDistance.mean(b),
                FrechetDistance.covariance(b));
        assertEquals(byCovariance, FrechetDistance.of(a, b), 1e-9 * byCovariance);
        // more features than samples (117 samples of 4,096 flattened features, as a flatten-output classifier gives): finite, fast
        double[][] wideA = new double[117][4096];
        double[][] wideB = new double[117][4096];
        for (int i = 0; i < 117; i++) {
            for (int j = 0; j < 4096; j++) {
                wideA[i][j] = r.nextGaussian();
                wideB[i][j] = r.nextGaussian() + 0.1;
            }
        }
        double d = FrechetDistance.of(wideA, wideB);
        assertTrue(Double.isFinite(d) && d > 0, "d = " + d);
        assertEquals(0.0, FrechetDistance.of(wideA, wideA), 1e-6);
    }
}
