package io.xmodal.vision.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.xmodal.api.Modality;
import io.xmodal.api.Params;
import io.xmodal.api.Signature;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv3DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling3DConfig;

/**
 * The conv3d encoder (conv2d over time-shifted copies, 2-D pooling, a max over frame pairs) computes
 * the same function of the same parameters as libnd4j's own conv3dnew + maxpool3dnew + ReLU, in
 * double precision.
 */
class Conv3dEncoderTest {
    private static final Conv3dEncoder CONV3D = new Conv3dEncoder();

    static Stream<Arguments> configurations() {
        return Stream.of(
                Arguments.of(Signature.of(Modality.FRAMES, 4, 1, 8, 8), VisionBlocksTest.p(CONV3D, "blocks", 2, "width", 3)),
                Arguments.of(Signature.of(Modality.FRAMES, 5, 2, 8, 6), VisionBlocksTest.p(CONV3D, "blocks", 2, "width", 2,
                        "time-pool", true, "output", "frames")),
                Arguments.of(Signature.of(Modality.FRAMES, 3, 2, 4, 4), VisionBlocksTest.p(CONV3D, "blocks", 1, "width", 2,
                        "time-kernel", 5, "kernel", 1, "output", "frames")),
                Arguments.of(Signature.of(Modality.FRAMES, 2, 1, 4, 4), VisionBlocksTest.p(CONV3D, "blocks", 1, "width", 2,
                        "time-kernel", 1, "time-pool", true, "output", "frames")));
    }

    @ParameterizedTest
    @MethodSource("configurations")
    void sameAsLibnd4jConv3d(Signature in, Params params) {
        BlockChecks.Built built = BlockChecks.build(CONV3D, in, params, DataType.DOUBLE);
        INDArray x = BlockChecks.input(in, 3, DataType.DOUBLE);
        INDArray mine = built.forward(x);
        INDArray reference = reference(built.sd(), x, params);
        assertArrayEquals(reference.shape(), mine.shape());
        assertEquals(0, reference.sub(mine).amaxNumber().doubleValue(), 1e-12);
    }

    /** conv3dnew (NCDHW, same padding) + maxpool3dnew + ReLU with the block's own weights, as the encoder was first written. */
    private static INDArray reference(SameDiff built, INDArray input, Params params) {
        SameDiff sd = SameDiff.create();
        int k = params.getInt("kernel");
        int kt = params.getInt("time-kernel");
        Conv3DConfig conv = Conv3DConfig.builder().kD(kt).kH(k).kW(k).sD(1).sH(1).sW(1).dD(1).dH(1).dW(1)
                .paddingMode(PaddingMode.SAME).dataFormat(Conv3DConfig.NCDHW).biasUsed(true).build();
        int pt = params.getBool("time-pool") ? 2 : 1;
        Pooling3DConfig pool = Pooling3DConfig.builder().kD(pt).kH(2).kW(2).sD(pt).sH(2).sW(2).dD(1).dH(1).dW(1)
                .isSameMode(false).isNCDHW(true).build();
        SDVariable x = sd.permute(sd.constant("x", input), 0, 2, 1, 3, 4);
        for (int b = 0; b < params.getInt("blocks"); b++) {
            SDVariable w = sd.constant(built.getVariable("m/block" + b + "/w").getArr());
            SDVariable bias = sd.constant(built.getVariable("m/block" + b + "/b").getArr());
            x = sd.nn().relu(sd.cnn().maxPooling3d(sd.cnn().conv3d(x, w, bias, conv), pool), 0);
        }
        SDVariable out = "frames".equals(params.getString("output")) ? sd.permute(x, 0, 2, 1, 3, 4) : sd.mean(x, 2, 3, 4);
        return sd.output(Map.<String, INDArray>of(), out.name()).get(out.name());
    }
}
