package io.xmodal.engine.internal.train;

import io.xmodal.api.train.Phase;
import io.xmodal.engine.internal.build.StepArena;
import io.xmodal.engine.internal.descriptor.Experiment;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One training step of a plan: every phase, as many times as its schedule says, computes the
 * gradients of its loss for its own parameter group only (less the frozen parameters) and applies its
 * own optimizer (the descriptor's {@code train.optimizers} entry for the phase's group, else
 * {@code train.optimizer}). Each of a phase's steps in one cycle sees the same batch. Used by the
 * training loop and by the benchmark, so both time the same code.
 */
public final class StepRunner {
    private final SameDiff sd;
    private final List<Phase> phases;
    private final Map<Phase, List<String>> groups = new LinkedHashMap<>();
    private final Map<Phase, Optimizer> optimizers = new LinkedHashMap<>();
    private final Map<String, INDArray> live = new HashMap<>();
    private final Map<String, String> logged;
    private final Map<String, Double> lastLogged = new LinkedHashMap<>();
    private final Map<String, Double> lastLosses = new LinkedHashMap<>();
    private final StepArena arena;
    /** Per phase, the fed weights of the losses in the trained sum (empty with a single loss). */
    private final Map<Phase, Map<String, INDArray>> weights = new HashMap<>();

    /** Prefix of the placeholders that weight each phase's loss in the one loss SameDiff differentiates. */
    static final String WEIGHT = "xmodal/phase-weight/";
    /** The weighted sum of the phases' losses. */
    static final String COMBINED = "xmodal/phase-loss";

    public StepRunner(SameDiff sd, List<Phase> phases, List<String> parameters, Experiment.Use optimizer) {
        this(sd, phases, parameters, g -> optimizer, Set.of(), Map.of());
    }

    /**
     * @param optimizerOf the optimizer settings of an optimizer group ({@link Phase#group()})
     * @param frozen      parameters no phase updates
     * @param logged      extra scalars (name to graph variable) computed with the first phase's step
     */
    public StepRunner(SameDiff sd, List<Phase> phases, List<String> parameters, Function<String, Experiment.Use> optimizerOf,
                      Set<String> frozen, Map<String, String> logged) {
        this.sd = sd;
        this.phases = phases;
        this.logged = new java.util.TreeMap<>(logged); // a plan's map has no order: log in name order
        // SameDiff differentiates the sum of all its loss variables: with one loss variable per phase, D's step
        // would follow d-loss + g-loss. So phases with different losses train one weighted sum, each phase
        // feeding weight 1 to its own loss and 0 to the others'.
        List<String> losses = new ArrayList<>();
        phases.forEach(ph -> {
            if (!losses.contains(ph.loss())) {
                losses.add(ph.loss());
            }
        });
        if (losses.size() == 1) {
            sd.setLossVariables(losses.get(0));
        } else {
            sd.setLossVariables(weightedSum(sd, losses));
            for (Phase ph : phases) {
                Map<String, INDArray> w = new HashMap<>();
                for (String l : losses) {
                    DataType type = sd.getVariable(l).dataType();
                    w.put(WEIGHT + l, Nd4j.scalar(type, l.equals(ph.loss()) ? 1.0 : 0.0).reshape());
                }
                weights.put(ph, w);
            }
        }
        // the gradient function must exist before its session can be configured
        if (sd.getFunction("grad") == null) {
            sd.createGradFunction();
        }
        arena = StepArena.install(sd);
        for (String p : parameters) {
            live.put(p, sd.getVariable(p).getArr());
        }
        for (Phase ph : phases) {
            List<String> group = new ArrayList<>(ph.parameters().isEmpty() ? parameters : ph.parameters());
            group.removeAll(frozen);
            groups.put(ph, group);
            optimizers.put(ph, new Optimizer(optimizerOf.apply(ph.group())));
        }
    }

    /** Σ w_l · l over the phases' losses, each weight a scalar placeholder; reused when the graph has it already. */
    private static String weightedSum(SameDiff sd, List<String> losses) {
        if (sd.hasVariable(COMBINED)) {
            return COMBINED;
        }
        SDVariable sum = null;
        for (String l : losses) {
            SDVariable loss = sd.getVariable(l);
            SDVariable w = sd.placeHolder(WEIGHT + l, loss.dataType());
            SDVariable term = loss.mul(w);
            sum = sum == null ? term : sum.add(term);
        }
        return sd.identity(COMBINED, sum).name();
    }

    /** The live parameter arrays by name (the graph's own arrays, updated in place). */
    public Map<String, INDArray> parameters() {
        return live;
    }

    /** The parameters each phase updates (its group without the frozen ones), by phase name. */
    public Map<String, List<String>> groups() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        groups.forEach((ph, g) -> m.put(ph.name(), List.copyOf(g)));
        return m;
    }

    /** The logged scalars of the last step, computed with its first phase before that phase's update. */
    public Map<String, Double> lastLogged() {
        return lastLogged;
    }

    /** Each phase's loss in the last step (its first repetition, before its update), by phase name. */
    public Map<String, Double> lastLosses() {
        return lastLosses;
    }

    /**
     * Runs one step on a batch.
     *
     * @return the loss of the first phase before its update
     * @throws Trainer.TrainingDiverged when a loss is not finite, naming the phase, its loss variable, epoch and step
     */
    public double step(Map<String, INDArray> placeholders, int epoch, long stepIndex) {
        OffHeap.collectWhenGrown();
        double first = Double.NaN;
        lastLogged.clear();
        lastLosses.clear();
        for (Phase phase : phases) {
            List<String> group = groups.get(phase);
            Map<String, INDArray> fed = placeholders;
            if (weights.containsKey(phase)) {
                fed = new HashMap<>(placeholders);
                fed.putAll(weights.get(phase));
            }
            for (int k = 0; k < phase.steps(); k++) {
                boolean firstCall = phase == phases.get(0) && k == 0;
                List<String> outputs = new ArrayList<>();
                outputs.add(phase.loss());
                if (firstCall) {
                    logged.values().stream().filter(v -> !outputs.contains(v)).forEach(outputs::add);
                }
                Map<String, INDArray> values;
                Map<String, INDArray> grads;
                if (group.isEmpty()) {
                    // every parameter of this phase is frozen: nothing to update, the loss is still reported
                    values = sd.output(fed, outputs.toArray(new String[0]));
                    grads = Map.of();
                } else {
                    OutAndGrad og = sd.calculateGradientsAndOutputs(fed, outputs, group);
                    values = og.getOutputs();
                    grads = og.getGradients();
                }
                double loss = values.get(phase.loss()).getDouble(0);
                if (!Double.isFinite(loss)) {
                    String lr = phases.size() > 1 ? "train.optimizers." + phase.group() + ".with.lr" : "train.optimizer.with.lr";
                    throw new Trainer.TrainingDiverged(String.format("training diverged in phase '%s': its loss '%s' is %s at epoch %d, step %d; "
                            + "lower %s or set clip-norm", phase.name(), phase.loss(), loss, epoch, stepIndex + 1, lr));
                }
                if (firstCall) {
                    logged.forEach((name, variable) -> lastLogged.put(name, values.get(variable).getDouble(0)));
                }
                if (k == 0) {
                    lastLosses.put(phase.name(), loss);
                }
                Map<String, INDArray> params = new HashMap<>();
                for (String p : grads.keySet()) {
                    params.put(p, live.get(p));
                }
                if (!grads.isEmpty()) {
                    optimizers.get(phase).step(params, grads, epoch - 1);
                }
                if (firstCall) {
                    first = loss;
                }
                arena.endStep();
            }
        }
        return first;
    }
}
