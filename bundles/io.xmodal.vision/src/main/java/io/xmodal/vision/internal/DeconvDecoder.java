package io.xmodal.vision.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Modality;
import io.xmodal.api.Param;
import io.xmodal.api.Params;
import io.xmodal.api.Role;
import io.xmodal.api.Signature;
import io.xmodal.api.model.BlockContext;
import io.xmodal.api.model.Decoder;
import io.xmodal.api.model.IncompatibleInputException;
import io.xmodal.api.model.Init;
import io.xmodal.api.model.Port;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.osgi.service.component.annotations.Component;

/**
 * Decoder to an image or to frames: features [D] go through a dense layer onto a small map
 * [filters, height / 2^stages, width / 2^stages] (an image [C, h, w] of exactly that size is taken as
 * it is), then {@code stages} stages each double height and width (a transposed convolution with
 * kernel 2 and stride 2, or nearest upsampling and a 3x3 convolution) with ReLU and halve the
 * channels, and a last 3x3 convolution gives {@code channels} (times {@code frames}) channels and the
 * output activation. With {@code frames} M > 0 the output is frames [M, channels, height, width].
 */
@Component(service = Decoder.class)
public final class DeconvDecoder implements Decoder {
    private static final ComponentSpec SPEC = ComponentSpec.of(Role.DECODER, "deconv")
            .doc("transposed-convolution (or upsample + conv) decoder: features[D] or image[C,h,w] -> image[channels,height,width]"
                    + " or frames[M,channels,height,width]")
            .accepts(Modality.FEATURES, Modality.IMAGE).acceptsRank(1, 3).produces(Modality.IMAGE, Modality.FRAMES)
            .param(Param.integer("height", 64).range(1, 4096).doc("output height; divisible by 2^stages"))
            .param(Param.integer("width", 64).range(1, 4096).doc("output width; divisible by 2^stages"))
            .param(Param.integer("channels", 1).range(1, 64).doc("output channels (per frame)"))
            .param(Param.integer("frames", 0).range(0, 1000)
                    .doc("0: the output is an image [channels, height, width]; M > 0: frames [M, channels, height, width]"))
            .param(Param.integer("stages", 3).range(0, 8).doc("upsampling stages, each doubles height and width"))
            .param(Param.integer("filters", 64).range(1, 4096)
                    .doc("channels entering the first stage (features go through a dense layer onto filters maps); halved each stage, at least 8"))
            .param(Param.choice("mode", "transpose", "transpose", "upsample")
                    .doc("how a stage doubles the size: transpose = transposed convolution, kernel 2, stride 2; "
                            + "upsample = nearest-neighbour upsampling then a 3x3 convolution"))
            .param(Param.choice("activation", "linear", "linear", "sigmoid", "tanh")
                    .doc("output activation (linear when a regression head applies its own)"))
            .build();

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public Signature infer(Signature input, Params params) throws IncompatibleInputException {
        boolean features = input.modality() == Modality.FEATURES && input.rank() == 1;
        boolean image = input.modality() == Modality.IMAGE && input.rank() == 3;
        if (!features && !image) {
            throw new IncompatibleInputException("deconv takes features [width] or an image [channels, height, width], got " + input);
        }
        int stages = params.getInt("stages");
        long h = params.getInt("height");
        long w = params.getInt("width");
        long f = 1L << stages;
        if (h % f != 0 || w % f != 0) {
            throw new IncompatibleInputException("deconv with " + stages + " stages needs height and width divisible by " + f
                    + ", got " + h + "x" + w + "; change stages or the size");
        }
        if (image && (input.dim(1) != h / f || input.dim(2) != w / f)) {
            throw new IncompatibleInputException("deconv with " + stages + " stages to " + h + "x" + w + " takes an image of "
                    + h / f + "x" + w / f + ", got " + input + "; set stages so that 2^stages x the input size is the output size");
        }
        if (input.size() <= 0) {
            throw new IncompatibleInputException("deconv needs a known input size, got " + input);
        }
        int frames = params.getInt("frames");
        long c = params.getInt("channels");
        return frames == 0 ? Signature.of(Modality.IMAGE, c, h, w) : Signature.of(Modality.FRAMES, frames, c, h, w);
    }

    @Override
    public Port build(BlockContext ctx, Port input, Params params) {
        Signature out = Layers.inferOrThrow(this, input.signature(), params);
        SameDiff sd = ctx.graph();
        int stages = params.getInt("stages");
        long h = params.getInt("height") >> stages;
        long w = params.getInt("width") >> stages;
        SDVariable x = input.variable();
        long ch;
        if (input.signature().modality() == Modality.FEATURES) {
            long d = input.signature().dim(0);
            ch = params.getInt("filters");
            SDVariable weight = ctx.param("dense/w", Init.HE_NORMAL, d, ch * h * w, d, ch * h * w);
            SDVariable bias = ctx.param("dense/b", Init.ZEROS, d, ch * h * w, ch * h * w);
            x = sd.reshape(Layers.relu(x.mmul(weight).add(bias)), -1, ch, h, w);
        } else {
            ch = input.signature().dim(0);
        }
        boolean transpose = "transpose".equals(params.getString("mode"));
        long next = params.getInt("filters");
        for (int s = 0; s < stages; s++) {
            next = Math.max(8, next / 2);
            BlockContext stage = ctx.child("stage" + s);
            x = transpose ? Layers.transpose2x(stage, x, ch, next, h, w)
                    : Layers.conv(stage, Layers.upsample2x(stage, x, ch, h, w), ch, next, 3, true);
            x = Layers.relu(x);
            ch = next;
            h *= 2;
            w *= 2;
        }
        int frames = params.getInt("frames");
        long c = params.getInt("channels");
        long outCh = c * Math.max(frames, 1);
        x = Layers.conv(ctx.child("out"), x, ch, outCh, 3, true, Init.UNIFORM_FAN_IN);
        if (frames > 0) {
            x = sd.reshape(x, -1, frames, c, h, w);
        }
        return new Port(Layers.activation(sd, ctx.name(frames > 0 ? "frames" : "image"), x, params.getString("activation")), out);
    }
}
