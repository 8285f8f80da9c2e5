package io.xmodal.generative.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Modality;
import io.xmodal.api.Param;
import io.xmodal.api.Params;
import io.xmodal.api.Role;
import io.xmodal.api.Signature;
import io.xmodal.api.model.BlockContext;
import io.xmodal.api.model.Encoder;
import io.xmodal.api.model.IncompatibleInputException;
import io.xmodal.api.model.Port;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * DCGAN's discriminator body: {@code stages} same-padded convolutions with kernel 4 and stride 2, each
 * halving the size and doubling the channels (from {@code filters}), with LeakyReLU(0.2) and optional
 * batch norm (never on the first, as in DCGAN). The features are the last map flattened ({@code dcgan})
 * or, after one more stride-1 convolution, averaged over positions ({@code patch}: an affine scoring
 * layer on the mean equals the mean of per-patch scores, PatchGAN's averaged logits). The {@code gan}
 * objective adds that scoring layer (and the condition); as encoders these blocks fill its
 * {@code discriminator} slot.
 */
abstract class ConvDiscriminator implements Encoder {
    private final boolean patch;

    ConvDiscriminator(boolean patch) {
        this.patch = patch;
    }

    static ComponentSpec.Builder spec(String name, String doc, Modality... accepts) {
        return ComponentSpec.of(Role.ENCODER, name).doc(doc).accepts(accepts).acceptsRank(3).produces(Modality.FEATURES)
                .param(Param.integer("stages", 3).range(1, 8).doc("strided convolutions (kernel 4, stride 2), each halving the size"))
                .param(Param.integer("filters", 32).range(1, 4096).doc("channels of the first convolution, doubled per stage"))
                .param(Param.integer("max-filters", 512).range(1, 8192).doc("upper limit on the channels of any stage"))
                .param(Param.bool("batch-norm", false).doc("batch normalisation after every convolution but the first (the current batch's statistics)"))
                .param(Param.real("slope", 0.2).range(0, 1).doc("LeakyReLU slope for negative inputs"));
    }

    @Override
    public Signature infer(Signature input, Params params) throws IncompatibleInputException {
        if (input.rank() != 3 || !spec().admits(input)) {
            throw new IncompatibleInputException(spec().name() + " takes " + spec().accepts().stream().map(Modality::id).sorted().toList()
                    + " [channels, rows, columns], got " + input);
        }
        int stages = params.getInt("stages");
        long h = input.dim(1);
        long w = input.dim(2);
        long ch = input.dim(0);
        for (int s = 0; s < stages; s++) {
            h = ConvGenerator.ceilDiv(h, 2);
            w = ConvGenerator.ceilDiv(w, 2);
            ch = channels(params, s);
        }
        return Signature.of(Modality.FEATURES, patch ? ch : ch * h * w);
    }

    private static long channels(Params params, int stage) {
        return Math.min(params.getInt("max-filters"), (long) params.getInt("filters") << Math.min(stage, 30));
    }

    @Override
    public Port build(BlockContext ctx, Port input, Params params) {
        Signature out = Nets.inferOrThrow(this, input.signature(), params);
        SameDiff sd = ctx.graph();
        int stages = params.getInt("stages");
        boolean bn = params.getBool("batch-norm");
        double slope = params.getDouble("slope");
        SDVariable x = input.variable();
        long ch = input.signature().dim(0);
        for (int s = 0; s < stages; s++) {
            long next = channels(params, s);
            BlockContext stage = ctx.child("stage" + s);
            boolean norm = bn && s > 0;
            x = Nets.conv(stage, x, ch, next, 4, 2, !norm);
            if (norm) {
                x = Nets.batchNorm(stage.child("bn"), x, next);
            }
            x = Nets.leakyRelu(x, slope);
            ch = next;
        }
        if (patch) {
            x = Nets.leakyRelu(Nets.conv(ctx.child("patch"), x, ch, ch, 4, 1, true), slope);
            return new Port(sd.mean(ctx.name("features"), x, 2, 3), out);
        }
        return new Port(sd.reshape(ctx.name("features"), x, -1, out.dim(0)), out);
    }
}
