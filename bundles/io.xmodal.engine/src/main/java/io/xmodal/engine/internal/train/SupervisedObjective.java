package io.xmodal.engine.internal.train;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Modality;
import io.xmodal.api.Param;
import io.xmodal.api.Params;
import io.xmodal.api.Role;
import io.xmodal.api.Signature;
import io.xmodal.api.model.IncompatibleInputException;
import io.xmodal.api.model.Port;
import io.xmodal.api.train.BuildContext;
import io.xmodal.api.train.Objective;
import io.xmodal.api.train.Phase;
import io.xmodal.api.train.PlanContext;
import io.xmodal.api.train.Slot;
import io.xmodal.api.train.TrainingPlan;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.osgi.service.component.annotations.Component;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One loss between the model's prediction and the target: input -> encoder -> [decoder] -> head.
 * mse and l1 for regression targets, binary-cross-entropy for targets in [0, 1] under a sigmoid head
 * (pixels of frames and images: mse on sparse bright pixels easily settles on empty predictions),
 * cross-entropy (on the head's class probabilities) for labels.
 */
@Component(service = Objective.class)
public class SupervisedObjective implements Objective {
    static final ComponentSpec SPEC = ComponentSpec.of(Role.OBJECTIVE, "supervised")
            .doc("predict the target from the input with one loss: encoder -> decoder (optional) -> head")
            .param(Param.choice("loss", "mse", "mse", "l1", "binary-cross-entropy", "cross-entropy")
                    .doc("mean squared error, mean absolute error, binary cross-entropy per value (targets in [0,1], "
                            + "a regression head with sigmoid), or cross-entropy for label targets"))
            .build();

    private static final List<Slot> SLOTS = List.of(
            new Slot("encoder", Role.ENCODER, true),
            new Slot("decoder", Role.DECODER, false),
            new Slot("head", Role.HEAD, true));

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public List<Slot> slots() {
        return SLOTS;
    }

    @Override
    public void check(PlanContext ctx, Params params) throws IncompatibleInputException {
        String loss = params.getString("loss");
        boolean label = ctx.target().modality() == Modality.LABEL;
        if (label != loss.equals("cross-entropy")) {
            throw new IncompatibleInputException(label
                    ? "the target is a label (" + ctx.target() + "); use loss: cross-entropy"
                    : "loss cross-entropy needs a label target, but the target is " + ctx.target() + "; use mse or l1");
        }
        Signature s = ctx.infer("encoder", ctx.input());
        if (ctx.has("decoder")) {
            s = ctx.infer("decoder", s);
        }
        s = ctx.infer("head", s);
        if (!s.equals(ctx.target())) {
            throw new IncompatibleInputException("the model predicts " + s + " but the target is " + ctx.target()
                    + "; make the decoder/head produce the target's shape");
        }
    }

    @Override
    public TrainingPlan build(BuildContext ctx, Params params) {
        Port p = ctx.build("encoder", ctx.input());
        if (ctx.has("decoder")) {
            p = ctx.build("decoder", p);
        }
        p = ctx.build("head", p);
        SameDiff sd = ctx.graph();
        SDVariable pred = sd.identity("prediction", p.variable());
        SDVariable target = ctx.target().variable();
        SDVariable loss;
        switch (params.getString("loss")) {
            case "l1":
                loss = sd.math.abs(pred.sub(target)).mean("loss");
                break;
            case "binary-cross-entropy": {
                // the head gives values in (0, 1); clamp away from 0 and 1 so both logs stay finite
                SDVariable clipped = sd.math.clipByValue(pred, 1e-7, 1 - 1e-7);
                loss = target.mul(sd.math.log(clipped)).add(target.rsub(1.0).mul(sd.math.log(clipped.rsub(1.0)))).mean().neg("loss");
                break;
            }
            case "cross-entropy": {
                // the head gives probabilities; clamp away from 0 so log stays finite
                SDVariable logp = sd.math.log(sd.math.clipByValue(pred, 1e-7, 1.0));
                loss = logp.mul(target).sum(1).mean().neg("loss");
                break;
            }
            default: {
                SDVariable d = pred.sub(target);
                loss = d.mul(d).mean("loss");
            }
        }
        return new TrainingPlan(pred.name(), List.of(new Phase("main", loss.name(), Set.of(), 1, "main")), Map.of());
    }
}
