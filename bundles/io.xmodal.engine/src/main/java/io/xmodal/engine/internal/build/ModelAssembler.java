package io.xmodal.engine.internal.build;

import io.xmodal.api.Params;
import io.xmodal.api.Signature;
import io.xmodal.api.model.BlockContext;
import io.xmodal.api.model.Port;
import io.xmodal.api.train.BuildContext;
import io.xmodal.api.train.Objective;
import io.xmodal.api.train.TrainingPlan;
import io.xmodal.engine.internal.descriptor.Experiment;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds one SameDiff graph from an objective and the configured blocks. Each block must return
 * exactly the signature its {@code infer} promised; a block that breaks that contract is named.
 * LABEL targets travel as one-hot rows [classes].
 */
public final class ModelAssembler {
    public static final String INPUT = "input";
    public static final String TARGET = "target";
    public static final String LABELS = "labels";

    private ModelAssembler() {
    }

    public static Assembled assemble(Objective objective, Params objectiveParams, SlotBlocks blocks, Signature input,
                                     Signature target, long seed, DataType type) {
        return assemble(objective, objectiveParams, blocks, input, target, null, seed, type, Map.of());
    }

    /** As above, then starts slots from earlier runs and freezes slots as {@code reuse} says (see {@link Pretrained}). */
    public static Assembled assemble(Objective objective, Params objectiveParams, SlotBlocks blocks, Signature input,
                                     Signature target, long seed, DataType type, Map<String, Experiment.Reuse> reuse) {
        return assemble(objective, objectiveParams, blocks, input, target, null, seed, type, reuse);
    }

    /**
     * As above, with the class labels.
     *
     * @param labels the class modality's signature when the data has the one the objective's {@code labels}
     *               parameter names, else null; the labels placeholder exists only if the objective asks for it
     */
    public static Assembled assemble(Objective objective, Params objectiveParams, SlotBlocks blocks, Signature input,
                                     Signature target, Signature labels, long seed, DataType type, Map<String, Experiment.Reuse> reuse) {
        SameDiff sd = SameDiff.create();
        SDVariable[] labelsPlaceholder = new SDVariable[1];
        SDVariable in = sd.placeHolder(INPUT, type, input.withBatch(-1));
        SDVariable tg = sd.placeHolder(TARGET, type, target.withBatch(-1));
        Map<String, Set<String>> bySlot = new LinkedHashMap<>();
        BuildContext ctx = new BuildContext() {
            @Override
            public SameDiff graph() {
                return sd;
            }

            @Override
            public DataType dataType() {
                return type;
            }

            @Override
            public Port input() {
                return new Port(in, input);
            }

            @Override
            public Port target() {
                return new Port(tg, target);
            }

            @Override
            public Port labels() {
                if (labels == null) {
                    throw new IllegalStateException("objective '" + objective.spec().name() + "' uses the class of each sample, but the data has no"
                            + " label modality named by its labels parameter");
                }
                if (labelsPlaceholder[0] == null) {
                    labelsPlaceholder[0] = sd.placeHolder(LABELS, type, -1);
                }
                return new Port(labelsPlaceholder[0], labels);
            }

            @Override
            public boolean has(String slot) {
                return blocks.has(slot);
            }

            @Override
            public Port build(String slot, Port from) {
                SlotBlocks.Configured c = blocks.get(slot);
                Set<String> created = bySlot.computeIfAbsent(slot, k -> new LinkedHashSet<>());
                Port out = from;
                for (SlotBlocks.Link link : c.links()) {
                    Signature promised;
                    try {
                        promised = link.block().infer(out.signature(), link.params());
                    } catch (Exception e) {
                        throw new IllegalStateException(link.describe() + " in " + link.path() + ": " + e.getMessage(), e);
                    }
                    out = link.block().build(new GraphBlockContext(sd, link.scope(), seed, type, created), out, link.params());
                    if (!out.signature().equals(promised)) {
                        throw new IllegalStateException(link.describe() + " in " + link.path() + " built " + out.signature()
                                + " but its infer() promised " + promised + " (a bug in that component's bundle)");
                    }
                }
                return out;
            }

            @Override
            public BlockContext owned(String scope) {
                if (blocks.has(scope)) {
                    throw new IllegalArgumentException("scope '" + scope + "' is a slot of the model; give the objective's own parameters another scope");
                }
                return new GraphBlockContext(sd, scope, seed, type, bySlot.computeIfAbsent(scope, k -> new LinkedHashSet<>()));
            }

            @Override
            public Set<String> parametersOf(String slot) {
                return Set.copyOf(bySlot.getOrDefault(slot, Set.of()));
            }
        };
        TrainingPlan plan = objective.build(ctx, objectiveParams);
        List<String> params = new ArrayList<>();
        bySlot.values().forEach(params::addAll);
        Set<String> frozen = Pretrained.apply(sd, bySlot, reuse);
        return new Assembled(sd, plan, bySlot, params, INPUT, TARGET, labelsPlaceholder[0] == null ? null : LABELS, frozen);
    }
}
