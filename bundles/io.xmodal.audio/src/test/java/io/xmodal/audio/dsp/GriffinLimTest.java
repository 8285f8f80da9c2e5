package io.xmodal.audio.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GriffinLimTest {

    private static final int SR = 16000;

    /** A vowel-like harmonic tone: 180 Hz with 12 harmonics of falling amplitude and a slow vibrato. */
    static float[] harmonic(int n) {
        float[] x = new float[n];
        double phase = 0;
        for (int i = 0; i < n; i++) {
            double f0 = 180 * (1 + 0.02 * Math.sin(2 * Math.PI * 3 * i / SR));
            phase += 2 * Math.PI * f0 / SR;
            double v = 0;
            for (int h = 1; h <= 12; h++) {
                v += Math.sin(h * phase) / h;
            }
            x[i] = (float) (0.3 * v);
        }
        return x;
    }

    /** ||S - |STFT(y)| ||_F / ||S||_F. */
    static double spectralConvergence(float[][] target, float[][] rebuilt) {
        double num = 0;
        double den = 0;
        for (int t = 0; t < target.length; t++) {
            for (int k = 0; k < target[t].length; k++) {
                double d = target[t][k] - rebuilt[t][k];
                num += d * d;
                den += (double) target[t][k] * target[t][k];
            }
        }
        return Math.sqrt(num / den);
    }

    @Test
    void reconstructsAHarmonicSignalsMagnitude() {
        float[] x = harmonic(SR / 2);
        Stft stft = Stft.of(512, 128);
        float[][] magnitude = stft.magnitude(x);
        double[] sc = new double[3];
        int[] iterations = {0, 8, 32};
        for (int i = 0; i < iterations.length; i++) {
            float[] y = new GriffinLim(stft, iterations[i], 0.99, 1).invert(magnitude, x.length);
            assertEquals(x.length, y.length);
            sc[i] = spectralConvergence(magnitude, stft.magnitude(y));
        }
        // measured here: 0 iterations 0.83, 8 iterations 0.23, 32 iterations 0.092; torchaudio 0.13.1's
        // GriffinLim on the same signal and STFT, seeds 0..2: 0.18 to 0.22 after 8, 0.086 to 0.109 after 32
        assertTrue(sc[0] > 0.5, "random phases are far off: " + sc[0]);
        assertTrue(sc[1] < sc[0], "8 iterations " + sc[1] + " vs 0 iterations " + sc[0]);
        assertTrue(sc[2] < sc[1], "32 iterations " + sc[2] + " vs 8 " + sc[1]);
        assertTrue(sc[2] < 0.15, "spectral convergence after 32 iterations " + sc[2]);
    }

    @Test
    void momentumSpeedsUpConvergence() {
        float[] x = harmonic(SR / 4);
        Stft stft = Stft.of(400, 100);
        float[][] magnitude = stft.magnitude(x);
        double plain = spectralConvergence(magnitude, stft.magnitude(new GriffinLim(stft, 16, 0.0, 3).invert(magnitude, x.length)));
        double fast = spectralConvergence(magnitude, stft.magnitude(new GriffinLim(stft, 16, 0.99, 3).invert(magnitude, x.length)));
        // measured: 0.13 with momentum 0.99, 0.27 without
        assertTrue(fast < plain, "momentum 0.99: " + fast + ", none: " + plain);
    }

    @Test
    void sameSeedSameResult() {
        float[] x = harmonic(4000);
        Stft stft = Stft.of(256, 64);
        float[][] magnitude = stft.magnitude(x);
        assertArrayEquals(new GriffinLim(stft, 4, 0.99, 7).invert(magnitude, x.length),
                new GriffinLim(stft, 4, 0.99, 7).invert(magnitude, x.length));
    }

    @Test
    void melToLinearSolvesTheFilterbankEquationsAndStaysNonNegative() {
        int nFft = 512;
        MelFilterbank fb = new MelFilterbank(64, nFft, SR, 0, 8000, MelFilterbank.Scale.SLANEY, MelFilterbank.Norm.SLANEY);
        float[] x = harmonic(SR / 4);
        float[][] magnitude = Stft.of(nFft, 160).magnitude(x);
        float[][] mel = fb.apply(magnitude);
        float[][] linear = GriffinLim.melToLinear(mel, fb);
        float[][] again = fb.apply(linear);
        double num = 0;
        double den = 0;
        for (int t = 0; t < mel.length; t++) {
            for (int k = 0; k < linear[t].length; k++) {
                assertTrue(linear[t][k] >= 0);
            }
            for (int m = 0; m < mel[t].length; m++) {
                num += Math.pow(again[t][m] - mel[t][m], 2);
                den += Math.pow(mel[t][m], 2);
            }
        }
        // the clipped minimum-norm solution reproduces the mel spectrogram closely (measured: 0.021)
        assertTrue(Math.sqrt(num / den) < 0.05, "relative mel residual " + Math.sqrt(num / den));
        // and an exactly representable spectrum (a non-negative combination of the filter rows) comes back exactly
        float[][] w = fb.weights();
        Random r = new Random(1);
        float[] coef = new float[64];
        float[][] s = new float[1][nFft / 2 + 1];
        for (int m = 0; m < 64; m++) {
            coef[m] = r.nextFloat();
            for (int k = 0; k < s[0].length; k++) {
                s[0][k] += coef[m] * w[m][k];
            }
        }
        float[][] back = GriffinLim.melToLinear(fb.apply(s), fb);
        for (int k = 0; k < s[0].length; k++) {
            assertEquals(s[0][k], back[0][k], 1e-4 * max(s[0]), "bin " + k);
        }
    }

    @Test
    void pseudoInverseOfASingularMatrix() {
        // [[1, 1], [1, 1]] has pseudo-inverse [[0.25, 0.25], [0.25, 0.25]]
        double[][] p = SymmetricEigen.pseudoInverse(new double[][] {{1, 1}, {1, 1}});
        for (double[] row : p) {
            for (double v : row) {
                assertEquals(0.25, v, 1e-12);
            }
        }
        double[][] q = SymmetricEigen.pseudoInverse(new double[][] {{4, 1, 0}, {1, 3, 0}, {0, 0, 0}});
        // inverse of [[4, 1], [1, 3]] is [[3, -1], [-1, 4]] / 11; the zero row and column stay zero
        assertEquals(3 / 11.0, q[0][0], 1e-12);
        assertEquals(-1 / 11.0, q[0][1], 1e-12);
        assertEquals(4 / 11.0, q[1][1], 1e-12);
        assertEquals(0, q[2][2], 1e-12);
    }

    @Test
    void rejectsAMagnitudeThatDoesNotFitTheLength() {
        Stft stft = Stft.of(512, 128);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GriffinLim(stft, 2, 0.99, 1).invert(new float[10][257], 16000));
        assertTrue(e.getMessage().contains("126 frames"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new GriffinLim(stft, 2, 1.0, 1));
    }

    private static double max(float[] v) {
        double m = 0;
        for (float x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
