package io.xmodal.audio.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResampleTest {

    @Test
    void equalRatesGiveACopy() {
        float[] x = Reference.chirp(10, 100, 1000, 500, 1);
        float[] y = Resample.resample(x, 16000, 16000);
        assertArrayEquals(x, y);
        assertNotSame(x, y);
    }

    @ParameterizedTest(name = "{2} Hz sine, {0} -> {1}")
    @CsvSource({"44100, 16000, 1000", "16000, 8000, 3000", "22050, 16000, 440", "8000, 22050, 1234.5",
            "16000, 48000, 3300", "48000, 11025, 4000", "11025, 16001, 2500"})
    void aSineKeepsItsFrequencyAndAmplitude(int from, int to, double hz) {
        float[] x = Reference.sine(hz, 0.8, from, from / 2);
        float[] y = Resample.resample(x, from, to);
        assertEquals((long) Math.ceil(x.length * (double) to / from), y.length);
        int lo = y.length / 8;
        int hi = y.length - lo;
        double amplitude = Reference.amplitudeAt(y, hz, to, lo, hi);
        assertEquals(0.8, amplitude, 0.8 * 1e-4, "amplitude (within 0.001 dB)");
        // all the energy is at that frequency: the residual after removing the fitted sine is tiny
        double rms = Reference.rms(y, lo, hi);
        assertEquals(0.8 / Math.sqrt(2), rms, 1e-4, "rms");
        // and the samples are the sine's at the new rate (phase kept: output j is at time j / to)
        float[] expected = Reference.sine(hz, 0.8, to, y.length);
        for (int i = lo; i < hi; i++) {
            assertEquals(expected[i], y[i], 2e-4, "sample " + i);
        }
    }

    @ParameterizedTest(name = "{2} Hz tone, {0} -> {1}")
    @CsvSource({"16000, 8000, 4200", "16000, 8000, 6000", "44100, 16000, 8400", "44100, 16000, 15000", "48000, 11025, 6000"})
    void aToneAboveTheNewNyquistFrequencyIsRemoved(int from, int to, double hz) {
        float[] x = Reference.sine(hz, 1.0, from, from / 2);
        float[] y = Resample.resample(x, from, to);
        int lo = y.length / 8;
        double attenuationDb = 20 * Math.log10(Reference.rms(y, lo, y.length - lo) / Math.sqrt(0.5));
        assertTrue(attenuationDb < -100, "attenuation " + attenuationDb + " dB (required: at least 40 dB)");
    }

    @Test
    void tabulatedAndPerTapKernelsAgree() {
        float[] x = Reference.chirp(100, 7000, 16000, 4000, 2);
        for (int[] rates : new int[][] {{16000, 8000}, {16000, 22050}, {16000, 16001}}) {
            float[] a = Resample.resample(x, rates[0], rates[1], 16, 0.85, 8.555, true);
            float[] b = Resample.resample(x, rates[0], rates[1], 16, 0.85, 8.555, false);
            assertEquals(a.length, b.length);
            for (int i = 0; i < a.length; i++) {
                assertEquals(b[i], a[i], 1e-5, rates[0] + " -> " + rates[1] + " sample " + i);
            }
        }
    }

    @Test
    void oddRatesWithAHugePhaseTableUseThePerTapKernel() {
        // 44100 -> 16001: 16001 phases of 375 taps would be 6M values; evaluated per tap instead
        float[] x = Reference.sine(1000, 0.5, 44100, 4410);
        float[] y = Resample.resample(x, 44100, 16001);
        assertEquals(1601, y.length);
        assertEquals(0.5, Reference.amplitudeAt(y, 1000, 16001, 200, 1400), 1e-4);
    }

    @Test
    void silenceStaysSilentAndEmptyStaysEmpty() {
        for (float v : Resample.resample(new float[1000], 16000, 22050)) {
            assertEquals(0f, v);
        }
        assertEquals(0, Resample.resample(new float[0], 44100, 16000).length);
    }

    @Test
    void audioResampledUsesTheDefaultFilter() {
        Audio a = new Audio(Reference.chirp(100, 3000, 16000, 1600, 4), 16000);
        Audio b = a.resampled(22050);
        assertEquals(22050, b.sampleRate());
        assertArrayEquals(Resample.resample(a.samples(), 16000, 22050), b.samples());
        assertEquals(a, a.resampled(16000));
        assertEquals(0.1, a.durationSeconds(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new Audio(new float[1], 0));
    }

    @Test
    void rejectsBadRates() {
        assertThrows(IllegalArgumentException.class, () -> Resample.resample(new float[4], 0, 16000));
        assertThrows(IllegalArgumentException.class, () -> Resample.resample(new float[4], 16000, -1));
        assertThrows(IllegalArgumentException.class, () -> Resample.resample(new float[4], 16000, 8000, 16, 1.5, 8));
    }

    @Test
    void besselI0MatchesKnownValues() {
        assertEquals(1.0, Resample.besselI0(0), 0);
        assertEquals(1.2660658777520082, Resample.besselI0(1), 1e-15);         // torch.special.i0(1.0) in float64
        assertEquals(2815.716628466254, Resample.besselI0(10), 1e-9);           // torch.special.i0(10.0) in float64
    }
}
