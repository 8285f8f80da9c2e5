package io.xmodal.vision.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Modality;
import io.xmodal.api.Param;
import io.xmodal.api.Params;
import io.xmodal.api.Role;
import io.xmodal.api.Signature;
import io.xmodal.api.model.BlockContext;
import io.xmodal.api.model.Encoder;
import io.xmodal.api.model.IncompatibleInputException;
import io.xmodal.api.model.Init;
import io.xmodal.api.model.Port;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.enums.WeightsFormat;
import org.osgi.service.component.annotations.Component;

/**
 * VGG-style image encoder: {@code blocks} blocks of {@code convs-per-block} same-padded
 * convolutions with ReLU, each block closed by 2x2 pooling with stride 2, then flattened or
 * globally averaged into a feature vector. Images are NCHW ({@code [C, H, W]} per sample).
 */
@Component(service = Encoder.class)
public final class VggEncoder implements Encoder {
    private static final double BN_EPSILON = 1e-5;

    private static final ComponentSpec SPEC = ComponentSpec.of(Role.ENCODER, "vgg")
            .doc("VGG-style CNN: blocks of same-padded conv+ReLU, each closed by 2x2 pooling; image[C,H,W] -> features[D]")
            .accepts(Modality.IMAGE).acceptsRank(3).produces(Modality.FEATURES)
            .param(Param.integer("blocks", 3).range(1, 6)
                    .doc("number of convolution blocks; each halves height and width"))
            .param(Param.integer("width", 32).range(1, 4096)
                    .doc("channels of the first block, doubled in each further block"))
            .param(Param.integer("max-width", 256).range(1, 4096)
                    .doc("upper limit on the channels of any block"))
            .param(Param.integer("convs-per-block", 2).range(1, 4)
                    .doc("convolutions (each followed by ReLU) in one block"))
            .param(Param.integer("kernel", 3).range(1, 11)
                    .doc("convolution kernel size, odd (same padding keeps height and width)"))
            .param(Param.bool("batch-norm", false)
                    .doc("batch normalisation (learnable scale and shift) between each convolution and its ReLU; "
                            + "it always uses the statistics of the current batch, in training and in evaluation "
                            + "alike (no running averages), so evaluate with batches of several samples"))
            .param(Param.choice("pooling", "max", "max", "avg")
                    .doc("2x2 pooling with stride 2 after each block: max or avg"))
            .param(Param.choice("output", "flatten", "flatten", "global-avg")
                    .doc("flatten: all C*H*W values of the last block; global-avg: the mean of each channel (C values)"))
            .build();

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public Signature infer(Signature input, Params params) throws IncompatibleInputException {
        if (input.modality() != Modality.IMAGE || input.rank() != 3) {
            throw new IncompatibleInputException("vgg takes an image [channels, height, width], got " + input);
        }
        int blocks = params.getInt("blocks");
        int kernel = params.getInt("kernel");
        if (kernel % 2 == 0) {
            throw new IncompatibleInputException("vgg needs an odd kernel for same padding, got kernel " + kernel
                    + "; use " + (kernel - 1) + " or " + (kernel + 1));
        }
        if (input.dim(0) <= 0) {
            throw new IncompatibleInputException("vgg needs a known number of image channels, got " + input);
        }
        long h = input.dim(1);
        long w = input.dim(2);
        boolean flatten = "flatten".equals(params.getString("output"));
        if (h < 0 || w < 0) {
            if (flatten) {
                throw new IncompatibleInputException("vgg with output flatten needs a fixed image size, got " + input
                        + "; resize the images or use output global-avg");
            }
        } else {
            // Each 2x2/stride-2 pooling floors the size; a side that reaches 0 leaves nothing to encode.
            long smaller = Math.min(h, w);
            int possible = 63 - Long.numberOfLeadingZeros(Math.max(smaller, 1));
            if (possible < blocks) {
                throw new IncompatibleInputException("vgg with " + blocks + " blocks halves " + h + "x" + w + " "
                        + times(blocks) + "; " + (possible == 0 ? "the image is too small for any block"
                        : "use blocks <= " + possible + " or a larger image-size"));
            }
            h >>= blocks;
            w >>= blocks;
        }
        long channels = channels(params, blocks - 1);
        return Signature.of(Modality.FEATURES, flatten ? channels * h * w : channels);
    }

    @Override
    public Port build(BlockContext ctx, Port input, Params params) {
        Signature out;
        try {
            out = infer(input.signature(), params);
        } catch (IncompatibleInputException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        SameDiff sd = ctx.graph();
        int kernel = params.getInt("kernel");
        boolean batchNorm = params.getBool("batch-norm");
        // The block works channels-last inside: oneDNN's pooling for channels-first (plain NCHW) memory is
        // its slow reference kernel (a cnn step spent 30% of its time in max pooling), channels-last
        // has a fast one. The weights ([kH, kW, in, out]) and the output are the same either way.
        Conv2DConfig conv = Conv2DConfig.builder().kH(kernel).kW(kernel).sH(1).sW(1).dH(1).dW(1)
                .paddingMode(PaddingMode.SAME).dataFormat(Conv2DConfig.NHWC).weightsFormat(WeightsFormat.YXIO).build();
        Pooling2DConfig pool = Pooling2DConfig.builder().kH(2).kW(2).sH(2).sW(2).dH(1).dW(1)
                .paddingMode(PaddingMode.VALID).isNHWC(true).build();

        boolean max = "max".equals(params.getString("pooling"));
        int convs = params.getInt("convs-per-block");
        SDVariable x = sd.permute(input.variable(), 0, 2, 3, 1);
        long in = input.signature().dim(0);
        for (int b = 0; b < params.getInt("blocks"); b++) {
            long outCh = channels(params, b);
            for (int c = 0; c < convs; c++) {
                BlockContext layer = ctx.child("block" + b + "/conv" + c);
                long fanIn = in * kernel * kernel;
                long fanOut = outCh * kernel * kernel;
                SDVariable weight = layer.param("w", Init.UNIFORM_FAN_IN, fanIn, fanOut, kernel, kernel, in, outCh);
                if (batchNorm) {
                    // The batch mean removes any per-channel bias, so the shift beta takes its place.
                    x = batchNorm(layer, sd.cnn().conv2d(x, weight, conv), outCh);
                } else {
                    SDVariable bias = layer.param("b", Init.UNIFORM_FAN_IN, fanIn, fanOut, outCh);
                    x = sd.cnn().conv2d(x, weight, bias, conv);
                }
                if (c < convs - 1 || !max) {
                    x = sd.nn().relu(x, 0);
                }
                in = outCh;
            }
            if (max) {
                // max(relu(x)) = relu(max(x)): pooling first gives the same function with a quarter of
                // the ReLU work, forward and backward.
                x = sd.nn().relu(sd.cnn().maxPooling2d(x, pool), 0);
            } else {
                x = sd.cnn().avgPooling2d(x, pool);
            }
        }
        String name = ctx.name("features");
        // flattened in channels-first order, as the weights of what follows expect whatever the inner layout
        x = "flatten".equals(params.getString("output")) ? sd.reshape(name, sd.permute(x, 0, 3, 1, 2), -1, out.dim(0))
                : sd.mean(name, x, 1, 2);
        return new Port(x, out);
    }

    /**
     * Normalises each channel of channels-last {@code x} with the mean and (biased) variance of the current batch. Built from
     * primitive ops so that the gradient flows through the batch statistics; each is checked numerically.
     */
    private static SDVariable batchNorm(BlockContext layer, SDVariable x, long channels) {
        SameDiff sd = layer.graph();
        // stored [1, C, 1, 1] as before the block went channels-last, so that saved models still load
        SDVariable gamma = layer.param("gamma", Init.ONES, channels, channels, 1, channels, 1, 1).reshape(1, 1, 1, channels);
        SDVariable beta = layer.param("beta", Init.ZEROS, channels, channels, 1, channels, 1, 1).reshape(1, 1, 1, channels);
        SDVariable centred = x.sub(x.mean(true, 0, 1, 2));
        SDVariable variance = sd.math().square(centred).mean(true, 0, 1, 2);
        SDVariable scale = sd.math().rsqrt(variance.add(BN_EPSILON)).mul(gamma);
        return centred.mul(scale).add(beta);
    }

    /** Channels of block {@code b} (0-based): width doubled per block, capped at max-width. */
    private static long channels(Params params, int b) {
        long width = params.getInt("width");
        long cap = params.getInt("max-width");
        return Math.min(cap, width << Math.min(b, 30));
    }

    private static String times(int n) {
        String[] words = {"zero times", "once", "twice", "three times", "four times", "five times", "six times"};
        return n < words.length ? words[n] : n + " times";
    }
}
