package io.xmodal.audio.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xmodal.audio.dsp.MelFilterbank.Norm;
import io.xmodal.audio.dsp.MelFilterbank.Scale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MelFilterbankTest {

    @Test
    void melScalesAtKnownPoints() {
        // librosa.hz_to_mel(1000, htk=True) = 999.98553, librosa.hz_to_mel(1000) = 15.0 (Slaney)
        assertEquals(999.98553, MelFilterbank.hzToMel(1000, Scale.HTK), 1e-4);
        assertEquals(15.0, MelFilterbank.hzToMel(1000, Scale.SLANEY), 1e-12);
        assertEquals(7.5, MelFilterbank.hzToMel(500, Scale.SLANEY), 1e-12);               // linear part: 3 f / 200
        assertEquals(15 + 27 * Math.log(2) / Math.log(6.4), MelFilterbank.hzToMel(2000, Scale.SLANEY), 1e-12); // 25.0819
        assertEquals(25.081880157308323, MelFilterbank.hzToMel(2000, Scale.SLANEY), 1e-9);
        assertEquals(2595 * Math.log10(1 + 8000 / 700.0), MelFilterbank.hzToMel(8000, Scale.HTK), 1e-9); // 2840.02
        for (double hz : new double[] {0, 20, 700, 999.9, 1000, 1000.1, 4000, 22050}) {
            for (Scale s : Scale.values()) {
                assertEquals(hz, MelFilterbank.melToHz(MelFilterbank.hzToMel(hz, s), s), 1e-9 * (1 + hz), s + " at " + hz);
            }
        }
    }

    @ParameterizedTest(name = "{0} mels, n-fft {1}, {2} Hz, {3}..{4} Hz, slaney scale {5}, slaney norm {6}")
    @CsvSource({
            "40, 400, 16000, 0, 8000, false, false",
            "64, 512, 16000, 0, 8000, false, false",
            "64, 512, 16000, 0, 8000, true, true",
            "80, 1024, 22050, 20, 8000, true, false",
            "128, 2048, 44100, 0, 22050, false, true",
            "23, 300, 11025, 100, 5000, true, true"})
    void weightsEqualHandBuiltTriangles(int nMels, int nFft, int sr, double fMin, double fMax, boolean slaneyScale, boolean slaneyNorm) {
        MelFilterbank fb = new MelFilterbank(nMels, nFft, sr, fMin, fMax, slaneyScale ? Scale.SLANEY : Scale.HTK,
                slaneyNorm ? Norm.SLANEY : Norm.NONE);
        double[][] expected = Reference.melFilterbank(nMels, nFft, sr, fMin, fMax, slaneyScale, slaneyNorm);
        float[][] w = fb.weights();
        assertEquals(nMels, w.length);
        for (int m = 0; m < nMels; m++) {
            assertEquals(nFft / 2 + 1, w[m].length);
            double peak = java.util.Arrays.stream(expected[m]).max().orElse(0);
            for (int k = 0; k < w[m].length; k++) {
                assertEquals(expected[m][k], w[m][k], 1e-6 * Math.max(peak, 1e-3), "m=" + m + " k=" + k);
            }
        }
    }

    @Test
    void matchesTorchaudioMelscaleFbanks() {
        // torchaudio 0.13.1: F.melscale_fbanks(201, 0., 8000., 40, 16000, None, "htk")
        float[][] w = new MelFilterbank(40, 400, 16000, 0, 8000, Scale.HTK, Norm.NONE).weights();
        assertEquals(0.466696172952652, w[5][7], 1e-6);
        assertEquals(0.8781054019927979, w[5][8], 1e-6);
        assertEquals(0.2546990215778351, w[5][9], 1e-6);
        assertEquals(1.146432638168335, sum(w[0]), 1e-5);
        assertEquals(2.1253159046173096, sum(w[10]), 1e-5);
        assertEquals(12.582111358642578, sum(w[39]), 1e-4);
        // F.melscale_fbanks(257, 0., 8000., 64, 16000, "slaney", "slaney"), column 30
        float[][] s = new MelFilterbank(64, 512, 16000, 0, 8000, Scale.SLANEY, Norm.SLANEY).weights();
        double[] expected = {0.00027819053502753377, 0.0059312134981155396, 0.011584236286580563, 0.009523135609924793, 0.004134294576942921};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], s[30][48 + i], 1e-7, "bin " + (48 + i));
        }
        assertEquals(0.0, s[30][47]);
        assertEquals(0.0, s[30][53]);
    }

    @Test
    void slaneyNormGivesEachTriangleUnitAreaInHz() {
        int sr = 16000;
        int nFft = 8192; // fine bins: the sum approximates the integral
        MelFilterbank fb = new MelFilterbank(40, nFft, sr, 0, 8000, Scale.SLANEY, Norm.SLANEY);
        double binHz = (sr / 2.0) / (nFft / 2);
        float[][] w = fb.weights();
        for (int m = 0; m < 40; m++) {
            double area = sum(w[m]) * binHz;
            assertEquals(1.0, area, 0.01, "filter " + m);
        }
        // unnormalised: peak 1 and area half the base width
        MelFilterbank plain = new MelFilterbank(40, nFft, sr, 0, 8000, Scale.SLANEY, Norm.NONE);
        double[] edges = plain.edgesHz();
        float[][] p = plain.weights();
        for (int m = 0; m < 40; m++) {
            assertEquals((edges[m + 2] - edges[m]) / 2, sum(p[m]) * binHz, 0.01 * (edges[m + 2] - edges[m]), "filter " + m);
        }
    }

    @Test
    void applyIsTheMatrixProductAndSeesASineInItsBand() {
        int sr = 16000;
        Stft stft = Stft.of(512, 160);
        MelFilterbank fb = MelFilterbank.of(64, 512, sr);
        float[] x = Reference.sine(1000, 0.5, sr, sr / 2);
        float[][] p = stft.power(x);
        float[][] mel = fb.apply(p);
        float[][] w = fb.weights();
        for (int t = 0; t < p.length; t++) {
            for (int m = 0; m < 64; m++) {
                double s = 0;
                for (int k = 0; k < p[t].length; k++) {
                    s += w[m][k] * (double) p[t][k];
                }
                assertEquals(s, mel[t][m], 1e-5 * Math.max(1, Math.abs(s)));
            }
        }
        int t = p.length / 2;
        int peak = StftTest.argmax(mel[t]);
        double[] edges = fb.edgesHz();
        assertTrue(edges[peak] < 1000 && 1000 < edges[peak + 2], "band " + peak + " spans " + edges[peak] + ".." + edges[peak + 2]);
    }

    @Test
    void reportsFiltersTooNarrowForTheBins() {
        assertEquals(0, MelFilterbank.of(40, 512, 16000).emptyFilters().length);
        int[] empty = MelFilterbank.of(128, 128, 16000).emptyFilters();
        double[][] ref = Reference.melFilterbank(128, 128, 16000, 0, 8000, false, false);
        int[] expected = java.util.stream.IntStream.range(0, 128)
                .filter(m -> java.util.Arrays.stream(ref[m]).allMatch(v -> v == 0)).toArray();
        assertTrue(expected.length > 0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, empty);
    }

    @Test
    void rejectsBadParameters() {
        assertThrows(IllegalArgumentException.class, () -> new MelFilterbank(0, 512, 16000, 0, 8000, Scale.HTK, Norm.NONE));
        assertThrows(IllegalArgumentException.class, () -> new MelFilterbank(64, 512, 16000, 4000, 3000, Scale.HTK, Norm.NONE));
        assertThrows(IllegalArgumentException.class, () -> new MelFilterbank(64, 512, 16000, -1, 3000, Scale.HTK, Norm.NONE));
        MelFilterbank fb = MelFilterbank.of(64, 512, 16000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fb.apply(new float[2][201]));
        assertTrue(e.getMessage().contains("257"), e.getMessage());
    }

    static double sum(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s;
    }
}
