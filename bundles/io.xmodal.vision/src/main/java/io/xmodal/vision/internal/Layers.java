package io.xmodal.vision.internal;

import io.xmodal.api.Params;
import io.xmodal.api.Signature;
import io.xmodal.api.model.Block;
import io.xmodal.api.model.BlockContext;
import io.xmodal.api.model.IncompatibleInputException;
import io.xmodal.api.model.Init;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The 2-D layers the vision blocks share, all NCHW: same-padded convolution (oneDNN's conv2d op),
 * 2x2 pooling, and two ways to double height and width written from matmul, reshape and permute
 * (so their gradients are those of ops already checked): a transposed convolution with kernel 2 and
 * stride 2, and nearest-neighbour upsampling.
 */
final class Layers {
    private Layers() {
    }

    /**
     * Same-padded convolution with stride 1, weights [k, k, in, out] (YXIO) and a bias, for a ReLU after
     * it: He-initialised, so that the signal keeps its scale through deep stacks (with PyTorch's default
     * U(+-1/sqrt(fan-in)) it shrinks by about sqrt(6) per conv + ReLU, and a 2.5D U-Net's output starts
     * out constant).
     */
    static SDVariable conv(BlockContext ctx, SDVariable x, long in, long out, int kernel, boolean bias) {
        return conv(ctx, x, in, out, kernel, bias, Init.HE_NORMAL);
    }

    /** Same-padded convolution with stride 1 and weights initialised as {@code init} (biases: PyTorch's default U(+-1/sqrt(fan-in))). */
    static SDVariable conv(BlockContext ctx, SDVariable x, long in, long out, int kernel, boolean bias, Init init) {
        return conv(ctx, x, in, out, kernel, bias, init, false);
    }

    /**
     * Same-padded convolution with stride 1 of NCHW {@code x}, or of NHWC {@code x} when {@code channelsLast};
     * the weights are [k, k, in, out] (YXIO) either way.
     */
    static SDVariable conv(BlockContext ctx, SDVariable x, long in, long out, int kernel, boolean bias, Init init, boolean channelsLast) {
        int kH = kernel;
        int kW = kernel;
        Conv2DConfig cfg = Conv2DConfig.builder().kH(kH).kW(kW).sH(1).sW(1).dH(1).dW(1)
                .paddingMode(PaddingMode.SAME).dataFormat(channelsLast ? Conv2DConfig.NHWC : Conv2DConfig.NCHW)
                .weightsFormat(WeightsFormat.YXIO).build();
        long fanIn = in * kH * kW;
        long fanOut = out * kH * kW;
        SDVariable w = ctx.param("w", init, fanIn, fanOut, kH, kW, in, out);
        if (!bias) {
            return ctx.graph().cnn().conv2d(x, w, cfg);
        }
        SDVariable b = ctx.param("b", Init.UNIFORM_FAN_IN, fanIn, fanOut, out);
        return ctx.graph().cnn().conv2d(x, w, b, cfg);
    }

    static SDVariable relu(SDVariable x) {
        return x.getSameDiff().nn().relu(x, 0);
    }

    /** 2x2 max pooling with stride 2 (floors odd sizes). */
    static SDVariable maxPool(SDVariable x) {
        return channelsLastMaxPool(x, pool(2, 2, PaddingMode.VALID));
    }

    /** 3x3 max pooling with stride 1 and same padding (Inception's pool branch). */
    static SDVariable maxPool3Same(SDVariable x) {
        return channelsLastMaxPool(x, pool(3, 1, PaddingMode.SAME));
    }

    /** 2x2 max pooling with stride 2 of NHWC {@code x} (floors odd sizes). */
    static SDVariable maxPoolNhwc(SDVariable x) {
        return x.getSameDiff().cnn().maxPooling2d(x, pool(2, 2, PaddingMode.VALID));
    }

    /** 3x3 max pooling with stride 1 and same padding of NHWC {@code x}. */
    static SDVariable maxPool3SameNhwc(SDVariable x) {
        return x.getSameDiff().cnn().maxPooling2d(x, pool(3, 1, PaddingMode.SAME));
    }

    /**
     * Max pooling of NCHW {@code x} done channels-last: oneDNN pools channels-first memory with its
     * reference kernel, 5 to 15 times slower on a [64,16,32,32] batch than channels-last, which pays for
     * the two permutes many times over (docs/results.md).
     */
    private static SDVariable channelsLastMaxPool(SDVariable x, Pooling2DConfig pool) {
        SameDiff sd = x.getSameDiff();
        return sd.permute(sd.cnn().maxPooling2d(sd.permute(x, 0, 2, 3, 1), pool), 0, 3, 1, 2);
    }

    private static Pooling2DConfig pool(int k, int s, PaddingMode mode) {
        return Pooling2DConfig.builder().kH(k).kW(k).sH(s).sW(s).dH(1).dW(1).paddingMode(mode).isNHWC(true).build();
    }

    /**
     * Transposed convolution with kernel 2 and stride 2 (He-initialised, for a ReLU after it): every input pixel becomes a 2x2 patch,
     * {@code out[o, 2i+a, 2j+b] = bias[o] + sum_c x[c, i, j] w[c, o, a, b]}. One matmul over all
     * pixels, then a pixel shuffle: [B,C,H,W] -> [B*H*W, C] x [C, O*4] -> [B,H,W,O,2,2] -> [B,O,2H,2W].
     */
    static SDVariable transpose2x(BlockContext ctx, SDVariable x, long in, long out, long h, long w) {
        SameDiff sd = ctx.graph();
        SDVariable weight = ctx.param("w", Init.HE_NORMAL, in, out * 4, in, out * 4);
        SDVariable bias = ctx.param("b", Init.UNIFORM_FAN_IN, in, out * 4, 1, out, 1, 1);
        SDVariable rows = sd.reshape(sd.permute(x, 0, 2, 3, 1), -1, in);
        SDVariable patches = sd.reshape(rows.mmul(weight), -1, h, w, out, 2, 2);
        SDVariable shuffled = sd.permute(patches, 0, 3, 1, 4, 2, 5);
        return sd.reshape(shuffled, -1, out, 2 * h, 2 * w).add(bias);
    }

    /** Nearest-neighbour upsampling by 2: [B,C,H,W] -> [B,C,2H,2W], a broadcast multiply by ones. */
    static SDVariable upsample2x(BlockContext ctx, SDVariable x, long c, long h, long w) {
        SameDiff sd = ctx.graph();
        SDVariable ones = sd.constant(ctx.name("up-ones"), Nd4j.ones(ctx.dataType(), 1, 1, 1, 2, 1, 2));
        SDVariable spread = sd.reshape(x, -1, c, h, 1, w, 1).mul(ones);
        return sd.reshape(spread, -1, c, 2 * h, 2 * w);
    }

    /** The output activation a parameter names: sigmoid, tanh or linear. */
    static SDVariable activation(SameDiff sd, String name, SDVariable x, String activation) {
        return switch (activation) {
            case "sigmoid" -> sd.nn().sigmoid(name, x);
            case "tanh" -> sd.math().tanh(name, x);
            case "relu" -> sd.nn().relu(name, x, 0);
            default -> sd.identity(name, x);
        };
    }

    /** infer() for build(): a build with an input infer() refuses is a caller's bug. */
    static Signature inferOrThrow(Block block, Signature in, Params params) {
        try {
            return block.infer(in, params);
        } catch (IncompatibleInputException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
