package io.xmodal.sequence.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xmodal.api.Modality;
import io.xmodal.api.Params;
import io.xmodal.api.Signature;
import io.xmodal.api.model.IncompatibleInputException;
import io.xmodal.api.model.Init;
import io.xmodal.api.model.Port;
import io.xmodal.api.model.TargetScaling;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class RegressionHeadTest {
    private final RegressionHead head = new RegressionHead();

    private Params params(String activation) {
        return Params.defaults(head.spec(), Map.of("activation", activation));
    }

    @Test
    void targetScalingFollowsTheActivation() {
        assertEquals(TargetScaling.range(0, 1), head.targetScaling(params("sigmoid")));
        assertEquals(TargetScaling.range(-1, 1), head.targetScaling(params("tanh")));
        assertEquals(TargetScaling.standard(), head.targetScaling(params("linear")));
    }

    @Test
    void inferMapsSequencesAndSeriesToSeries() throws Exception {
        assertEquals(Signature.of(Modality.SERIES, 64), head.infer(Signature.of(Modality.SEQUENCE, 64, 32), params("tanh")));
        assertEquals(Signature.of(Modality.SERIES, 64), head.infer(Signature.of(Modality.SERIES, 64), params("tanh")));
        assertTrue(assertThrows(IncompatibleInputException.class,
                () -> head.infer(Signature.of(Modality.FEATURES, 64), params("tanh")))
                .getMessage().contains("takes a sequence [steps, width], a series [steps], an image [channels, height, width] "
                        + "or frames [time, channels, height, width], got features[64]"));
    }

    @Test
    void imagesAndFramesGetTheActivationOnlyAndKeepTheirShape() {
        for (Signature in : new Signature[] {Signature.of(Modality.IMAGE, 2, 3, 3), Signature.of(Modality.FRAMES, 2, 1, 3, 3)}) {
            Graphs.Built b = Graphs.build(in, DataType.DOUBLE, (ctx, port) -> head.build(ctx, port, params("sigmoid")));
            INDArray x = Graphs.input(in, 2, DataType.DOUBLE);
            assertEquals(in, b.out().signature());
            assertEquals(org.nd4j.linalg.ops.transforms.Transforms.sigmoid(x, true), b.forward(x));
            assertTrue(b.sd().variables().stream().noneMatch(v -> v.getVariableType()
                    == org.nd4j.autodiff.samediff.VariableType.VARIABLE));
        }
    }

    @Test
    void sequenceGetsOneSharedAffineMapPerStep() {
        Signature in = Signature.of(Modality.SEQUENCE, 5, 3);
        Graphs.Built b = Graphs.build(in, DataType.DOUBLE, (ctx, port) -> head.build(ctx, port, params("linear")));
        INDArray x = Graphs.input(in, 2, DataType.DOUBLE);
        INDArray y = b.forward(x);
        assertArrayEquals(new long[] {2, 5}, y.shape());
        double[] w = b.param("m/w")[0];
        double bias = b.param("m/b")[0][0];
        for (int s = 0; s < 2; s++) {
            for (int t = 0; t < 5; t++) {
                double e = bias;
                for (int k = 0; k < 3; k++) {
                    e += w[k] * x.getDouble(s, t, k);
                }
                assertEquals(e, y.getDouble(s, t), 1e-12);
            }
        }
    }

    @Test
    void seriesGetsTheActivationOnly() {
        Signature in = Signature.of(Modality.SERIES, 4);
        Graphs.Built b = Graphs.build(in, DataType.DOUBLE, (ctx, port) -> head.build(ctx, port, params("tanh")));
        INDArray x = Graphs.input(in, 2, DataType.DOUBLE);
        assertEquals(Signature.of(Modality.SERIES, 4), b.out().signature());
        assertEquals(org.nd4j.linalg.ops.transforms.Transforms.tanh(x, true), b.forward(x));
        assertTrue(b.sd().variables().stream().noneMatch(v -> v.getVariableType()
                == org.nd4j.autodiff.samediff.VariableType.VARIABLE));
    }

    @ParameterizedTest
    @CsvSource({"sequence, sigmoid", "sequence, linear", "series, tanh"})
    void gradientsMatchNumericalGradients(String input, String activation) {
        Signature in = "sequence".equals(input) ? Signature.of(Modality.SEQUENCE, 4, 3) : Signature.of(Modality.SERIES, 4);
        // A series has no parameters in the head: a trainable scale in front gives the check something to vary.
        assertTrue(Graphs.gradientsMatch(in, 3, (ctx, port) -> head.build(ctx, "sequence".equals(input) ? port
                : new Port(port.variable().mul(ctx.param("scale", Init.UNIFORM_FAN_IN, 1, 1, 4)), in), params(activation))));
    }

    /** The chain of the reference experiment: gru decoder -> regression head, checked end to end. */
    @Test
    void gruIntoSigmoidHeadGradientsMatch() {
        GruDecoder gru = new GruDecoder();
        Params g = Params.defaults(gru.spec(), Map.of("hidden", 2, "steps", 3));
        assertTrue(Graphs.gradientsMatch(Signature.of(Modality.FEATURES, 3), 2,
                (ctx, port) -> head.build(ctx.child("head"), gru.build(ctx.child("decoder"), port, g), params("sigmoid"))));
    }
}
