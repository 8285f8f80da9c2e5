package io.xmodal.audio.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DeltasTest {

    @Test
    void rampHasItsSlopeAwayFromTheEdges() {
        int frames = 20;
        float[][] x = new float[frames][3];
        for (int t = 0; t < frames; t++) {
            x[t][0] = 2 * t + 1;
            x[t][1] = -0.5f * t;
            x[t][2] = 7;
        }
        for (int win : new int[] {3, 5, 9}) {
            int n = (win - 1) / 2;
            float[][] d = Deltas.deltas(x, win);
            for (int t = n; t < frames - n; t++) {
                assertEquals(2.0, d[t][0], 1e-5, "win " + win + " t " + t);
                assertEquals(-0.5, d[t][1], 1e-5);
                assertEquals(0.0, d[t][2], 1e-6);
            }
        }
    }

    @Test
    void edgesRepeatTheEndFramesLikeTorchaudio() {
        // torchaudio.functional.compute_deltas(torch.arange(10.) ** 2, win_length=5) and win_length=3
        float[][] x = new float[10][1];
        for (int t = 0; t < 10; t++) {
            x[t][0] = t * t;
        }
        double[] win5 = {0.9, 2.2, 4, 6, 8, 10, 12, 14, 12.2, 8.1};
        double[] win3 = {0.5, 2, 4, 6, 8, 10, 12, 14, 16, 8.5};
        float[][] d5 = Deltas.deltas(x, 5);
        float[][] d3 = Deltas.deltas(x, 3);
        for (int t = 0; t < 10; t++) {
            assertEquals(win5[t], d5[t][0], 1e-5, "win 5, t " + t);
            assertEquals(win3[t], d3[t][0], 1e-5, "win 3, t " + t);
        }
        // and from the formula, frame 0 of win 5: (1 (x1 - x0) + 2 (x2 - x0)) / 10
        assertEquals((1 * (1 - 0) + 2 * (4 - 0)) / 10.0, d5[0][0], 1e-6);
    }

    @Test
    void rejectsWindowsBelowThree() {
        assertThrows(IllegalArgumentException.class, () -> Deltas.deltas(new float[4][2], 2));
    }
}
