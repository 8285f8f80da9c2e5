package io.xmodal.sequence.internal;

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
 * What the gru and lstm encoders share: a sequence [T, W] (for example per-frame features from a
 * time-distributed encoder) runs through stacked recurrent layers from a zero state, and the top
 * layer's last hidden state is the features [hidden]. The layers are the decoders' (same equations,
 * same parameter layout, unrolled from primitive ops), fed one row block per step.
 */
abstract class RecurrentEncoder implements Encoder {
    private final RecurrentDecoder cell;

    RecurrentEncoder(RecurrentDecoder cell) {
        this.cell = cell;
    }

    static ComponentSpec spec(String name, String doc) {
        return ComponentSpec.of(Role.ENCODER, name).doc(doc)
                .accepts(Modality.SEQUENCE).acceptsRank(2).produces(Modality.FEATURES)
                .param(Param.integer("hidden", 64).range(1, 4096).doc("units of the hidden state; the features' width"))
                .param(Param.integer("layers", 1).range(1, 3).doc("stacked recurrent layers"))
                .build();
    }

    @Override
    public Signature infer(Signature input, Params params) throws IncompatibleInputException {
        String name = spec().name();
        if (input.modality() != Modality.SEQUENCE || input.rank() != 2) {
            throw new IncompatibleInputException(name + " encoder takes a sequence [steps, width], got " + input
                    + "; for frames put time-distributed before it");
        }
        if (input.dim(0) <= 0 || input.dim(1) <= 0) {
            throw new IncompatibleInputException(name + " encoder needs a known number of steps and width, got " + input);
        }
        return Signature.of(Modality.FEATURES, params.getInt("hidden"));
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
        // see RecurrentDecoder: split outputs must not come from SameDiff M2.1's array cache
        sd.setEnableCache(false);
        int steps = (int) input.signature().dim(0);
        long width = input.signature().dim(1);
        long hidden = params.getInt("hidden");
        // [B, T, W] -> time-major [T * B, W]: the input projection is one matmul for all steps
        SDVariable timeMajor = sd.reshape(sd.permute(input.variable(), 1, 0, 2), -1, width);
        RecurrentDecoder.LayerInput in = RecurrentDecoder.LayerInput.perStep(timeMajor, width);
        SDVariable[] seq = null;
        for (int l = 0; l < params.getInt("layers"); l++) {
            if (l > 0) {
                in = RecurrentDecoder.LayerInput.perStep(sd.concat(0, seq), hidden);
            }
            seq = cell.layer(ctx.child("layer" + l), in, null, steps, hidden);
        }
        return new Port(sd.identity(ctx.name("features"), seq[steps - 1]), out);
    }
}
