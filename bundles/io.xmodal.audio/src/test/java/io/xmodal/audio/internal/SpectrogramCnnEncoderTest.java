package io.xmodal.audio.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xmodal.api.Modality;
import io.xmodal.api.Params;
import io.xmodal.api.Signature;
import io.xmodal.api.model.IncompatibleInputException;
import io.xmodal.api.model.Port;
import io.xmodal.testing.TestBlockContext;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.validation.GradCheckUtil;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SpectrogramCnnEncoderTest {
    private final SpectrogramCnnEncoder cnn = new SpectrogramCnnEncoder();

    private Params params(Map<String, Object> overrides) {
        return Params.defaults(cnn.spec(), overrides);
    }

    @ParameterizedTest
    @CsvSource({
        "1, 101, 64, 4, 32, 2, 2, true, mean",
        "3, 50, 40,  2,  8, 2, 1, false, max",
        "2, 33, 13,  3,  4, 2, 2, true, attention",
    })
    void inferEqualsTheBuiltShape(long c, long t, long f, int blocks, int width, int pf, int pt, boolean bn, String pooling)
            throws Exception {
        Params p = params(Map.of("blocks", blocks, "width", width, "pool-freq", pf, "pool-time", pt, "batch-norm", bn,
                "time-pooling", pooling));
        Signature in = Signature.of(Modality.SPECTROGRAM, c, t, f);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("spec", DataType.FLOAT, in.withBatch(-1));
        Port out = cnn.build(new TestBlockContext(sd, "encoder", DataType.FLOAT, 7), new Port(x, in), p);
        INDArray y = sd.output(Map.of("spec", Nd4j.rand(DataType.FLOAT, in.withBatch(3))), out.variable().name())
                .get(out.variable().name());
        assertEquals(cnn.infer(in, p), out.signature());
        assertArrayEquals(out.signature().withBatch(3), y.shape());
    }

    @Test
    void widthIsChannelsTimesRemainingBinsWhateverTheLength() throws Exception {
        Params p = params(Map.of("blocks", 3, "width", 16));
        assertEquals(Signature.of(Modality.FEATURES, 64 * 8), cnn.infer(Signature.of(Modality.SPECTROGRAM, 1, 200, 64), p));
        assertEquals(Signature.of(Modality.FEATURES, 64 * 8), cnn.infer(Signature.of(Modality.SPECTROGRAM, 1, 57, 64), p));
        assertEquals(Signature.of(Modality.FEATURES, 64 * 8), cnn.infer(Signature.of(Modality.SPECTROGRAM, 1, -1, 64), p));
    }

    @Test
    void badInputsSayWhatToChange() {
        assertTrue(assertThrows(IncompatibleInputException.class,
                () -> cnn.infer(Signature.of(Modality.AUDIO, 16000), params(Map.of())))
                .getMessage().contains("add a transform such as log-mel"));
        assertTrue(assertThrows(IncompatibleInputException.class,
                () -> cnn.infer(Signature.of(Modality.SPECTROGRAM, 1, 100, 8), params(Map.of("blocks", 4))))
                .getMessage().contains("down to nothing after block 4"));
        assertTrue(assertThrows(IncompatibleInputException.class,
                () -> cnn.infer(Signature.of(Modality.SPECTROGRAM, 1, 100, 64), params(Map.of("kernel", 2))))
                .getMessage().contains("odd kernel"));
    }

    @ParameterizedTest
    @CsvSource({"true, mean, 2, 2", "false, max, 1, 2", "true, attention, 1, 2", "false, attention, 2, 1"})
    void gradientsMatchNumericalGradients(boolean bn, String pooling, int blocks, int poolTime) {
        DataType before = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            Params p = params(Map.of("blocks", blocks, "width", 2, "max-width", 2, "batch-norm", bn, "time-pooling", pooling,
                    "pool-time", poolTime));
            Signature in = Signature.of(Modality.SPECTROGRAM, 1, 4, 4);
            SameDiff sd = SameDiff.create();
            Nd4j.getRandom().setSeed(11);
            INDArray spec = Nd4j.rand(DataType.DOUBLE, in.withBatch(3)).subi(0.4);
            // the input as a variable: the gradient a block before this one receives is checked too
            SDVariable x = sd.var("spec", spec);
            Port out = cnn.build(new TestBlockContext(sd, "encoder", DataType.DOUBLE, 3), new Port(x, in), p);
            SDVariable loss = sd.math().square(out.variable().sub(0.3)).sum("loss");
            sd.setLossVariables(loss);
            sd.createGradFunction();
            assertTrue(GradCheckUtil.checkGradients(sd, Map.of(), 1e-6, 1e-5, 1e-8, false, false));
        } finally {
            Nd4j.setDefaultDataTypes(before, before);
        }
    }
}
