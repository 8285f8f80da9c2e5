package io.xmodal.generative.internal;

import io.xmodal.api.Params;
import io.xmodal.api.Signature;
import io.xmodal.api.model.Block;
import io.xmodal.api.model.BlockContext;
import io.xmodal.api.model.IncompatibleInputException;
import io.xmodal.api.model.Init;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.DeConv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;

/**
 * The layers of the generative blocks, all NCHW: strided same-padded convolution (oneDNN's conv2d),
 * transposed convolution with kernel 4 and stride 2 (libnd4j's deconv2d, as DCGAN's
 * {@code ConvTranspose2d(k=4, s=2, p=1)}), batch normalisation with the current batch's statistics,
 * LeakyReLU, an affine map written as matmul + add, and a crop to the target size.
 */
final class Nets {
    static final double BN_EPSILON = 1e-5;

    private Nets() {
    }

    /** Same-padded convolution with stride {@code stride}: [B,in,H,W] -> [B,out,ceil(H/stride),ceil(W/stride)]. */
    static SDVariable conv(BlockContext ctx, SDVariable x, long in, long out, int kernel, int stride, boolean bias) {
        Conv2DConfig cfg = Conv2DConfig.builder().kH(kernel).kW(kernel).sH(stride).sW(stride).dH(1).dW(1)
                .paddingMode(PaddingMode.SAME).dataFormat(Conv2DConfig.NCHW).weightsFormat(WeightsFormat.YXIO).build();
        long fanIn = in * kernel * kernel;
        long fanOut = out * kernel * kernel;
        SDVariable w = ctx.param("w", Init.UNIFORM_FAN_IN, fanIn, fanOut, kernel, kernel, in, out);
        if (!bias) {
            return ctx.graph().cnn().conv2d(x, w, cfg);
        }
        SDVariable b = ctx.param("b", Init.ZEROS, fanIn, fanOut, out);
        return ctx.graph().cnn().conv2d(x, w, b, cfg);
    }

    /**
     * Transposed convolution, kernel 4, stride 2, same padding: [B,in,H,W] -> [B,out,2H,2W], weights
     * [4, 4, out, in] as libnd4j's deconv2d takes them.
     */
    static SDVariable deconv(BlockContext ctx, SDVariable x, long in, long out, boolean bias) {
        int k = 4;
        DeConv2DConfig cfg = DeConv2DConfig.builder().kH(k).kW(k).sH(2).sW(2).dH(1).dW(1).isSameMode(true)
                .dataFormat(DeConv2DConfig.NCHW).build();
        long fanIn = in * k * k / 4; // each output pixel sees a quarter of the kernel's taps of every input channel
        SDVariable w = ctx.param("w", Init.UNIFORM_FAN_IN, fanIn, out * k * k, k, k, out, in);
        SDVariable b = bias ? ctx.param("b", Init.ZEROS, fanIn, out, out) : null;
        return ctx.graph().cnn().deconv2d(x, w, b, cfg);
    }

    /**
     * Nearest-neighbour upsampling by 2 of NCHW [B,c,h,w] -> [B,c,2h,2w]: each value broadcast over a
     * 2x2 block by a multiplication with ones (reshape and multiply, whose gradients are exact).
     */
    static SDVariable upsample2x(BlockContext ctx, SDVariable x, long c, long h, long w) {
        SameDiff sd = ctx.graph();
        SDVariable ones = sd.constant(ctx.name("upsample-ones"),
                org.nd4j.linalg.factory.Nd4j.ones(x.dataType(), 1, 1, 1, 2, 1, 2));
        return sd.reshape(sd.reshape(x, -1, c, h, 1, w, 1).mul(ones), -1, c, 2 * h, 2 * w);
    }

    /** Per-channel batch normalisation of NCHW {@code x} with the batch's mean and biased variance, learnable scale and shift. */
    static SDVariable batchNorm(BlockContext ctx, SDVariable x, long channels) {
        SameDiff sd = ctx.graph();
        SDVariable gamma = ctx.param("gamma", Init.ONES, channels, channels, 1, channels, 1, 1);
        SDVariable beta = ctx.param("beta", Init.ZEROS, channels, channels, 1, channels, 1, 1);
        SDVariable centred = x.sub(x.mean(true, 0, 2, 3));
        SDVariable variance = sd.math().square(centred).mean(true, 0, 2, 3);
        return centred.mul(sd.math().rsqrt(variance.add(BN_EPSILON)).mul(gamma)).add(beta);
    }

    /** Batch normalisation of features [B, n] with the batch's statistics. */
    static SDVariable batchNorm1d(BlockContext ctx, SDVariable x, long n) {
        SameDiff sd = ctx.graph();
        SDVariable gamma = ctx.param("gamma", Init.ONES, n, n, 1, n);
        SDVariable beta = ctx.param("beta", Init.ZEROS, n, n, 1, n);
        SDVariable centred = x.sub(x.mean(true, 0));
        SDVariable variance = sd.math().square(centred).mean(true, 0);
        return centred.mul(sd.math().rsqrt(variance.add(BN_EPSILON)).mul(gamma)).add(beta);
    }

    /** x W + b for features [B, in] (matmul + add: xw_plus_b has wrong gradients in M2.1). */
    static SDVariable dense(BlockContext ctx, SDVariable x, long in, long out, Init init) {
        SDVariable w = ctx.param("w", init, in, out, in, out);
        SDVariable b = ctx.param("b", Init.ZEROS, in, out, out);
        return x.mmul(w).add(b);
    }

    /**
     * log(1 + e^x) as max(x, 0) + log(1 + e^-|x|), finite for every x. libnd4j's softplus computes
     * log(1 + e^x) directly and gives infinity from x = 89 in float32 (measured), which stopped GAN runs
     * whose discriminator had grown confident.
     */
    static SDVariable softplus(SDVariable x) {
        SameDiff sd = x.getSameDiff();
        return relu(x).add(sd.math().log(sd.math().exp(sd.math().abs(x).neg()).add(1.0)));
    }

    static SDVariable leakyRelu(SDVariable x, double slope) {
        return x.getSameDiff().nn().leakyRelu(x, slope);
    }

    static SDVariable relu(SDVariable x) {
        return x.getSameDiff().nn().relu(x, 0);
    }

    /** The top-left [h, w] of NCHW {@code x} (no op when it already has that size). */
    static SDVariable crop(SDVariable x, long fromH, long fromW, long h, long w) {
        if (fromH == h && fromW == w) {
            return x;
        }
        return x.get(SDIndex.all(), SDIndex.all(), SDIndex.interval(0L, h), SDIndex.interval(0L, w));
    }

    /** The output activation a parameter names: sigmoid, tanh or linear. */
    static SDVariable activation(SameDiff sd, String name, SDVariable x, String activation) {
        return switch (activation) {
            case "sigmoid" -> sd.nn().sigmoid(name, x);
            case "tanh" -> sd.math().tanh(name, x);
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
