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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class ClassificationHeadTest {
    private final ClassificationHead head = new ClassificationHead();

    private Params params(int classes, int hidden) {
        return Params.defaults(head.spec(), Map.of("classes", classes, "hidden", hidden));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5})
    void givesProbabilitiesOfTheInferredShape(int hidden) throws Exception {
        Signature in = Signature.of(Modality.SEQUENCE, 3, 4);
        Graphs.Built b = Graphs.build(in, DataType.FLOAT, (ctx, port) -> head.build(ctx, port, params(3, hidden)));
        assertEquals(Signature.of(Modality.LABEL, 3), head.infer(in, params(3, hidden)));
        INDArray p = b.forward(Graphs.input(in, 4, DataType.FLOAT));
        assertArrayEquals(new long[] {4, 3}, p.shape());
        for (int i = 0; i < 4; i++) {
            assertEquals(1.0, p.getRow(i).sumNumber().doubleValue(), 1e-5, "row " + i + " must sum to 1");
        }
    }

    @Test
    void refusesAVariableSizeInput() {
        assertTrue(assertThrows(IncompatibleInputException.class,
                () -> head.infer(Signature.of(Modality.SEQUENCE, -1, 4), params(2, 0))).getMessage().contains("fixed-size"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3})
    void gradientsMatchNumericalGradients(int hidden) {
        assertTrue(Graphs.gradientsMatch(Signature.of(Modality.FEATURES, 4), 3, (ctx, port) -> head.build(ctx, port, params(3, hidden))));
    }
}
