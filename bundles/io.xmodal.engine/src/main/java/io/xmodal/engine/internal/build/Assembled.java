package io.xmodal.engine.internal.build;

import io.xmodal.api.train.TrainingPlan;
import org.nd4j.autodiff.samediff.SameDiff;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A built model: the graph, its plan, and the trainable parameters of each slot.
 *
 * @param labels the placeholder of each sample's class index when the objective asked for one, else null
 */
public record Assembled(SameDiff graph, TrainingPlan plan, Map<String, Set<String>> parametersBySlot,
                        List<String> parameters, String input, String target, String labels) {
    public Assembled(SameDiff graph, TrainingPlan plan, Map<String, Set<String>> parametersBySlot, List<String> parameters,
                     String input, String target) {
        this(graph, plan, parametersBySlot, parameters, input, target, null);
    }

    public long parameterCount() {
        long n = 0;
        for (String p : parameters) {
            n += graph.getVariable(p).getArr().length();
        }
        return n;
    }
}
