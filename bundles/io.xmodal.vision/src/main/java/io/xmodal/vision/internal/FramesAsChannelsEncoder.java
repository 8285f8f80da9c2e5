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
import org.osgi.service.component.annotations.Component;

/**
 * The "2.5D" trick: the N input frames (times their channels) become the channels of one image, and a
 * 2-D encoder-decoder maps it to M frames. Down: {@code depth} levels of two 3x3 conv+ReLU then 2x2
 * max pooling, channels doubling from {@code width}; a bottleneck of two conv+ReLU; up: for each level
 * a transposed 2x2 convolution, (with {@code skip}) the same level's encoder maps concatenated on
 * channels as in U-Net, and two conv+ReLU; a 1x1 convolution to M x channels maps. Linear output: a
 * regression head adds the activation.
 */
@Component(service = Encoder.class)
public final class FramesAsChannelsEncoder implements Encoder {
    private static final ComponentSpec SPEC = ComponentSpec.of(Role.ENCODER, "frames-as-channels")
            .doc("2.5D: frames as channels of a 2-D (U-Net-style) encoder-decoder; frames[N,C,H,W] -> frames[M,C,H,W]")
            .accepts(Modality.FRAMES).acceptsRank(4).produces(Modality.FRAMES)
            .param(Param.integer("frames", 1).range(1, 1000).doc("M, the number of output frames"))
            .param(Param.integer("width", 16).range(1, 1024).doc("channels of the first level, doubled per level"))
            .param(Param.integer("depth", 2).range(0, 6).doc("levels of 2x2 pooling (height and width divisible by 2^depth)"))
            .param(Param.bool("skip", true).doc("U-Net skip connections: concatenate each level's encoder maps in the decoder"))
            .param(Param.integer("kernel", 3).range(1, 11).doc("convolution kernel, odd"))
            .build();

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public Signature infer(Signature input, Params params) throws IncompatibleInputException {
        if (input.modality() != Modality.FRAMES || input.rank() != 4) {
            throw new IncompatibleInputException("frames-as-channels takes frames [time, channels, height, width], got " + input);
        }
        if (input.size() <= 0) {
            throw new IncompatibleInputException("frames-as-channels needs a known number of frames, channels and size, got " + input);
        }
        int depth = params.getInt("depth");
        long f = 1L << depth;
        if (input.dim(2) % f != 0 || input.dim(3) % f != 0) {
            throw new IncompatibleInputException("frames-as-channels with depth " + depth + " needs height and width divisible by "
                    + f + ", got " + input.dim(2) + "x" + input.dim(3) + "; lower depth");
        }
        if (params.getInt("kernel") % 2 == 0) {
            throw new IncompatibleInputException("frames-as-channels needs an odd kernel for same padding, got " + params.getInt("kernel"));
        }
        return Signature.of(Modality.FRAMES, params.getInt("frames"), input.dim(1), input.dim(2), input.dim(3));
    }

    @Override
    public Port build(BlockContext ctx, Port input, Params params) {
        Signature out = Layers.inferOrThrow(this, input.signature(), params);
        SameDiff sd = ctx.graph();
        Signature in = input.signature();
        long c = in.dim(1);
        long h = in.dim(2);
        long w = in.dim(3);
        int depth = params.getInt("depth");
        int kernel = params.getInt("kernel");
        boolean skip = params.getBool("skip");
        long width = params.getInt("width");
        SDVariable x = sd.reshape(input.variable(), -1, in.dim(0) * c, h, w);
        long ch = in.dim(0) * c;
        SDVariable[] levels = new SDVariable[depth];
        long[] levelCh = new long[depth];
        for (int l = 0; l < depth; l++) {
            long next = width << l;
            x = twoConvs(ctx.child("down" + l), x, ch, next, kernel);
            levels[l] = x;
            levelCh[l] = next;
            x = Layers.maxPool(x);
            ch = next;
            h /= 2;
            w /= 2;
        }
        long bottom = width << depth;
        x = twoConvs(ctx.child("bottom"), x, ch, bottom, kernel);
        ch = bottom;
        for (int l = depth - 1; l >= 0; l--) {
            BlockContext up = ctx.child("up" + l);
            x = Layers.relu(Layers.transpose2x(up.child("t"), x, ch, levelCh[l], h, w));
            h *= 2;
            w *= 2;
            ch = levelCh[l];
            if (skip) {
                x = sd.concat(1, x, levels[l]);
                ch *= 2;
            }
            x = twoConvs(up, x, ch, levelCh[l], kernel);
            ch = levelCh[l];
        }
        int frames = params.getInt("frames");
        x = Layers.conv(ctx.child("out"), x, ch, frames * c, 1, true, Init.UNIFORM_FAN_IN);
        return new Port(sd.reshape(ctx.name("frames"), x, -1, frames, c, h, w), out);
    }

    private static SDVariable twoConvs(BlockContext ctx, SDVariable x, long in, long out, int kernel) {
        x = Layers.relu(Layers.conv(ctx.child("conv0"), x, in, out, kernel, true));
        return Layers.relu(Layers.conv(ctx.child("conv1"), x, out, out, kernel, true));
    }
}
