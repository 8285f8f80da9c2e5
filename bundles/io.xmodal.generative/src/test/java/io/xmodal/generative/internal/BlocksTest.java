package io.xmodal.generative.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xmodal.api.Modality;
import io.xmodal.api.Params;
import io.xmodal.api.Signature;
import io.xmodal.api.model.Block;
import io.xmodal.api.model.IncompatibleInputException;
import io.xmodal.api.model.Port;
import io.xmodal.testing.TestBlockContext;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.validation.GradCheckUtil;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Every generative block: infer equals the built shape, and numerical gradients in double precision. */
class BlocksTest {
    static Stream<Arguments> blocks() {
        return Stream.of(
                Arguments.of(new MlpEncoder(), Signature.of(Modality.IMAGE, 1, 2, 3), Map.of("hidden", java.util.List.of(4), "width", 3,
                        "activation", "tanh")),
                Arguments.of(new DcganDecoder(), Signature.of(Modality.FEATURES, 5),
                        Map.of("height", 8, "width", 8, "channels", 1, "stages", 2, "filters", 4)),
                Arguments.of(new DcganDecoder(), Signature.of(Modality.FEATURES, 5),
                        Map.of("height", 8, "width", 8, "channels", 1, "stages", 2, "filters", 2, "upsampling", "nearest")),
                Arguments.of(new SpectrogramGenerator(), Signature.of(Modality.FEATURES, 4),
                        Map.of("frames", 6, "bins", 5, "channels", 1, "stages", 1, "filters", 3, "upsampling", "nearest", "batch-norm", false)),
                // a size that is no power of two: the last stage is cropped
                Arguments.of(new SpectrogramGenerator(), Signature.of(Modality.FEATURES, 4),
                        Map.of("frames", 6, "bins", 5, "channels", 1, "stages", 1, "filters", 3)),
                Arguments.of(new DcganDiscriminator(), Signature.of(Modality.IMAGE, 2, 8, 8),
                        Map.of("stages", 2, "filters", 2, "batch-norm", true)),
                Arguments.of(new PatchDiscriminator(), Signature.of(Modality.IMAGE, 1, 8, 8), Map.of("stages", 2, "filters", 2)),
                Arguments.of(new SpectrogramDiscriminator(), Signature.of(Modality.SPECTROGRAM, 1, 6, 5), Map.of("stages", 2, "filters", 2)));
    }

    @ParameterizedTest
    @MethodSource("blocks")
    void inferEqualsBuild(Block block, Signature in, Map<String, Object> with) throws Exception {
        Params p = Params.defaults(block.spec(), with);
        SameDiff sd = SameDiff.create();
        Port out = block.build(new TestBlockContext(sd, "m", DataType.FLOAT, 5), new Port(sd.placeHolder("input", DataType.FLOAT, in.withBatch(-1)), in), p);
        assertEquals(block.infer(in, p), out.signature());
        INDArray y = sd.output(Map.of("input", input(in, 3, DataType.FLOAT)), out.variable().name()).get(out.variable().name());
        assertArrayEquals(out.signature().withBatch(3), y.shape());
    }

    @ParameterizedTest
    @MethodSource("blocks")
    void gradientsMatchCentralDifferences(Block block, Signature in, Map<String, Object> with) {
        DataType before = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            SameDiff sd = SameDiff.create();
            Params p = Params.defaults(block.spec(), with);
            Port out = block.build(new TestBlockContext(sd, "m", DataType.DOUBLE, 5), new Port(sd.var("input", input(in, 3, DataType.DOUBLE)), in), p);
            sd.setLossVariables(sd.math().square(out.variable().sub(0.3)).sum("loss"));
            sd.createGradFunction();
            assertTrue(GradCheckUtil.checkGradients(sd, Map.of(), 1e-6, 1e-5, 1e-8, false, false, false, false, null, null, 12,
                    GradCheckUtil.Subset.EVERY_N), block.spec().name());
        } finally {
            Nd4j.setDefaultDataTypes(before, before);
        }
    }

    @Test
    void nearestUpsamplingRepeatsEachValueOverATwoByTwoBlock() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", Nd4j.createFromArray(1f, 2f, 3f, 4f, 5f, 6f).reshape(1, 1, 2, 3));
        INDArray up = Nets.upsample2x(new TestBlockContext(sd, "m", DataType.FLOAT, 5), x, 1, 2, 3).eval();
        assertArrayEquals(new long[] {1, 1, 4, 6}, up.shape());
        float[][] expected = {{1, 1, 2, 2, 3, 3}, {1, 1, 2, 2, 3, 3}, {4, 4, 5, 5, 6, 6}, {4, 4, 5, 5, 6, 6}};
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 6; c++) {
                assertEquals(expected[r][c], up.getFloat(0, 0, r, c), 0f, r + "," + c);
            }
        }
    }

    @Test
    void softplusIsFiniteWhereLibnd4jsOverflows() {
        SameDiff sd = SameDiff.create();
        float[] xs = {-1000f, -100f, -1f, 0f, 1f, 50f, 89f, 100f, 1000f};
        SDVariable x = sd.var("x", Nd4j.createFromArray(xs));
        SDVariable y = Nets.softplus(x);
        sd.setLossVariables(y.sum("loss"));
        INDArray value = y.eval();
        INDArray grad = sd.calculateGradients(Map.of(), "x").get("x");
        for (int i = 0; i < xs.length; i++) {
            double expected = Math.max(xs[i], 0) + Math.log1p(Math.exp(-Math.abs(xs[i])));
            assertEquals(expected, value.getDouble(i), 1e-5 * Math.max(1, Math.abs(expected)), "softplus(" + xs[i] + ")");
            if (xs[i] != 0) { // the derivative is the sigmoid (at 0 the abs kink gives 0 instead of 0.5)
                assertEquals(1 / (1 + Math.exp(-xs[i])), grad.getDouble(i), 1e-6, "softplus'(" + xs[i] + ")");
            }
        }
    }

    @Test
    void generatorsRefuseInputsThatAreNotFeatures() {
        assertThrows(IncompatibleInputException.class,
                () -> new DcganDecoder().infer(Signature.of(Modality.IMAGE, 1, 4, 4), Params.defaults(DcganDecoder.SPEC)));
        assertThrows(IncompatibleInputException.class,
                () -> new SpectrogramDiscriminator().infer(Signature.of(Modality.IMAGE, 1, 8, 8), Params.defaults(SpectrogramDiscriminator.SPEC)));
    }

    static INDArray input(Signature in, int batch, DataType type) {
        Nd4j.getRandom().setSeed(17);
        return Nd4j.rand(DataType.DOUBLE, in.withBatch(batch)).subi(0.5).muli(2).castTo(type);
    }
}
