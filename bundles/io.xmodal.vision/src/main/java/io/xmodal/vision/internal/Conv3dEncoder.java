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
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv3DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling3DConfig;
import org.osgi.service.component.annotations.Component;

/**
 * 3-D convolutional encoder over time x height x width: {@code blocks} blocks of a same-padded
 * conv3d ({@code time-kernel} x {@code kernel} x {@code kernel}) + ReLU and a max pooling that halves
 * height and width (and time with {@code time-pool}); channels double from {@code width}. Built on
 * libnd4j's conv3dnew and maxpool3dnew ops, whose gradients pass the numerical check in M2.1
 * (Conv3dEncoderTest). Output: the mean of each channel (features) or the maps as frames [T', C', H', W'].
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
        Conv3DConfig conv = Conv3DConfig.builder().kD(kt).kH(k).kW(k).sD(1).sH(1).sW(1).dD(1).dH(1).dW(1)
                .paddingMode(PaddingMode.SAME).dataFormat(Conv3DConfig.NCDHW).biasUsed(true).build();
        int pt = params.getBool("time-pool") ? 2 : 1;
        Pooling3DConfig pool = Pooling3DConfig.builder().kD(pt).kH(2).kW(2).sD(pt).sH(2).sW(2).dD(1).dH(1).dW(1)
                .isSameMode(false).isNCDHW(true).build();
        // [B, T, C, H, W] -> NCDHW [B, C, T, H, W]
        SDVariable x = sd.permute(input.variable(), 0, 2, 1, 3, 4);
        long in = input.signature().dim(1);
        for (int b = 0; b < params.getInt("blocks"); b++) {
            BlockContext block = ctx.child("block" + b);
            long outCh = channels(params, b);
            long fanIn = in * kt * k * k;
            SDVariable weight = block.param("w", Init.UNIFORM_FAN_IN, fanIn, outCh * kt * k * k, kt, k, k, in, outCh);
            SDVariable bias = block.param("b", Init.UNIFORM_FAN_IN, fanIn, outCh * kt * k * k, outCh);
            // max pooling commutes with ReLU: pool first, a quarter of the ReLU work
            x = Layers.relu(sd.cnn().maxPooling3d(sd.cnn().conv3d(x, weight, bias, conv), pool));
            in = outCh;
        }
        String name = ctx.name("features");
        if ("frames".equals(params.getString("output"))) {
            return new Port(sd.permute(name, x, 0, 2, 1, 3, 4), out);
        }
        return new Port(sd.mean(name, x, 2, 3, 4), out);
    }

    private static long channels(Params params, int b) {
        return Math.min(params.getInt("max-width"), (long) params.getInt("width") << Math.min(b, 30));
    }
}
