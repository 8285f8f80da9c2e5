package io.xmodal.audio.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DctTest {

    @Test
    void knownValues() {
        // by hand: sqrt(1/2) sum_n x[n] cos(pi k (2n+1) / 8) for k = 1, 3; sqrt(1/4) * 10 for k = 0
        float[][] y = Dct.dct2Ortho(new float[][] {{1, 2, 3, 4}}, 4);
        assertEquals(5.0, y[0][0], 1e-6);
        assertEquals(-2.2304425, y[0][1], 1e-6);
        assertEquals(0.0, y[0][2], 1e-6);
        assertEquals(-0.1585127, y[0][3], 1e-6);
    }

    @Test
    void equalsTheDirectSumAndKeepsTheFirstCoefficients() {
        Random r = new Random(5);
        float[][] x = new float[7][64];
        for (float[] row : x) {
            for (int i = 0; i < row.length; i++) {
                row[i] = (float) r.nextGaussian();
            }
        }
        float[][] y = Dct.dct2Ortho(x, 40);
        for (int t = 0; t < x.length; t++) {
            double[] expected = Reference.dct2Ortho(Reference.toDouble(x[t]), 40);
            assertEquals(40, y[t].length);
            for (int k = 0; k < 40; k++) {
                assertEquals(expected[k], y[t][k], 1e-5, "row " + t + " k " + k);
            }
        }
    }

    @Test
    void orthonormalBasisPreservesEnergy() {
        int n = 40;
        float[][] b = Dct.matrix(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int k = 0; k < n; k++) {
                    dot += (double) b[i][k] * b[j][k];
                }
                assertEquals(i == j ? 1.0 : 0.0, dot, 1e-6, "rows " + i + ", " + j);
            }
        }
        Random r = new Random(9);
        float[][] x = new float[1][n];
        for (int i = 0; i < n; i++) {
            x[0][i] = (float) r.nextGaussian();
        }
        float[][] y = Dct.dct2Ortho(x, n);
        assertEquals(energy(x[0]), energy(y[0]), 1e-5 * energy(x[0]));
    }

    @Test
    void rejectsMoreCoefficientsThanInputs() {
        assertThrows(IllegalArgumentException.class, () -> Dct.dct2Ortho(new float[1][10], 11));
        assertThrows(IllegalArgumentException.class, () -> Dct.dct2Ortho(new float[][] {new float[10], new float[9]}, 5));
    }

    private static double energy(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return s;
    }
}
