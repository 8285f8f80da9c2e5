package io.xmodal.engine.internal.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class LinearBaselineTest {
    /** x = A z + noise (wide, past the random sketch), y = B z + noise: CCA finds the shared z and pairs match. */
    @Test
    void recoversASharedLinearLatent() {
        Random r = new Random(9);
        int latent = 3;
        double[][] a = gaussian(r, 400, latent);
        double[][] b = gaussian(r, 20, latent);
        INDArray[] train = pairs(r, a, b, 600, latent);
        INDArray[] test = pairs(r, a, b, 100, latent);
        LinearBaseline cca = LinearBaseline.fit(train[0], train[1], 8, 1);
        double[] c = cca.correlations();
        assertTrue(c[0] > 0.95 && c[latent - 1] > 0.9, "the three shared directions correlate: " + java.util.Arrays.toString(c));
        assertTrue(c[latent] < 0.5, "the fourth is noise: " + c[latent]);
        INDArray ea = cca.embedFirst(test[0]);
        INDArray eb = cca.embedSecond(test[1]);
        assertEquals(1.0, ea.getRow(0).norm2Number().doubleValue(), 1e-5);
        int hits = 0;
        for (int i = 0; i < 100; i++) {
            INDArray s = eb.mmul(ea.getRow(i).reshape(-1, 1));
            if (s.argMax(0).getInt(0) == i) {
                hits++;
            }
        }
        assertTrue(hits >= 50, "recall@1 of the linear baseline over 100 pairs: " + hits + "%");
    }

    private static double[][] gaussian(Random r, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = r.nextGaussian();
            }
        }
        return m;
    }

    private static INDArray[] pairs(Random r, double[][] a, double[][] b, int n, int latent) {
        float[][] x = new float[n][a.length];
        float[][] y = new float[n][b.length];
        for (int i = 0; i < n; i++) {
            double[] z = new double[latent];
            for (int k = 0; k < latent; k++) {
                z[k] = r.nextGaussian();
            }
            for (int d = 0; d < a.length; d++) {
                double s = 0;
                for (int k = 0; k < latent; k++) {
                    s += a[d][k] * z[k];
                }
                x[i][d] = (float) (s + 0.3 * r.nextGaussian());
            }
            for (int d = 0; d < b.length; d++) {
                double s = 0;
                for (int k = 0; k < latent; k++) {
                    s += b[d][k] * z[k];
                }
                y[i][d] = (float) (s + 0.3 * r.nextGaussian());
            }
        }
        return new INDArray[] {Nd4j.create(x), Nd4j.create(y)};
    }
}
