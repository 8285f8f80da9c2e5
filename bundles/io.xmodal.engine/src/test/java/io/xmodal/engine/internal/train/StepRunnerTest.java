package io.xmodal.engine.internal.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.xmodal.api.train.Phase;
import io.xmodal.engine.internal.descriptor.Experiment;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Each phase follows the gradient of its own loss only, not of the sum of every phase's loss. */
class StepRunnerTest {
    @Test
    void eachPhaseDescendsItsOwnLossOnly() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", Nd4j.scalar(DataType.DOUBLE, 0.0).reshape(1));
        SDVariable y = sd.var("y", Nd4j.scalar(DataType.DOUBLE, 5.0).reshape(1));
        SDVariable a = x.sub(1.0);
        a.mul(a).sum("first");      // (x - 1)^2, phase one, moves x
        SDVariable b = y.sub(x);
        b.mul(b).sum("second");     // (y - x)^2, phase two, moves y; its gradient in x must not reach phase one
        List<Phase> phases = List.of(new Phase("one", "first", Set.of("x"), 1, "one"), new Phase("two", "second", Set.of("y"), 1, "two"));
        StepRunner runner = new StepRunner(sd, phases, List.of("x", "y"),
                g -> new Experiment.Use("sgd", Map.of("lr", 0.1, "weight-decay", 0.0, "clip-norm", 0.0)), Set.of(), Map.of());
        double first = runner.step(Map.of(), 1, 0);
        assertEquals(1.0, first, 1e-12);
        // x: 0 - 0.1 * 2 (0 - 1) = 0.2 (following first + second would give 0 - 0.1 * (-2 - 10) = 1.2)
        assertEquals(0.2, sd.getVariable("x").getArr().getDouble(0), 1e-12);
        // y, after x moved: 5 - 0.1 * 2 (5 - 0.2) = 4.04
        assertEquals(4.04, sd.getVariable("y").getArr().getDouble(0), 1e-12);
        assertEquals(Map.of("one", 1.0, "two", 23.04), Map.of("one", runner.lastLosses().get("one"), "two", round(runner.lastLosses().get("two"))));
    }

    private static double round(double v) {
        return Math.round(v * 1e9) / 1e9;
    }
}
