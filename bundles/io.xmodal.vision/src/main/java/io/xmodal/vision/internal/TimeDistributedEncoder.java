package io.xmodal.vision.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Modality;
import io.xmodal.api.NestedComponent;
import io.xmodal.api.Param;
import io.xmodal.api.Params;
import io.xmodal.api.Role;
import io.xmodal.api.Signature;
import io.xmodal.api.model.Block;
import io.xmodal.api.model.BlockContext;
import io.xmodal.api.model.Encoder;
import io.xmodal.api.model.IncompatibleInputException;
import io.xmodal.api.model.Port;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.osgi.service.component.annotations.Component;

/**
 * Applies an image encoder (any installed one: vgg, inception, a third party's) to every frame with
 * the same weights: frames [T, C, H, W] are folded into the batch ([B*T, C, H, W]), encoded, and
 * unfolded. Features [D] per frame give a sequence [T, D]; an image [C', H', W'] per frame gives
 * frames [T, C', H', W']. The encoder is a nested component: {@code with: {encoder: {use: vgg, with: {...}}}}.
 */
@Component(service = Encoder.class)
public final class TimeDistributedEncoder implements Encoder {
    private static final ComponentSpec SPEC = ComponentSpec.of(Role.ENCODER, "time-distributed")
            .doc("applies an image encoder to every frame (shared weights): frames[T,C,H,W] -> sequence[T,D] "
                    + "(or frames[T,C',H',W'] when the encoder gives an image)")
            .accepts(Modality.FRAMES).acceptsRank(4).produces(Modality.SEQUENCE, Modality.FRAMES)
            .param(Param.component("encoder", Role.ENCODER, "vgg")
                    .doc("the image encoder applied to each frame, e.g. {use: vgg, with: {blocks: 2}}"))
            .build();

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public Signature infer(Signature input, Params params) throws IncompatibleInputException {
        if (input.modality() != Modality.FRAMES || input.rank() != 4) {
            throw new IncompatibleInputException("time-distributed takes frames [time, channels, height, width], got " + input);
        }
        if (input.dim(0) <= 0) {
            throw new IncompatibleInputException("time-distributed needs a known number of frames, got " + input);
        }
        NestedComponent nested = params.getComponent("encoder");
        Block encoder = block(nested);
        Signature frame = Signature.of(Modality.IMAGE, input.dim(1), input.dim(2), input.dim(3));
        if (!encoder.spec().admits(frame)) {
            throw new IncompatibleInputException(nested.describe() + " in time-distributed does not take a frame " + frame
                    + "; it accepts " + encoder.spec().accepts().stream().map(Modality::id).sorted().toList());
        }
        Signature each;
        try {
            each = encoder.infer(frame, nested.params());
        } catch (IncompatibleInputException e) {
            throw new IncompatibleInputException(nested.describe() + " in time-distributed: " + e.getMessage());
        }
        if (each.modality() == Modality.FEATURES && each.rank() == 1) {
            return Signature.of(Modality.SEQUENCE, input.dim(0), each.dim(0));
        }
        if (each.modality() == Modality.IMAGE && each.rank() == 3) {
            return Signature.of(Modality.FRAMES, input.dim(0), each.dim(0), each.dim(1), each.dim(2));
        }
        throw new IncompatibleInputException(nested.describe() + " in time-distributed gives " + each
                + " per frame; it must give features [D] or an image [C, H, W]");
    }

    @Override
    public Port build(BlockContext ctx, Port input, Params params) {
        Signature out = Layers.inferOrThrow(this, input.signature(), params);
        SameDiff sd = ctx.graph();
        Signature in = input.signature();
        NestedComponent nested = params.getComponent("encoder");
        Signature frame = Signature.of(Modality.IMAGE, in.dim(1), in.dim(2), in.dim(3));
        SDVariable folded = sd.reshape(input.variable(), -1, in.dim(1), in.dim(2), in.dim(3));
        Port each = block(nested).build(ctx.child(nested.component().spec().name()), new Port(folded, frame), nested.params());
        long[] shape = out.withBatch(-1);
        return new Port(sd.reshape(ctx.name("sequence"), each.variable(), shape), out);
    }

    private static Block block(NestedComponent nested) {
        if (!(nested.component() instanceof Block b)) {
            throw new IllegalArgumentException(nested.describe() + " is not a block");
        }
        return b;
    }
}
