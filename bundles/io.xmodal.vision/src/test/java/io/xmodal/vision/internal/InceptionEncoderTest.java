package io.xmodal.vision.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.xmodal.api.Modality;
import io.xmodal.api.Params;
import io.xmodal.api.Signature;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;

/**
 * The inception encoder (channels-last inside) computes, with the same parameters, what its
 * channels-first definition does: NCHW convolutions, ReLU after each, pooling, branches concatenated
 * on channels; in double precision.
 */
class InceptionEncoderTest {
    private static final InceptionEncoder INCEPTION = new InceptionEncoder();

    static Stream<Arguments> configurations() {
        return Stream.of(
                Arguments.of(Signature.of(Modality.IMAGE, 1, 8, 8), VisionBlocksTest.p(INCEPTION, "widths", List.of(2, 2, 3, 1, 2, 2))),
                Arguments.of(Signature.of(Modality.IMAGE, 2, 6, 6), VisionBlocksTest.p(INCEPTION, "modules", 1, "stem", false,
                        "factorised", false, "widths", List.of(1, 2, 2, 1, 2, 1), "output", "image")),
                Arguments.of(Signature.of(Modality.IMAGE, 1, 8, 6), VisionBlocksTest.p(INCEPTION, "modules", 2, "widths",
                        List.of(1, 1, 2, 1, 1, 1), "output", "image")));
    }

    @ParameterizedTest
    @MethodSource("configurations")
    void sameAsChannelsFirstDefinition(Signature in, Params params) {
        BlockChecks.Built built = BlockChecks.build(INCEPTION, in, params, DataType.DOUBLE);
        INDArray x = BlockChecks.input(in, 3, DataType.DOUBLE);
        INDArray mine = built.forward(x);
        INDArray reference = reference(built.sd(), x, params);
        assertArrayEquals(reference.shape(), mine.shape());
        assertEquals(0, reference.sub(mine).amaxNumber().doubleValue(), 1e-12);
    }

    private static INDArray reference(SameDiff built, INDArray input, Params params) {
        SameDiff sd = SameDiff.create();
        List<Integer> widths = params.getIntList("widths");
        SDVariable x = sd.constant("x", input);
        if (params.getBool("stem")) {
            x = pool(sd, relu(conv(sd, built, "m/stem", x, 3)), 2, 2, PaddingMode.VALID);
        }
        int modules = params.getInt("modules");
        for (int m = 0; m < modules; m++) {
            String s = "m/module" + m + "/";
            SDVariable b1 = relu(conv(sd, built, s + "1x1", x, 1));
            SDVariable b3 = relu(conv(sd, built, s + "3x3", relu(conv(sd, built, s + "3x3-reduce", x, 1)), 3));
            SDVariable r5 = relu(conv(sd, built, s + "5x5-reduce", x, 1));
            SDVariable b5 = params.getBool("factorised")
                    ? relu(conv(sd, built, s + "5x5b", relu(conv(sd, built, s + "5x5a", r5, 3)), 3))
                    : relu(conv(sd, built, s + "5x5", r5, 5));
            SDVariable bp = relu(conv(sd, built, s + "pool-proj", pool(sd, x, 3, 1, PaddingMode.SAME), 1));
            x = sd.concat(1, b1, b3, b5, bp);
            if (params.getBool("pool-between") && m < modules - 1) {
                x = pool(sd, x, 2, 2, PaddingMode.VALID);
            }
            assertEquals(widths.get(0) + widths.get(2) + widths.get(4) + widths.get(5), x.eval().size(1));
        }
        SDVariable out = "image".equals(params.getString("output")) ? x : sd.mean(x, 2, 3);
        return sd.output(Map.<String, INDArray>of(), out.name()).get(out.name());
    }

    private static SDVariable conv(SameDiff sd, SameDiff built, String scope, SDVariable x, int k) {
        Conv2DConfig cfg = Conv2DConfig.builder().kH(k).kW(k).sH(1).sW(1).dH(1).dW(1)
                .paddingMode(PaddingMode.SAME).dataFormat(Conv2DConfig.NCHW).weightsFormat(WeightsFormat.YXIO).build();
        return sd.cnn().conv2d(x, sd.constant(built.getVariable(scope + "/w").getArr()),
                sd.constant(built.getVariable(scope + "/b").getArr()), cfg);
    }

    private static SDVariable relu(SDVariable x) {
        return x.getSameDiff().nn().relu(x, 0);
    }

    /** Pooled channels-first, as the block was first written (M2.1's NCHW pooling is slow but correct). */
    private static SDVariable pool(SameDiff sd, SDVariable x, int k, int s, PaddingMode mode) {
        return sd.cnn().maxPooling2d(x, Pooling2DConfig.builder().kH(k).kW(k).sH(s).sW(s).dH(1).dW(1).paddingMode(mode)
                .isNHWC(false).build());
    }
}
