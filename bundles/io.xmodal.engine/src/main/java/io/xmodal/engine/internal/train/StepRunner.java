package io.xmodal.engine.internal.train;

import io.xmodal.api.train.Phase;
import io.xmodal.engine.internal.build.StepArena;
import io.xmodal.engine.internal.descriptor.Experiment;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One training step of a plan: every phase, as many times as its schedule says, computes the
 * gradients of its loss for its own parameter group only and applies its own optimizer. Used by
 * the training loop and by the benchmark, so both time the same code.
 */
public final class StepRunner {
    private final SameDiff sd;
    private final List<Phase> phases;
    private final Map<Phase, List<String>> groups = new LinkedHashMap<>();
    private final Map<Phase, Optimizer> optimizers = new LinkedHashMap<>();
    private final Map<String, INDArray> live = new HashMap<>();
    private final StepArena arena;

    public StepRunner(SameDiff sd, List<Phase> phases, List<String> parameters, Experiment.Use optimizer) {
        this.sd = sd;
        this.phases = phases;
        // the gradient function must exist before its session can be configured
        List<String> losses = new ArrayList<>();
        phases.forEach(ph -> losses.add(ph.loss()));
        sd.setLossVariables(losses.toArray(new String[0]));
        if (sd.getFunction("grad") == null) {
            sd.createGradFunction();
        }
        arena = StepArena.install(sd);
        for (String p : parameters) {
            live.put(p, sd.getVariable(p).getArr());
        }
        for (Phase ph : phases) {
            groups.put(ph, ph.parameters().isEmpty() ? parameters : new ArrayList<>(ph.parameters()));
            optimizers.put(ph, new Optimizer(optimizer));
        }
    }

    /** The live parameter arrays by name (the graph's own arrays, updated in place). */
    public Map<String, INDArray> parameters() {
        return live;
    }

    /**
     * Runs one step on a batch.
     *
     * @return the loss of the first phase before its update
     * @throws Trainer.TrainingDiverged when a loss is not finite
     */
    public double step(Map<String, INDArray> placeholders, int epoch, long stepIndex) {
        OffHeap.collectWhenGrown();
        double first = Double.NaN;
        for (Phase phase : phases) {
            for (int k = 0; k < phase.steps(); k++) {
                OutAndGrad og = sd.calculateGradientsAndOutputs(placeholders, List.of(phase.loss()), groups.get(phase));
                double loss = og.getOutputs().get(phase.loss()).getDouble(0);
                if (!Double.isFinite(loss)) {
                    throw new Trainer.TrainingDiverged(String.format("training diverged: loss %s at epoch %d, step %d; "
                            + "lower train.optimizer.with.lr or set clip-norm", loss, epoch, stepIndex + 1));
                }
                Map<String, INDArray> grads = og.getGradients();
                Map<String, INDArray> params = new HashMap<>();
                for (String p : grads.keySet()) {
                    params.put(p, live.get(p));
                }
                optimizers.get(phase).step(params, grads, epoch - 1);
                if (phase == phases.get(0) && k == 0) {
                    first = loss;
                }
                arena.endStep();
            }
        }
        return first;
    }
}
