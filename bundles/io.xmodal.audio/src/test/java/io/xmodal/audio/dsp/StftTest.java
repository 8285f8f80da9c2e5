package io.xmodal.audio.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StftTest {

    @ParameterizedTest(name = "n-fft {0}, win {1}, hop {2}, {3}, center {4}, reflect {5}")
    @CsvSource({
            "400, 400, 200, hann, true, true",      // torchaudio's defaults (mixed-radix FFT size)
            "512, 512, 160, hann, true, true",
            "512, 400, 128, hamming, true, false",  // window shorter than n-fft, zero padding
            "256, 256, 100, rectangular, false, true",
            "255, 200, 64, hann, true, true",       // odd n-fft
            "526, 526, 128, hann, true, true",      // 2 x 263: JTransforms' Bluestein plan
            "263, 263, 100, hann, true, true",      // odd prime
            "64, 64, 16, hann, true, true"})
    void complexSpectrumEqualsDirectDft(int nFft, int win, int hop, String window, boolean center, boolean reflect) {
        float[] x = Reference.chirp(50, 7000, 16000, 3000, 1);
        Stft stft = new Stft(nFft, win, hop, Window.valueOf(window.toUpperCase()), center, reflect ? PadMode.REFLECT : PadMode.CONSTANT);
        double[][][] expected = Reference.stft(x, nFft, win, hop, window, center, reflect);
        float[][][] actual = stft.complex(x);
        assertEquals(expected.length, actual.length, "frames");
        assertEquals(expected.length, stft.frames(x.length));
        double max = 0;
        for (double[][] f : expected) {
            for (double[] b : f) {
                max = Math.max(max, Math.hypot(b[0], b[1]));
            }
        }
        float[][] power = stft.power(x);
        float[][] magnitude = stft.magnitude(x);
        for (int t = 0; t < expected.length; t++) {
            assertEquals(nFft / 2 + 1, actual[t].length);
            for (int k = 0; k < expected[t].length; k++) {
                assertEquals(expected[t][k][0], actual[t][k][0], 2e-6 * max, "re t=" + t + " k=" + k);
                assertEquals(expected[t][k][1], actual[t][k][1], 2e-6 * max, "im t=" + t + " k=" + k);
                double p = expected[t][k][0] * expected[t][k][0] + expected[t][k][1] * expected[t][k][1];
                assertEquals(p, power[t][k], 4e-6 * max * max, "power t=" + t + " k=" + k);
                assertEquals(Math.sqrt(p), magnitude[t][k], 2e-6 * max, "magnitude t=" + t + " k=" + k);
            }
        }
    }

    @Test
    void sineOnABinPeaksThereWithAmplitudeTimesWindowSumOverTwo() {
        int sr = 16000;
        int nFft = 512;
        double hz = 32 * (double) sr / nFft; // 1000 Hz, exactly bin 32
        float[] x = Reference.sine(hz, 0.7, sr, sr);
        float[][] mag = Stft.of(nFft, 160).magnitude(x);
        for (int t = 5; t < mag.length - 5; t++) {
            int peak = argmax(mag[t]);
            assertEquals(32, peak, "frame " + t);
            // periodic Hann sums to N/2; a sine of amplitude A gives A/2 * sum(w) at its bin
            assertEquals(0.7 * nFft / 4, mag[t][32], 1e-3 * 0.7 * nFft / 4, "frame " + t);
            assertEquals(0.7 * nFft / 8, mag[t][31], 1e-3 * 0.7 * nFft / 4, "Hann side lobe, frame " + t);
            assertEquals(0, mag[t][40], 1e-4 * mag[t][32], "far bin, frame " + t);
        }
    }

    @Test
    void dcAndNyquistAreSeparateBins() {
        // TarsosDSP's own modulus reports sqrt(DC^2 + Nyquist^2) in bin 0; here DC and Nyquist are kept apart
        int nFft = 64;
        float[] dc = new float[256];
        float[] nyq = new float[256];
        java.util.Arrays.fill(dc, 0.5f);
        for (int i = 0; i < nyq.length; i++) {
            nyq[i] = (i % 2 == 0) ? 0.25f : -0.25f;
        }
        Stft stft = new Stft(nFft, nFft, 16, Window.RECTANGULAR, false, PadMode.REFLECT);
        float[][] a = stft.magnitude(dc);
        float[][] b = stft.magnitude(nyq);
        for (int t = 0; t < a.length; t++) {
            assertEquals(0.5 * nFft, a[t][0], 1e-4);
            assertEquals(0, a[t][nFft / 2], 1e-4);
            assertEquals(0, b[t][0], 1e-4);
            assertEquals(0.25 * nFft, b[t][nFft / 2], 1e-4);
        }
    }

    @Test
    void chirpPeakFollowsTheInstantaneousFrequency() {
        int sr = 16000;
        int n = 2 * sr;
        float[] x = Reference.chirp(200, 6000, sr, n, 3);
        Stft stft = Stft.of(512, 160);
        float[][] power = stft.power(x);
        for (int t = 4; t < power.length - 4; t++) {
            double time = t * 160.0 / sr;
            double f = 200 + (6000 - 200) * time / 2.0; // d/dt of the phase / 2 pi
            int expected = (int) Math.round(f * 512 / sr);
            assertTrue(Math.abs(argmax(power[t]) - expected) <= 1, "frame " + t + ": peak " + argmax(power[t]) + ", expected " + expected);
        }
    }

    @Test
    void silenceGivesZeros() {
        float[][] p = Stft.of(400).power(new float[4000]);
        assertEquals(21, p.length);
        for (float[] row : p) {
            for (float v : row) {
                assertEquals(0f, v);
            }
        }
    }

    @Test
    void clippedSineHasOddHarmonicsOnly() {
        int sr = 16000;
        int nFft = 1024;
        double f0 = 10 * (double) sr / nFft; // bin 10
        float[] x = Reference.sine(f0, 1.0, sr, sr);
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.max(-0.3f, Math.min(0.3f, x[i]));
        }
        Stft stft = new Stft(nFft, nFft, 256, Window.HANN, true, PadMode.REFLECT);
        float[][] p = stft.power(x);
        double[][] ref = Reference.power(Reference.stft(x, nFft, nFft, 256, "hann", true, true));
        int t = p.length / 2;
        for (int k = 0; k < p[t].length; k++) {
            assertEquals(ref[t][k], p[t][k], 1e-5 * ref[t][10]);
        }
        for (int h = 3; h <= 9; h += 2) {
            assertTrue(p[t][10 * h] > 1e-4 * p[t][10], "odd harmonic " + h + " present: " + p[t][10 * h] / p[t][10]);
        }
        for (int h = 2; h <= 8; h += 2) {
            assertTrue(p[t][10 * h] < 1e-9 * p[t][10], "even harmonic " + h + " absent: " + p[t][10 * h] / p[t][10]);
        }
    }

    @Test
    void windowsArePeriodicLikeTorch() {
        // torch.hann_window(8) and torch.hamming_window(8) (periodic=True)
        double[] hann = {0, 0.14644661, 0.5, 0.85355339, 1, 0.85355339, 0.5, 0.14644661};
        double[] hamming = {0.08, 0.21473088, 0.54, 0.86526912, 1, 0.86526912, 0.54, 0.21473088};
        assertArrayEquals(hann, Window.HANN.coefficients(8), 1e-8);
        assertArrayEquals(hamming, Window.HAMMING.coefficients(8), 1e-8);
        assertArrayEquals(new double[] {1, 1, 1}, Window.RECTANGULAR.coefficients(3));
        // a 4-sample Hann window centred in n-fft 8: two zeros on each side
        float[] padded = new Stft(8, 4, 2, Window.HANN, true, PadMode.REFLECT).paddedWindow();
        assertArrayEquals(new float[] {0, 0, 0, 0.5f, 1, 0.5f, 0, 0}, padded, 1e-7f);
    }

    @Test
    void frameCountsFollowTorch() {
        assertEquals(81, Stft.of(400).frames(16000));          // torch.stft(center=True): 1 + 16000 // 200
        assertEquals(79, new Stft(400, 400, 200, Window.HANN, false, PadMode.REFLECT).frames(16000));
        assertEquals(0, new Stft(400, 400, 200, Window.HANN, false, PadMode.REFLECT).frames(399));
        assertEquals(101, Stft.of(512, 160).frames(16000));
        assertEquals(257, Stft.of(512).bins());
    }

    @Test
    void reflectPaddingLongerThanTheSignalRepeatsLikeNumpy() {
        Stft stft = new Stft(16, 16, 4, Window.HANN, true, PadMode.REFLECT);
        // numpy.pad([1, 2, 3], 8, mode="reflect")
        float[] expected = {1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3, 2, 1, 2, 3};
        assertArrayEquals(expected, stft.pad(new float[] {1, 2, 3}));
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 0, 0, 0, 0, 0, 0, 0, 0},
                new Stft(16, 16, 4, Window.HANN, true, PadMode.CONSTANT).pad(new float[] {1, 2, 3}));
    }

    @Test
    void inverseOfTheStftGivesTheSignalBack() {
        float[] x = Reference.chirp(100, 5000, 16000, 5000, 7);
        for (Stft stft : new Stft[] {Stft.of(400), Stft.of(512, 128), new Stft(255, 200, 50, Window.HAMMING, true, PadMode.REFLECT)}) {
            float[] y = stft.inverse(stft.complex(x), x.length);
            for (int i = 0; i < x.length; i++) {
                assertEquals(x[i], y[i], 1e-5, "sample " + i + " n-fft " + stft.nFft());
            }
        }
    }

    @Test
    void oneInstanceServesSeveralThreads() throws Exception {
        for (int nFft : new int[] {512, 400, 526}) { // split-radix, mixed-radix and Bluestein plans
            Stft stft = new Stft(nFft, nFft, nFft / 4, Window.HANN, true, PadMode.REFLECT);
            float[][] signals = new float[4][];
            float[][][] expected = new float[4][][];
            for (int i = 0; i < 4; i++) {
                signals[i] = Reference.chirp(100 + 300 * i, 6000, 16000, 8000, i);
                expected[i] = stft.power(signals[i]);
            }
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
                for (int job = 0; job < 32; job++) {
                    int i = job % 4;
                    results.add(pool.submit(() -> java.util.Arrays.deepEquals(expected[i], stft.power(signals[i]))));
                }
                for (java.util.concurrent.Future<Boolean> r : results) {
                    assertTrue(r.get(), "n-fft " + nFft + ": a concurrent result differs from the sequential one");
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void rejectsBadParameters() {
        assertThrows(IllegalArgumentException.class, () -> new Stft(1, 1, 1, Window.HANN, true, PadMode.REFLECT));
        assertThrows(IllegalArgumentException.class, () -> new Stft(512, 600, 128, Window.HANN, true, PadMode.REFLECT));
        assertThrows(IllegalArgumentException.class, () -> new Stft(512, 512, 0, Window.HANN, true, PadMode.REFLECT));
    }

    static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
