package io.xmodal.vision.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xmodal.api.Modality;
import io.xmodal.api.Params;
import io.xmodal.api.Role;
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

class VggEncoderTest {
    private final VggEncoder vgg = new VggEncoder();

    private Params params(Map<String, Object> overrides) {
        return Params.defaults(vgg.spec(), overrides);
    }

    @Test
    void specDeclaresRoleModalitiesAndDocumentedParams() {
        assertEquals(Role.ENCODER, vgg.spec().role());
        assertEquals("vgg", vgg.spec().name());
        assertTrue(vgg.spec().admits(Signature.of(Modality.IMAGE, 1, 32, 32)));
        assertTrue(vgg.spec().params().stream().allMatch(p -> !p.doc().isEmpty()));
        assertTrue(vgg.spec().param("batch-norm").orElseThrow().doc().contains("evaluation"));
    }

    @ParameterizedTest
    @CsvSource({
        "3, 32, 32,  3, 32, 256, 2, 3, false, max, flatten",
        "1, 28, 20,  2,  8, 256, 1, 5, false, avg, flatten",
        "2, 17, 9,   3,  4,   6, 1, 3, true,  max, flatten",
        "1, 32, 32,  4,  4, 256, 2, 3, false, avg, global-avg",
    })
    void inferEqualsTheBuiltShape(long c, long h, long w, int blocks, int width, int maxWidth, int convs, int kernel,
                                  boolean bn, String pooling, String output) throws Exception {
        Params p = params(Map.of("blocks", blocks, "width", width, "max-width", maxWidth, "convs-per-block", convs,
                "kernel", kernel, "batch-norm", bn, "pooling", pooling, "output", output));
        Signature in = Signature.of(Modality.IMAGE, c, h, w);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("image", DataType.FLOAT, in.withBatch(-1));
        Port out = vgg.build(new TestBlockContext(sd, "encoder", DataType.FLOAT, 7), new Port(x, in), p);
        INDArray y = sd.output(Map.of("image", Nd4j.rand(DataType.FLOAT, in.withBatch(3))), out.variable().name())
                .get(out.variable().name());
        assertEquals(vgg.infer(in, p), out.signature());
        assertArrayEquals(out.signature().withBatch(3), y.shape());
    }

    @Test
    void inferComputesWidthsAndCap() throws Exception {
        assertEquals(Signature.of(Modality.FEATURES, 128 * 4 * 4),
                vgg.infer(Signature.of(Modality.IMAGE, 3, 32, 32), params(Map.of())));
        assertEquals(Signature.of(Modality.FEATURES, 48),
                vgg.infer(Signature.of(Modality.IMAGE, 1, 64, 64),
                        params(Map.of("blocks", 6, "width", 8, "max-width", 48, "output", "global-avg"))));
    }

    @Test
    void tooSmallImageSaysWhatToChange() {
        IncompatibleInputException e = assertThrows(IncompatibleInputException.class,
                () -> vgg.infer(Signature.of(Modality.IMAGE, 1, 32, 32), params(Map.of("blocks", 6))));
        assertEquals("vgg with 6 blocks halves 32x32 six times; use blocks <= 5 or a larger image-size", e.getMessage());
        assertTrue(assertThrows(IncompatibleInputException.class,
                () -> vgg.infer(Signature.of(Modality.IMAGE, 1, 1, 8), params(Map.of("blocks", 1))))
                .getMessage().contains("too small for any block"));
    }

    @Test
    void otherInputsAreRejectedClearly() {
        assertTrue(assertThrows(IncompatibleInputException.class,
                () -> vgg.infer(Signature.of(Modality.FEATURES, 64), params(Map.of())))
                .getMessage().contains("takes an image"));
        assertTrue(assertThrows(IncompatibleInputException.class,
                () -> vgg.infer(Signature.of(Modality.SPECTROGRAM, 1, 32, 32), params(Map.of())))
                .getMessage().contains("got spectrogram[1x32x32]"));
        assertTrue(assertThrows(IncompatibleInputException.class,
                () -> vgg.infer(Signature.of(Modality.IMAGE, 1, 32, 32), params(Map.of("kernel", 4))))
                .getMessage().contains("odd kernel"));
        assertTrue(assertThrows(IncompatibleInputException.class,
                () -> vgg.infer(Signature.of(Modality.IMAGE, 1, -1, -1), params(Map.of())))
                .getMessage().contains("global-avg"));
        assertThrows(IllegalArgumentException.class, () -> vgg.build(
                new TestBlockContext(SameDiff.create(), "e", DataType.FLOAT, 1),
                new Port(null, Signature.of(Modality.IMAGE, 1, 4, 4)), params(Map.of())));
    }

    /** Pins same padding, the YXIO weight layout, ReLU, 2x2 pooling and the C,H,W flatten order. */
    @ParameterizedTest
    @CsvSource({"max", "avg"})
    void forwardEqualsAHandWrittenConvolution(String pooling) {
        Signature in = Signature.of(Modality.IMAGE, 2, 4, 4);
        Params p = params(Map.of("blocks", 1, "width", 3, "convs-per-block", 1, "pooling", pooling));
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("image", DataType.DOUBLE, in.withBatch(-1));
        Port out = vgg.build(new TestBlockContext(sd, "encoder", DataType.DOUBLE, 3), new Port(x, in), p);
        Nd4j.getRandom().setSeed(5);
        INDArray image = Nd4j.rand(DataType.DOUBLE, in.withBatch(2)).subi(0.5);
        INDArray y = sd.output(Map.of("image", image), out.variable().name()).get(out.variable().name());
        INDArray w = sd.getVariable("encoder/block0/conv0/w").getArr();
        INDArray b = sd.getVariable("encoder/block0/conv0/b").getArr();
        for (int s = 0; s < 2; s++) {
            for (int o = 0; o < 3; o++) {
                for (int pi = 0; pi < 2; pi++) {
                    for (int pj = 0; pj < 2; pj++) {
                        double max = Double.NEGATIVE_INFINITY;
                        double sum = 0;
                        for (int i = 2 * pi; i < 2 * pi + 2; i++) {
                            for (int j = 2 * pj; j < 2 * pj + 2; j++) {
                                double v = b.getDouble(o);
                                for (int c = 0; c < 2; c++) {
                                    for (int di = 0; di < 3; di++) {
                                        for (int dj = 0; dj < 3; dj++) {
                                            int ii = i + di - 1;
                                            int jj = j + dj - 1;
                                            if (ii >= 0 && ii < 4 && jj >= 0 && jj < 4) {
                                                v += w.getDouble(di, dj, c, o) * image.getDouble(s, c, ii, jj);
                                            }
                                        }
                                    }
                                }
                                v = Math.max(v, 0);
                                max = Math.max(max, v);
                                sum += v;
                            }
                        }
                        double expected = "max".equals(pooling) ? max : sum / 4;
                        assertEquals(expected, y.getDouble(s, o * 4 + pi * 2 + pj), 1e-12);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource({
        "false, max, flatten,    2, 1",
        "true,  max, flatten,    1, 2",
        "false, avg, global-avg, 2, 1",
        "true,  avg, flatten,    1, 1",
    })
    void gradientsMatchNumericalGradients(boolean bn, String pooling, String output, int blocks, int convs) {
        DataType before = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            Params p = params(Map.of("blocks", blocks, "width", 2, "convs-per-block", convs, "batch-norm", bn,
                    "pooling", pooling, "output", output));
            Signature in = Signature.of(Modality.IMAGE, 2, 4, 4);
            SameDiff sd = SameDiff.create();
            Nd4j.getRandom().setSeed(11);
            INDArray image = Nd4j.rand(DataType.DOUBLE, in.withBatch(3)).subi(0.3);
            // the image as a variable: its gradient (what a block before this one receives) is checked too
            SDVariable x = sd.var("image", image);
            Port out = vgg.build(new TestBlockContext(sd, "encoder", DataType.DOUBLE, 3), new Port(x, in), p);
            // A scalar target adds no constant array, which the check would try to perturb element by element.
            SDVariable loss = sd.math().square(out.variable().sub(0.5)).sum("loss");
            sd.setLossVariables(loss);
            sd.createGradFunction();
            assertTrue(GradCheckUtil.checkGradients(sd, Map.of(), 1e-6, 1e-5, 1e-8, false, false));
        } finally {
            Nd4j.setDefaultDataTypes(before, before);
        }
    }
}
