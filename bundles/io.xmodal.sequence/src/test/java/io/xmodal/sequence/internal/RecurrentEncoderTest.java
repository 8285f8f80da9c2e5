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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The gru and lstm encoders: sequence [T, W] -> features [hidden], against plain-Java recurrences. */
class RecurrentEncoderTest {
    private static RecurrentEncoder encoder(String name) {
        return "lstm".equals(name) ? new LstmEncoder() : new GruEncoder();
    }

    private static Params params(RecurrentEncoder e, int layers, int hidden) {
        return Params.defaults(e.spec(), Map.of("layers", layers, "hidden", hidden));
    }

    @ParameterizedTest
    @CsvSource({"gru", "lstm"})
    void specAndRefusals(String name) {
        RecurrentEncoder e = encoder(name);
        assertEquals(Role.ENCODER, e.spec().role());
        assertEquals(name, e.spec().name());
        assertTrue(e.spec().params().stream().allMatch(p -> !p.doc().isEmpty()));
        assertTrue(assertThrows(IncompatibleInputException.class,
                () -> e.infer(Signature.of(Modality.FRAMES, 3, 1, 4, 4), params(e, 1, 4))).getMessage()
                .contains("put time-distributed before it"));
    }

    @ParameterizedTest
    @CsvSource({"gru, 1", "gru, 2", "lstm, 1", "lstm, 2"})
    void forwardEqualsThePlainJavaRecurrence(String name, int layers) throws Exception {
        RecurrentEncoder e = encoder(name);
        Signature in = Signature.of(Modality.SEQUENCE, 5, 3);
        Params p = params(e, layers, 4);
        Graphs.Built b = Graphs.build(in, DataType.DOUBLE, (ctx, port) -> e.build(ctx, port, p));
        assertEquals(Signature.of(Modality.FEATURES, 4), e.infer(in, p));
        assertEquals(e.infer(in, p), b.out().signature());
        INDArray x = Graphs.input(in, 3, DataType.DOUBLE);
        INDArray y = b.forward(x);
        assertArrayEquals(new long[] {3, 4}, y.shape());
        double[][][] seq = new double[3][5][3];
        for (int s = 0; s < 3; s++) {
            for (int t = 0; t < 5; t++) {
                for (int j = 0; j < 3; j++) {
                    seq[s][t][j] = x.getDouble(s, t, j);
                }
            }
        }
        double[][] expected = new ReferenceRecurrence("lstm".equals(name), 4, b::param).encode(seq, layers);
        for (int s = 0; s < 3; s++) {
            assertArrayEquals(expected[s], y.getRow(s).toDoubleVector(), 1e-10);
        }
    }

    @ParameterizedTest
    @CsvSource({"gru, 1", "gru, 2", "lstm, 1", "lstm, 2"})
    void gradientsMatchNumericalGradients(String name, int layers) {
        RecurrentEncoder e = encoder(name);
        Params p = params(e, layers, 3);
        assertTrue(Graphs.gradientsMatchInputVariable(Signature.of(Modality.SEQUENCE, 4, 2), 2, (ctx, port) -> e.build(ctx, port, p)));
    }
}
