package org.example.video;

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

/**
 * A test-only encoder that lets the engine's video path run end to end before real video blocks exist:
 * FRAMES [T, C, H, W] flattened, then one affine map to {@code width} features and tanh.
 */
public class FlatFramesEncoder implements Encoder {
    static final ComponentSpec SPEC = ComponentSpec.of(Role.ENCODER, "test-flat-frames").doc("flattened frames -> affine -> tanh (tests only)")
            .accepts(Modality.FRAMES).produces(Modality.FEATURES)
            .param(Param.integer("width", 16).range(1, 4096).doc("features"))
            .build();

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public Signature infer(Signature in, Params p) throws IncompatibleInputException {
        if (in.modality() != Modality.FRAMES || in.rank() != 4 || in.size() <= 0) {
            throw new IncompatibleInputException("test-flat-frames takes frames [T, C, H, W], got " + in);
        }
        return Signature.of(Modality.FEATURES, p.getInt("width"));
    }

    @Override
    public Port build(BlockContext ctx, Port in, Params p) {
        long n = in.signature().size();
        int width = p.getInt("width");
        SDVariable x = in.variable().reshape(-1, n);
        SDVariable w = ctx.param("w", Init.XAVIER_UNIFORM, n, width, n, width);
        SDVariable b = ctx.param("b", Init.ZEROS, n, width, 1, width);
        return new Port(ctx.graph().math().tanh(ctx.name("out"), x.mmul(w).add(b)), Signature.of(Modality.FEATURES, width));
    }
}
