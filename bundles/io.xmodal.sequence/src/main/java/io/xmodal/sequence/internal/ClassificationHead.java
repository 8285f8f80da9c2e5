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
import org.osgi.service.component.annotations.Component;

/**
 * Classification head: flattens its input, optionally applies one hidden dense layer with ReLU,
 * then an affine map to the classes and a softmax, giving class probabilities LABEL[classes] for
 * the supervised objective's cross-entropy.
 */
@Component(service = Head.class)
public final class ClassificationHead implements Head {
    private static final ComponentSpec SPEC = ComponentSpec.of(Role.HEAD, "classification")
            .doc("class probabilities: flatten -> [dense hidden + relu] -> dense classes -> softmax -> label[classes]")
            .accepts(Modality.FEATURES, Modality.SEQUENCE, Modality.SERIES, Modality.IMAGE, Modality.SPECTROGRAM)
            .produces(Modality.LABEL)
            .param(Param.integer("classes", null).range(2, 1_000_000).doc("number of classes; must match the label target"))
            .param(Param.integer("hidden", 0).range(0, 65536).doc("width of one hidden ReLU layer before the output; 0 is none"))
            .build();

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public TargetScaling targetScaling(Params params) {
        return TargetScaling.none();
    }

    @Override
    public Signature infer(Signature input, Params params) throws IncompatibleInputException {
        if (input.size() <= 0) {
            throw new IncompatibleInputException("classification needs a fixed-size input, got " + input);
        }
        return Signature.of(Modality.LABEL, params.getInt("classes"));
    }

    @Override
    public Port build(BlockContext ctx, Port input, Params params) {
        long n = input.signature().size();
        int classes = params.getInt("classes");
        int hidden = params.getInt("hidden");
        SDVariable x = input.signature().rank() == 1 ? input.variable() : input.variable().reshape(-1, n);
        long width = n;
        if (hidden > 0) {
            SDVariable w = ctx.param("hidden/w", Init.UNIFORM_FAN_IN, width, hidden, width, hidden);
            SDVariable b = ctx.param("hidden/b", Init.UNIFORM_FAN_IN, width, hidden, hidden);
            x = ctx.graph().nn().relu(Affine.of(x, w, b), 0);
            width = hidden;
        }
        SDVariable w = ctx.param("w", Init.UNIFORM_FAN_IN, width, classes, width, classes);
        SDVariable b = ctx.param("b", Init.UNIFORM_FAN_IN, width, classes, classes);
        SDVariable p = ctx.graph().nn().softmax(ctx.name("probabilities"), Affine.of(x, w, b), 1);
        return new Port(p, Signature.of(Modality.LABEL, classes));
    }
}
