package org.example.generative;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Param;
import io.xmodal.api.Params;
import io.xmodal.api.Role;
import io.xmodal.api.model.BlockContext;
import io.xmodal.api.model.Init;
import io.xmodal.api.train.BuildContext;
import io.xmodal.api.train.Objective;
import io.xmodal.api.train.Phase;
import io.xmodal.api.train.PlanContext;
import io.xmodal.api.train.Slot;
import io.xmodal.api.train.TrainingPlan;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A test objective that "generates" its target with known quality, to test scoring: {@code copy} returns
 * the real target itself (a perfect generator), {@code noise} a per-pixel hash of the target and the pixel's
 * position (uniform-looking values in [0, 1) that keep nothing of the class), {@code constant} one learned
 * picture for every condition (total mode collapse). One trainable variable, pulled towards the mean target.
 */
public final class EchoGenerator implements Objective {
    @Override
    public ComponentSpec spec() {
        return ComponentSpec.of(Role.OBJECTIVE, "echo-generator").doc("test objective: generated = real, noise or one constant")
                .param(Param.choice("mode", "copy", "copy", "noise", "constant").doc("what is generated"))
                .param(Param.string("labels", "class").doc("the modality holding each sample's class"))
                .build();
    }

    @Override
    public List<Slot> slots() {
        return List.of();
    }

    @Override
    public void check(PlanContext ctx, Params params) {
    }

    @Override
    public boolean generates() {
        return true;
    }

    @Override
    public TrainingPlan build(BuildContext ctx, Params params) {
        SameDiff sd = ctx.graph();
        SDVariable target = ctx.target().variable();
        long[] shape = ctx.target().signature().withBatch(1);
        BlockContext own = ctx.owned("echo");
        SDVariable w = own.param("w", Init.ZEROS, 1, 1, shape);
        SDVariable pred = switch (params.getString("mode")) {
            case "copy" -> target.add(w.mul(0.0));
            case "constant" -> target.mul(0.0).add(w);
            default -> {
                long n = 1;
                for (long d : shape) {
                    n *= d;
                }
                SDVariable position = sd.constant("echo/position", Nd4j.linspace(0, n - 1, n, ctx.dataType()).reshape(shape));
                SDVariable x = sd.math.sin(target.mul(12.9898).add(position.mul(78.233))).mul(43758.5453);
                yield x.sub(sd.math.floor(x)).add(w.mul(0.0));
            }
        };
        pred = sd.identity("generated", pred);
        SDVariable d = w.sub(target.mean(true, 0));
        SDVariable loss = d.mul(d).mean().rename("echo_loss");
        return new TrainingPlan(pred.name(), List.of(new Phase("main", loss.name(), Set.of(), 1, "main")), Map.of());
    }
}
