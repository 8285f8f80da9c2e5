package io.xmodal.sequence.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xmodal.api.Modality;
import io.xmodal.api.Params;
import io.xmodal.api.Role;
import io.xmodal.api.Signature;
import io.xmodal.api.model.IncompatibleInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The tests every recurrent decoder passes; subclasses name the decoder. */
abstract class RecurrentDecoderContract {
    abstract RecurrentDecoder decoder();

    abstract boolean lstm();

    Params params(String mode, int layers, int steps, int hybrid, int hidden) {
        return Params.defaults(decoder().spec(), Map.of("mode", mode, "layers", layers, "steps", steps,
                "hybrid-steps", hybrid, "hidden", hidden));
    }

    @Test
    void specIsADocumentedDecoderOfFeatures() {
        assertEquals(Role.DECODER, decoder().spec().role());
        assertTrue(decoder().spec().admits(Signature.of(Modality.FEATURES, 8)));
        assertTrue(decoder().spec().params().stream().allMatch(p -> !p.doc().isEmpty()));
        assertEquals(64, decoder().spec().param("steps").orElseThrow().defaultValue());
    }

    @Test
    void inferRejectsWhatItCannotDecode() {
        Params p = params("state", 1, 64, 0, 64);
        assertTrue(assertThrows(IncompatibleInputException.class,
                () -> decoder().infer(Signature.of(Modality.IMAGE, 1, 8, 8), p)).getMessage()
                .contains("takes features [width], got image[1x8x8]"));
        assertTrue(assertThrows(IncompatibleInputException.class,
                () -> decoder().infer(Signature.of(Modality.FEATURES, 8), params("state", 1, 64, 100, 64)))
                .getMessage().contains("hybrid-steps (100) must not exceed steps (64)"));
    }

    @ParameterizedTest
    @CsvSource({"state, 1, 0", "input, 2, 0", "both, 3, 5", "state, 2, 1"})
    void inferEqualsTheBuiltShape(String mode, int layers, int hybrid) throws Exception {
        Signature in = Signature.of(Modality.FEATURES, 6);
        Params p = params(mode, layers, 9, hybrid, 4);
        Graphs.Built b = Graphs.build(in, DataType.FLOAT, (ctx, port) -> decoder().build(ctx, port, p));
        assertEquals(Signature.of(Modality.SEQUENCE, 9, 4), decoder().infer(in, p));
        assertEquals(decoder().infer(in, p), b.out().signature());
        assertArrayEquals(new long[] {3, 9, 4}, b.forward(Graphs.input(in, 3, DataType.FLOAT)).shape());
    }

    /** Pins the equations: the graph equals a scalar re-implementation of PyTorch's cell. */
    @ParameterizedTest
    @CsvSource({"state, 1, 5, 0", "input, 2, 4, 0", "both, 2, 7, 3", "state, 2, 3, 0"})
    void forwardEqualsThePyTorchEquations(String mode, int layers, int steps, int hybrid) {
        Signature in = Signature.of(Modality.FEATURES, 3);
        Params p = params(mode, layers, steps, hybrid, 4);
        Graphs.Built b = Graphs.build(in, DataType.DOUBLE, (ctx, port) -> decoder().build(ctx, port, p));
        INDArray features = Graphs.input(in, 2, DataType.DOUBLE);
        INDArray y = b.forward(features);
        double[][][] expected = new ReferenceRecurrence(lstm(), 4, b::param)
                .decode(features.toDoubleMatrix(), mode, layers, steps, hybrid);
        for (int s = 0; s < expected.length; s++) {
            for (int t = 0; t < steps; t++) {
                assertArrayEquals(expected[s][t], y.slice(s).getRow(t).toDoubleVector(), 1e-12,
                        "sample " + s + " step " + t);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"state, 1, 4, 0", "input, 1, 3, 0", "both, 2, 2, 0", "state, 1, 5, 3", "input, 1, 4, 2"})
    void gradientsMatchNumericalGradients(String mode, int layers, int steps, int hybrid) {
        Params p = params(mode, layers, steps, hybrid, 3);
        assertTrue(Graphs.gradientsMatch(Signature.of(Modality.FEATURES, 3), 2,
                (ctx, port) -> decoder().build(ctx, port, p)));
    }
}
