package org.example.video;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Modality;
import io.xmodal.api.Param;
import io.xmodal.api.Params;
import io.xmodal.api.Role;
import io.xmodal.api.Signature;
import io.xmodal.api.model.BlockContext;
import io.xmodal.api.model.Head;
import io.xmodal.api.model.IncompatibleInputException;
import io.xmodal.api.model.Init;
import io.xmodal.api.model.Port;
import io.xmodal.api.model.TargetScaling;
import org.nd4j.autodiff.samediff.SDVariable;

/** A test-only head: features -> affine -> sigmoid -> FRAMES [frames, 1, size, size]. */
public class FramesHead implements Head {
    static final ComponentSpec SPEC = ComponentSpec.of(Role.HEAD, "test-frames").doc("features -> affine -> sigmoid frames (tests only)")
            .accepts(Modality.FEATURES).produces(Modality.FRAMES)
            .param(Param.integer("frames", 1).range(1, 100).doc("frames"))
            .param(Param.integer("size", 16).range(1, 256).doc("side"))
            .build();

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public TargetScaling targetScaling(Params params) {
        return TargetScaling.range(0, 1);
    }

    @Override
    public Signature infer(Signature in, Params p) throws IncompatibleInputException {
        if (in.modality() != Modality.FEATURES || in.rank() != 1) {
            throw new IncompatibleInputException("test-frames takes features, got " + in);
        }
        return Signature.of(Modality.FRAMES, p.getInt("frames"), 1, p.getInt("size"), p.getInt("size"));
    }

    @Override
    public Port build(BlockContext ctx, Port in, Params p) {
        Signature out;
        try {
            out = infer(in.signature(), p);
        } catch (IncompatibleInputException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        long width = in.signature().dim(0);
        long n = out.size();
        SDVariable w = ctx.param("w", Init.XAVIER_UNIFORM, width, n, width, n);
        SDVariable b = ctx.param("b", Init.ZEROS, width, n, 1, n);
        SDVariable y = ctx.graph().nn().sigmoid(in.variable().mmul(w).add(b));
        return new Port(ctx.graph().reshape(ctx.name("frames"), y, -1, out.dim(0), 1, out.dim(2), out.dim(3)), out);
    }
}
