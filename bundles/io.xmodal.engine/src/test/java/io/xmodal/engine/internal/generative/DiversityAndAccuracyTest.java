package io.xmodal.engine.internal.generative;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The mode-collapse indicator and the accuracy bookkeeping on hand-worked examples. */
class DiversityAndAccuracyTest {
    @Test
    void diversityPerClassAndOverall() {
        // class 0: real points 5 apart, generated identical (collapsed); class 1: real distances 1, 3, 2 (mean 2), generated the same
        float[][] real = {{0, 0}, {1, 1}, {3, 4}, {1, 2}, {1, 4}, {9, 9}};
        float[][] gen = {{7, 7}, {1, 1}, {7, 7}, {1, 2}, {1, 4}, {0, 0}};
        int[] labels = {0, 1, 0, 1, 1, 2};
        Diversity.Result r = Diversity.of(gen, real, labels, 3);
        assertEquals(2, r.classes().size(), "class 2 has one sample: no pairs");
        Diversity.PerClass c0 = r.classes().get(0);
        assertEquals(0, c0.label());
        assertEquals(5.0, c0.real(), 1e-9);
        assertEquals(0.0, c0.generated(), 1e-9);
        assertEquals(0.0, c0.ratio(), 1e-9);
        Diversity.PerClass c1 = r.classes().get(1);
        assertEquals(2.0, c1.real(), 1e-9);
        assertEquals(1.0, c1.ratio(), 1e-9);
        assertEquals(3.5, r.real(), 1e-9);
        assertEquals(1.0, r.generated(), 1e-9);
        assertEquals(1.0 / 3.5, r.ratio(), 1e-9);
        assertEquals(0, r.worst().label());
    }

    @Test
    void aClassWhoseRealSamplesAreIdenticalHasNoRatio() {
        float[][] same = {{1, 1}, {1, 1}};
        Diversity.Result r = Diversity.of(new float[][] {{0, 0}, {3, 4}}, same, new int[] {0, 0}, 1);
        assertTrue(Double.isNaN(r.classes().get(0).ratio()));
        assertEquals(null, r.worst());
    }

    @Test
    void accuracyArgmaxAndMajorityChance() {
        float[][] p = {{0.1f, 0.7f, 0.2f}, {0.5f, 0.5f, 0f}, {0.2f, 0.3f, 0.5f}, {0.9f, 0.05f, 0.05f}};
        assertArrayEquals(new int[] {1, 0, 2, 0}, Accuracy.argmax(p), "ties go to the first class");
        assertEquals(0.75, Accuracy.of(p, new int[] {1, 0, 2, 2}), 1e-12);
        assertEquals(0.0, Accuracy.of(p, new int[] {0, 1, 1, 1}), 1e-12);
        // the training split's majority class is 2; a third of the test labels are 2
        assertEquals(2, Accuracy.majority(new int[] {2, 2, 0, 1, 2}, 3));
        assertEquals(1.0 / 3, Accuracy.chance(new int[] {2, 2, 0, 1, 2}, new int[] {0, 2, 1}, 3), 1e-12);
        assertEquals(0, Accuracy.majority(new int[] {1, 0}, 3), "ties go to the lowest class");
    }
}
