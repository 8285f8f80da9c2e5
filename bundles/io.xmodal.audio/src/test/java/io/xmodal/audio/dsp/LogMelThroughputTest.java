package io.xmodal.audio.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogMelThroughputTest {

    @Test
    void measuresARealTimeFactor() {
        double rtf = LogMelThroughput.realTimeFactor(2, 3, 5);
        // the target is 1000x on a free core (docs/results.md); a test on a shared machine only checks
        // that nothing is pathologically slow (about 800x was measured here with 5 builds running on 2 cores)
        assertTrue(rtf > 50 && Double.isFinite(rtf), "real-time factor " + rtf);
    }

    @Test
    void testSignalIsTheDocumentedFormula() {
        float[] x = LogMelThroughput.testSignal(1, 16000);
        assertEquals(16000, x.length);
        // sample 1 by hand: LCG from 42, t = 1/16000, chirp from 100 Hz to 8 kHz over 1 s
        long s = (1103515245L * 42 + 12345) & 0x7FFFFFFFL;
        double t = 1 / 16000.0;
        double expected0 = 0.05 * (s / 2147483648.0 - 0.5);
        assertEquals((float) expected0, x[0]);
        s = (1103515245L * s + 12345) & 0x7FFFFFFFL;
        double expected1 = 0.5 * Math.sin(2 * Math.PI * 440 * t) + 0.25 * Math.sin(2 * Math.PI * 1234.5 * t)
                + 0.1 * Math.sin(2 * Math.PI * (100 * t + 7900 * t * t / 2)) + 0.05 * (s / 2147483648.0 - 0.5);
        assertEquals((float) expected1, x[1]);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> LogMelThroughput.realTimeFactor(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> LogMelThroughput.realTimeFactor(1, 1, 0));
    }
}
