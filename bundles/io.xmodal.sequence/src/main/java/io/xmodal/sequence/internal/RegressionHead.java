package io.xmodal.sequence.internal;

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
import org.nd4j.autodiff.samediff.SameDiff;
import org.osgi.service.component.annotations.Component;

/**
 * Regression head for series, images and frames. A sequence [T, H] gets one affine map H -> 1 shared
 * by all steps, then the activation; a series [T], an image [C, H, W] or frames [T, C, H, W] get the
 * activation only (a decoder already made the target's shape). Targets are scaled to the
 * activation's range: [0, 1] for sigmoid, [-1, 1] for tanh, standardised for linear.
 */
@Component(service = Head.class)
public final class RegressionHead implements Head {
    private static final ComponentSpec SPEC = ComponentSpec.of(Role.HEAD, "regression")
            .doc("per-step regression: sequence[T,H] -> affine H->1 + activation -> series[T]; series[T], image[C,H,W] "
                    + "and frames[T,C,H,W] -> activation")
            .accepts(Modality.SEQUENCE, Modality.SERIES, Modality.IMAGE, Modality.FRAMES)
            .produces(Modality.SERIES, Modality.IMAGE, Modality.FRAMES)
            .param(Param.choice("activation", "sigmoid", "sigmoid", "tanh", "linear")
                    .doc("output activation; targets are scaled to its range: sigmoid [0,1], tanh [-1,1], "
                            + "linear zero mean and unit variance"))
            .build();

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public TargetScaling targetScaling(Params params) {
        return switch (params.getString("activation")) {
            case "sigmoid" -> TargetScaling.range(0, 1);
            case "tanh" -> TargetScaling.range(-1, 1);
            default -> TargetScaling.standard();
        };
    }

    @Override
    public Signature infer(Signature input, Params params) throws IncompatibleInputException {
        boolean sequence = input.modality() == Modality.SEQUENCE && input.rank() == 2;
        boolean series = input.modality() == Modality.SERIES && input.rank() == 1;
        boolean image = input.modality() == Modality.IMAGE && input.rank() == 3;
        boolean frames = input.modality() == Modality.FRAMES && input.rank() == 4;
        if (!sequence && !series && !image && !frames) {
            throw new IncompatibleInputException("regression takes a sequence [steps, width], a series [steps], an image "
                    + "[channels, height, width] or frames [time, channels, height, width], got " + input
                    + "; use a decoder that produces one");
        }
        if (image || frames) {
            return input;
        }
        if (sequence && input.dim(1) <= 0) {
            throw new IncompatibleInputException("regression needs a known sequence width, got " + input);
        }
        return Signature.of(Modality.SERIES, input.dim(0));
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
        if (input.signature().modality() == Modality.SEQUENCE) {
            long width = input.signature().dim(1);
            SDVariable w = ctx.param("w", Init.UNIFORM_FAN_IN, width, 1, width);
            SDVariable b = ctx.param("b", Init.UNIFORM_FAN_IN, width, 1, 1);
            // sum_h x[b,t,h] w[h]: as few ops as reshape + matmul + reshape, and T may be variable.
            // (tensorMmul would be one op, but tensormmul_bp fails on these shapes in M2.1.)
            x = x.mul(w).sum(2).add(b);
        }
        String name = ctx.name(input.signature().modality() == Modality.SEQUENCE ? "series" : input.signature().modality().id());
        SDVariable y = switch (params.getString("activation")) {
            case "sigmoid" -> sd.nn().sigmoid(name, x);
            case "tanh" -> sd.math().tanh(name, x);
            default -> sd.identity(name, x);
        };
        return new Port(y, out);
    }
}
