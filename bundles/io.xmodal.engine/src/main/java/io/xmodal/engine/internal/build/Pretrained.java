package io.xmodal.engine.internal.build;

import io.xmodal.engine.internal.descriptor.Experiment;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Starts slots from an earlier run ({@code from: {run, slot}}) and collects the parameters of frozen
 * slots. The descriptor checker has already compared the two slots' configurations; here every
 * variable of the slot must exist in the earlier graph (scoped by its slot there) with the same shape,
 * and the earlier slot must have no variable this one lacks.
 */
public final class Pretrained {
    private Pretrained() {
    }

    /**
     * Copies the earlier runs' values into {@code model}'s slots and returns the parameters of its
     * frozen slots.
     *
     * @throws IllegalStateException naming both runs' variables when a name or a shape differs
     */
    public static Set<String> apply(SameDiff sd, Map<String, Set<String>> bySlot, Map<String, Experiment.Reuse> reuse) {
        Set<String> frozen = new LinkedHashSet<>();
        for (Map.Entry<String, Experiment.Reuse> e : reuse.entrySet()) {
            String slot = e.getKey();
            Experiment.Reuse r = e.getValue();
            Set<String> mine = bySlot.getOrDefault(slot, Set.of());
            if (r.frozen()) {
                frozen.addAll(mine);
            }
            if (r.fromRun() != null) {
                load(sd, slot, mine, r);
            }
        }
        return frozen;
    }

    private static void load(SameDiff sd, String slot, Set<String> mine, Experiment.Reuse r) {
        File graph = new File(r.fromRun(), "model/graph.sd");
        SameDiff earlier;
        try {
            earlier = SameDiff.load(graph, false);
        } catch (RuntimeException ex) {
            throw new IllegalStateException("model." + slot + ".from: cannot load " + graph + ": " + ex.getMessage(), ex);
        }
        String prefix = r.fromSlot() + "/";
        Set<String> theirs = new TreeSet<>();
        for (SDVariable v : earlier.variables()) {
            if (v.getVariableType() == org.nd4j.autodiff.samediff.VariableType.VARIABLE && v.name().startsWith(prefix)) {
                theirs.add(v.name());
            }
        }
        List<String> problems = new ArrayList<>();
        for (String name : new TreeSet<>(mine)) {
            String there = prefix + name.substring(slot.length() + 1);
            theirs.remove(there);
            SDVariable v = earlier.hasVariable(there) ? earlier.getVariable(there) : null;
            if (v == null || v.getArr() == null) {
                problems.add(name + " has no counterpart " + there);
                continue;
            }
            INDArray value = v.getArr();
            INDArray target = sd.getVariable(name).getArr();
            if (!Arrays.equals(value.shape(), target.shape())) {
                problems.add(name + " is " + Arrays.toString(target.shape()) + " here but " + there + " is " + Arrays.toString(value.shape()));
                continue;
            }
            target.assign(value.castTo(target.dataType()));
        }
        theirs.forEach(t -> problems.add(t + " has no counterpart in model." + slot));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("model." + slot + ".from: the weights of " + graph + " do not fit: " + String.join("; ", problems));
        }
    }
}
