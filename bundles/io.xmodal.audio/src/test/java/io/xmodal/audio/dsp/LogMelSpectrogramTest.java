package io.xmodal.audio.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogMelSpectrogramTest {

    @Test
    void equalsTheStepByStepComputation() {
        Stft stft = new Stft(400, 300, 100, Window.HAMMING, true, PadMode.REFLECT);
        MelFilterbank fb = new MelFilterbank(40, 400, 16000, 50, 7000, MelFilterbank.Scale.SLANEY, MelFilterbank.Norm.SLANEY);
        LogMelSpectrogram fused = new LogMelSpectrogram(stft, fb, 2.0, 1e-10, 1e-6);
        LogMelSpectrogram magnitude = new LogMelSpectrogram(stft, fb, 1.0, 1e-10, 0);
        LogMelSpectrogram p15 = new LogMelSpectrogram(stft, fb, 1.5, 1e-10, 0);
        for (int n : new int[] {16000, 3001, 16000, 250}) { // buffers reused across lengths
            float[] x = Reference.chirp(80, 7500, 16000, n, n);
            float[][] expected = LogCompression.log(fb.apply(stft.power(x)), 1e-10, 1e-6);
            float[][] actual = fused.compute(x);
            assertClose(expected, actual, 1e-5);
            float[][] mag = stft.magnitude(x);
            assertClose(LogCompression.log(fb.apply(mag), 1e-10, 0), magnitude.compute(x), 1e-5);
            for (float[] row : mag) {
                for (int k = 0; k < row.length; k++) {
                    row[k] = (float) Math.pow(row[k], 1.5);
                }
            }
            assertClose(LogCompression.log(fb.apply(mag), 1e-10, 0), p15.compute(x), 1e-5);
        }
    }

    @Test
    void benchmarkConfigurationMatchesDirectDftAndFilterbank() {
        float[] x = LogMelThroughput.testSignal(1, 16000);
        float[][] y = LogMelThroughput.extractor().compute(x);
        double[][] power = Reference.power(Reference.stft(x, 512, 512, 160, "hann", true, true));
        double[][] w = Reference.melFilterbank(64, 512, 16000, 0, 8000, false, false);
        assertEquals(power.length, y.length);
        double worst = 0;
        for (int t = 0; t < power.length; t += 7) {
            for (int m = 0; m < 64; m++) {
                double s = 0;
                for (int k = 0; k < 257; k++) {
                    s += w[m][k] * power[t][k];
                }
                double expected = Math.log(Math.max(s, 1e-10));
                worst = Math.max(worst, Math.abs(expected - y[t][m]));
            }
        }
        assertTrue(worst < 1e-3, "max |log-mel error| " + worst);
    }

    @Test
    void rejectsMismatchedFilterbank() {
        assertThrows(IllegalArgumentException.class,
                () -> new LogMelSpectrogram(Stft.of(400), MelFilterbank.of(40, 512, 16000), 2, 1e-10, 0));
    }

    static void assertClose(float[][] expected, float[][] actual, double tol) {
        assertEquals(expected.length, actual.length, "frames");
        for (int t = 0; t < expected.length; t++) {
            assertEquals(expected[t].length, actual[t].length);
            for (int m = 0; m < expected[t].length; m++) {
                assertEquals(expected[t][m], actual[t][m], tol * Math.max(1, Math.abs(expected[t][m])), "t " + t + " m " + m);
            }
        }
    }
}
