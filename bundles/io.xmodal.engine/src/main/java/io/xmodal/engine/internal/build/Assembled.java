package io.xmodal.engine.internal.build;

import io.xmodal.api.train.TrainingPlan;
import org.nd4j.autodiff.samediff.SameDiff;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A built model: the graph, its plan, the trainable parameters of each slot, and those of the slots the
 * descriptor freezes (no phase updates them).
 *
 * @param labels the placeholder of each sample's class index when the objective asked for one, else null
 */
public record Assembled(SameDiff graph, TrainingPlan plan, Map<String, Set<String>> parametersBySlot,
                        List<String> parameters, String input, String target, String labels, Set<String> frozen) {
    public Assembled(SameDiff graph, TrainingPlan plan, Map<String, Set<String>> parametersBySlot, List<String> parameters,
                     String input, String target) {
        this(graph, plan, parametersBySlot, parameters, input, target, null, Set.of());
    }

    public long parameterCount() {
        long n = 0;
        for (String p : parameters) {
            n += graph.getVariable(p).getArr().length();
        }
        return n;
    }
}
