package io.xmodal.sequence.internal;

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
 * Direct regression of a whole series from features: one affine layer features[D] -> series[steps],
 * optionally after one hidden ReLU layer. The output is linear; the head applies the activation.
 */
@Component(service = Decoder.class)
public final class DenseDecoder implements Decoder {
    private static final ComponentSpec SPEC = ComponentSpec.of(Role.DECODER, "dense")
            .doc("direct regression: features[D] -> series[steps] by one affine layer (optionally one hidden ReLU layer)")
            .accepts(Modality.FEATURES).acceptsRank(1).produces(Modality.SERIES)
            .param(Param.integer("steps", 64).range(1, 1_000_000).doc("length of the output series"))
            .param(Param.integer("hidden", 0).range(0, 65_536)
                    .doc("0 = none; else the units of one hidden dense layer with ReLU before the output layer"))
            .build();

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public Signature infer(Signature input, Params params) throws IncompatibleInputException {
        if (input.modality() != Modality.FEATURES || input.rank() != 1) {
            throw new IncompatibleInputException("dense takes features [width], got " + input
                    + "; put an encoder before it that produces features");
        }
        if (input.dim(0) <= 0) {
            throw new IncompatibleInputException("dense needs a known feature width, got " + input);
        }
        return Signature.of(Modality.SERIES, params.getInt("steps"));
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
        SDVariable x = input.variable();
        long width = input.signature().dim(0);
        long hidden = params.getInt("hidden");
        if (hidden > 0) {
            x = sd.nn().relu(affine(ctx.child("hidden"), x, width, hidden), 0);
            width = hidden;
        }
        SDVariable series = affine(ctx.child("out"), x, width, out.dim(0));
        return new Port(sd.identity(ctx.name("series"), series), out);
    }

    /** x W + b with PyTorch's default initialisation of nn.Linear. */
    private static SDVariable affine(BlockContext ctx, SDVariable x, long in, long out) {
        SDVariable w = ctx.param("w", Init.UNIFORM_FAN_IN, in, out, in, out);
        SDVariable b = ctx.param("b", Init.UNIFORM_FAN_IN, in, out, out);
        return Affine.of(x, w, b);
    }
}
