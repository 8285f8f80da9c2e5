package io.xmodal.audio.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LogCompressionTest {

    @Test
    void logClampsAtTheFloorThenAddsTheOffset() {
        float[][] x = {{0f, 1e-12f, 1f, (float) Math.E}};
        float[][] y = LogCompression.log(x, 1e-10, 0);
        assertEquals(Math.log(1e-10), y[0][0], 1e-5);
        assertEquals(Math.log(1e-10), y[0][1], 1e-5);
        assertEquals(0.0, y[0][2], 1e-7);
        assertEquals(1.0, y[0][3], 1e-6);
        float[][] z = LogCompression.log(x, 0, 1e-6);
        assertEquals(Math.log(1e-6), z[0][0], 1e-5);
        assertEquals(Math.log(1 + 1e-6), z[0][2], 1e-7);
    }

    @Test
    void silenceGivesTheFloorEverywhere() {
        float[][] mel = MelFilterbank.of(64, 512, 16000).apply(Stft.of(512, 160).power(new float[8000]));
        for (float[] row : LogCompression.log(mel, 1e-10, 0)) {
            for (float v : row) {
                assertEquals((float) Math.log(1e-10), v);
            }
        }
    }

    @Test
    void logOfZeroWithoutFloorOrOffsetIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogCompression.log(new float[1][1], 0, 0));
        assertEquals(true, e.getMessage().contains("-inf"), e.getMessage());
    }

    @Test
    void amplitudeToDbLikeTorchaudio() {
        float[][] x = {{100f, 1f, 1e-3f, 0f}, {1e4f, 1e-12f, 10f, 0.5f}};
        // power (multiplier 10), amin 1e-10, ref 1, no top-db
        float[][] p = LogCompression.amplitudeToDb(x, 10, 1e-10, 1.0, null);
        assertEquals(20, p[0][0], 1e-5);
        assertEquals(0, p[0][1], 1e-6);
        assertEquals(-30, p[0][2], 1e-4);
        assertEquals(-100, p[0][3], 1e-4);
        assertEquals(40, p[1][0], 1e-5);
        assertEquals(-100, p[1][1], 1e-4);
        assertEquals(10 * Math.log10(0.5), p[1][3], 1e-5);
        // magnitude (multiplier 20), reference 10: 20 log10(x / 10)
        float[][] a = LogCompression.amplitudeToDb(x, 20, 1e-5, 10.0, null);
        assertEquals(20, a[0][0], 1e-5);
        assertEquals(20 * Math.log10(1e-5) - 20, a[0][3], 1e-4);
        // top-db 80 clamps everything below max - 80 = 40 - 80 = -40
        float[][] t = LogCompression.amplitudeToDb(x, 10, 1e-10, 1.0, 80.0);
        assertEquals(-30, t[0][2], 1e-4);
        assertEquals(-40, t[0][3], 1e-4);
        assertEquals(-40, t[1][1], 1e-4);
        assertEquals(40, t[1][0], 1e-5);
    }
}
