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
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.osgi.service.component.annotations.Component;

/**
 * 3-D convolutional encoder over time x height x width: {@code blocks} blocks of a same-padded
 * conv3d ({@code time-kernel} x {@code kernel} x {@code kernel}) + ReLU and a max pooling that halves
 * height and width (and time with {@code time-pool}); channels double from {@code width}. The weights
 * have libnd4j's conv3dnew layout [kt, k, k, in, out], but the convolution runs as one oneDNN conv2d
 * over time-shifted copies stacked on channels, and the pooling as a channels-last 2-D max pooling
 * (then a max over pairs of frames): libnd4j M2.1's own conv3dnew and maxpool3dnew took 46% of a ConvLSTM
 * family's step in the profile (docs/results.md). Output: the mean of each channel (features) or the maps as frames [T', C', H', W'].
 */
@Component(service = Encoder.class)
public final class Conv3dEncoder implements Encoder {
    private static final ComponentSpec SPEC = ComponentSpec.of(Role.ENCODER, "conv3d")
            .doc("3-D convolutions + pooling over time x height x width; frames[T,C,H,W] -> features[D] or frames[T',D,H',W']")
            .accepts(Modality.FRAMES).acceptsRank(4).produces(Modality.FEATURES, Modality.FRAMES)
            .param(Param.integer("blocks", 2).range(1, 6).doc("conv3d + pooling blocks; each halves height and width"))
            .param(Param.integer("width", 16).range(1, 1024).doc("channels of the first block, doubled per block"))
            .param(Param.integer("max-width", 128).range(1, 4096).doc("upper limit on the channels of any block"))
            .param(Param.integer("kernel", 3).range(1, 11).doc("spatial kernel, odd"))
            .param(Param.integer("time-kernel", 3).range(1, 11).doc("temporal kernel, odd"))
            .param(Param.bool("time-pool", false).doc("also halve time in each block's pooling"))
            .param(Param.choice("output", "features", "features", "frames")
                    .doc("features: the mean of each channel over time, height and width; frames: the maps [T', D, H', W']"))
            .build();

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public Signature infer(Signature input, Params params) throws IncompatibleInputException {
        if (input.modality() != Modality.FRAMES || input.rank() != 4) {
            throw new IncompatibleInputException("conv3d takes frames [time, channels, height, width], got " + input);
        }
        if (input.size() <= 0) {
            throw new IncompatibleInputException("conv3d needs a known number of frames, channels and size, got " + input);
        }
        if (params.getInt("kernel") % 2 == 0 || params.getInt("time-kernel") % 2 == 0) {
            throw new IncompatibleInputException("conv3d needs odd kernel and time-kernel for same padding, got "
                    + params.getInt("kernel") + " and " + params.getInt("time-kernel"));
        }
        int blocks = params.getInt("blocks");
        long t = input.dim(0);
        long h = input.dim(2) >> blocks;
        long w = input.dim(3) >> blocks;
        if (h < 1 || w < 1) {
            throw new IncompatibleInputException("conv3d with " + blocks + " blocks halves " + input.dim(2) + "x" + input.dim(3)
                    + " " + blocks + " times; use fewer blocks");
        }
        if (params.getBool("time-pool")) {
            t >>= blocks;
            if (t < 1) {
                throw new IncompatibleInputException("conv3d with time-pool halves " + input.dim(0) + " frames " + blocks
                        + " times; use fewer blocks or time-pool false");
            }
        }
        long d = channels(params, blocks - 1);
        return "frames".equals(params.getString("output")) ? Signature.of(Modality.FRAMES, t, d, h, w) : Signature.of(Modality.FEATURES, d);
    }

    @Override
    public Port build(BlockContext ctx, Port input, Params params) {
        Signature out = Layers.inferOrThrow(this, input.signature(), params);
        SameDiff sd = ctx.graph();
        int k = params.getInt("kernel");
        int kt = params.getInt("time-kernel");
        boolean timePool = params.getBool("time-pool");
        long t = input.signature().dim(0);
        long in = input.signature().dim(1);
        long h = input.signature().dim(2);
        long w = input.signature().dim(3);
        // stays [B, T, C, H, W] (frames) between blocks: time is folded into the batch for every 2-D op
        SDVariable x = input.variable();
        for (int b = 0; b < params.getInt("blocks"); b++) {
            BlockContext block = ctx.child("block" + b);
            long outCh = channels(params, b);
            long fanIn = in * kt * k * k;
            SDVariable weight = block.param("w", Init.UNIFORM_FAN_IN, fanIn, outCh * kt * k * k, kt, k, k, in, outCh);
            SDVariable bias = block.param("b", Init.UNIFORM_FAN_IN, fanIn, outCh * kt * k * k, outCh);
            SDVariable conv = conv3d(sd, x, weight, bias, t, in, outCh, h, w, k, kt);
            // max pooling commutes with ReLU: pool first, a quarter of the ReLU work
            SDVariable pooled = Layers.maxPool(conv);
            h /= 2;
            w /= 2;
            x = sd.reshape(pooled, -1, t, outCh, h, w);
            if (timePool) {
                x = timeMaxPool(sd, x, t, outCh, h, w);
                t /= 2;
            }
            x = Layers.relu(x);
            in = outCh;
        }
        String name = ctx.name("features");
        if ("frames".equals(params.getString("output"))) {
            return new Port(sd.identity(name, x), out);
        }
        return new Port(sd.mean(name, x, 1, 3, 4), out);
    }

    /**
     * Same-padded 3-D convolution of frames {@code x} [B, T, C, H, W] with weights [kt, k, k, C, O] (the
     * layout of libnd4j's conv3dnew) as one oneDNN 2-D convolution: the kt time-shifted copies of the
     * zero-padded clip are stacked on channels, [B*T, kt*C, H, W], and the weights reshaped to
     * [k, k, kt*C, O] to match, so that out[t] = b + sum over dt, c of W[dt] * x[t + dt - kt/2]. The same
     * function and parameters as conv3dnew (Conv3dEncoderTest compares the two); M2.1's conv3dnew and
     * maxpool3dnew do not run on oneDNN (docs/results.md has the measured effect).
     * Returns [B*T, O, H, W].
     */
    private static SDVariable conv3d(SameDiff sd, SDVariable x, SDVariable weight, SDVariable bias, long t, long c, long o,
                                     long h, long w, int k, int kt) {
        SDVariable stacked;
        if (kt == 1) {
            stacked = sd.reshape(x, -1, c, h, w);
        } else {
            int pad = kt / 2;
            SDVariable zero = sd.zerosLike(x.get(SDIndex.all(), SDIndex.interval(0, 1)));
            SDVariable[] zeroFrames = new SDVariable[pad];
            java.util.Arrays.fill(zeroFrames, zero);
            SDVariable zeros = pad == 1 ? zero : sd.concat(1, zeroFrames);
            SDVariable padded = sd.concat(1, zeros, x, zeros);
            SDVariable[] shifted = new SDVariable[kt];
            for (int dt = 0; dt < kt; dt++) {
                shifted[dt] = padded.get(SDIndex.all(), SDIndex.interval((long) dt, dt + t));
            }
            stacked = sd.reshape(sd.concat(2, shifted), -1, kt * c, h, w);
        }
        SDVariable w2 = sd.reshape(sd.permute(weight, 1, 2, 0, 3, 4), k, k, kt * c, o);
        Conv2DConfig cfg = Conv2DConfig.builder().kH(k).kW(k).sH(1).sW(1).dH(1).dW(1)
                .paddingMode(PaddingMode.SAME).dataFormat(Conv2DConfig.NCHW).weightsFormat(WeightsFormat.YXIO).build();
        return sd.cnn().conv2d(stacked, w2, bias, cfg);
    }

    /** Max over pairs of frames, [B, T, C, H, W] -> [B, T/2, C, H, W] (an odd last frame is dropped, as pooling with VALID padding does). */
    private static SDVariable timeMaxPool(SameDiff sd, SDVariable x, long t, long c, long h, long w) {
        long pairs = t / 2;
        SDVariable even = t % 2 == 0 ? x : x.get(SDIndex.all(), SDIndex.interval(0L, 2 * pairs));
        return sd.max(sd.reshape(even, -1, pairs, 2, c, h, w), 2);
    }

    private static long channels(Params params, int b) {
        return Math.min(params.getInt("max-width"), (long) params.getInt("width") << Math.min(b, 30));
    }
}
