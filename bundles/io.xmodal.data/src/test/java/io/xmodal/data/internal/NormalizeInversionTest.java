package io.xmodal.data.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.xmodal.api.Modality;
import io.xmodal.api.Params;
import io.xmodal.api.Signature;
import io.xmodal.api.data.Transform;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** normalize per dataset inverts exactly (generated spectrograms go back through it); per utterance it cannot. */
class NormalizeInversionTest {
    static final Signature SPEC = Signature.of(Modality.SPECTROGRAM, 1, 5, 3);

    @Test
    void perDatasetInvertsToTheInput() throws Exception {
        NormalizeTransform t = new NormalizeTransform();
        Random r = new Random(1);
        float[][] train = new float[20][15];
        for (float[] x : train) {
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (3 + (i % 3) * 2 + r.nextGaussian() * (1 + i % 3));
            }
        }
        for (String over : List.of("all", "last-axis")) {
            Transform.Op op = t.open(SPEC, Params.defaults(t.spec(), Map.of("per", "dataset", "over", over)));
            Transform.Invertible inv = assertInstanceOf(Transform.Invertible.class, op);
            op.fit(List.of(train));
            assertEquals(SPEC, inv.input());
            float[] y = op.apply(train[3]);
            assertArrayEquals(train[3], inv.invert(y), 1e-5f, over);
        }
    }

    @Test
    void perUtteranceIsNotInvertible() throws Exception {
        NormalizeTransform t = new NormalizeTransform();
        assertFalse(t.open(SPEC, Params.defaults(t.spec(), Map.of("per", "utterance"))) instanceof Transform.Invertible);
    }
}
