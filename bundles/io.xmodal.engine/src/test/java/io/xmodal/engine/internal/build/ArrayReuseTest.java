package io.xmodal.engine.internal.build;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pins the ND4J 1.0.0-M2.1 array-reuse bug and the engine's workaround: with the default memory
 * manager an unrolled recurrence (affine -> split -> gates, the shape of a GRU) gives different
 * outputs for the same input from one call to the next; after {@link ArrayReuse#disable} every call
 * agrees with a graph that never reuses arrays. The engine applies it to every graph it trains or
 * reloads, so third-party blocks and reloaded models are safe too. If the first assertion starts
 * failing, ND4J fixed the bug and the workaround can go.
 */
class ArrayReuseTest {
    private static SameDiff recurrence() {
        Nd4j.getRandom().setSeed(3);
        SameDiff sd = SameDiff.create();
        SDVariable h = sd.math().tanh(sd.placeHolder("x", DataType.DOUBLE, -1, 4));
        SDVariable w = sd.var("w", Nd4j.rand(DataType.DOUBLE, 4, 12).subi(0.5));
        SDVariable b = sd.var("b", Nd4j.rand(DataType.DOUBLE, 12).subi(0.5));
        for (int t = 0; t < 4; t++) {
            SDVariable[] p = sd.split(sd.nn().linear(h, w, b), 3, 1);
            SDVariable n = sd.math().tanh(sd.nn().sigmoid(p[0]).mul(p[2]));
            h = n.add(sd.nn().sigmoid(p[1]).mul(h.sub(n)));
        }
        sd.identity("out", h);
        return sd;
    }

    private static double worstError(SameDiff sd, INDArray x, INDArray want) {
        double worst = 0;
        for (int i = 0; i < 5; i++) {
            worst = Math.max(worst, sd.output(Map.of("x", x), "out").get("out").sub(want).amaxNumber().doubleValue());
        }
        return worst;
    }

    @Test
    void defaultArrayReuseCorruptsOutputsAndTheWorkaroundStopsIt() {
        Nd4j.getRandom().setSeed(11);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 4);
        SameDiff reference = recurrence();
        reference.setEnableCache(false);
        ArrayReuse.disable(reference);
        INDArray want = reference.output(Map.of("x", x), "out").get("out").dup();

        assertTrue(worstError(recurrence(), x, want) > 1e-9, "ND4J's array reuse no longer corrupts outputs: ArrayReuse may be removed");
        SameDiff fixed = recurrence();
        ArrayReuse.disable(fixed);
        assertEquals(0.0, worstError(fixed, x, want), 1e-12);
    }
}
