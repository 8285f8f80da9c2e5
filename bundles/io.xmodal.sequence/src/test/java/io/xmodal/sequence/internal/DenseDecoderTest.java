package io.xmodal.sequence.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xmodal.api.Modality;
import io.xmodal.api.Params;
import io.xmodal.api.Signature;
import io.xmodal.api.model.IncompatibleInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;

class DenseDecoderTest {
    private final DenseDecoder dense = new DenseDecoder();

    private Params params(int steps, int hidden) {
        return Params.defaults(dense.spec(), Map.of("steps", steps, "hidden", hidden));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5})
    void inferEqualsTheBuiltShape(int hidden) throws Exception {
        Signature in = Signature.of(Modality.FEATURES, 6);
        Graphs.Built b = Graphs.build(in, DataType.FLOAT, (ctx, port) -> dense.build(ctx, port, params(7, hidden)));
        assertEquals(Signature.of(Modality.SERIES, 7), dense.infer(in, params(7, hidden)));
        assertEquals(Signature.of(Modality.SERIES, 7), b.out().signature());
        assertArrayEquals(new long[] {3, 7}, b.forward(Graphs.input(in, 3, DataType.FLOAT)).shape());
    }

    @Test
    void rejectsAnythingButFeatures() {
        assertTrue(assertThrows(IncompatibleInputException.class,
                () -> dense.infer(Signature.of(Modality.SEQUENCE, 4, 4), params(7, 0)))
                .getMessage().contains("takes features [width], got sequence[4x4]"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3})
    void gradientsMatchNumericalGradients(int hidden) {
        assertTrue(Graphs.gradientsMatch(Signature.of(Modality.FEATURES, 4), 3,
                (ctx, port) -> dense.build(ctx, port, params(5, hidden))));
    }
}
