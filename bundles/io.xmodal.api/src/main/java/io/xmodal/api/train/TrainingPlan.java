package io.xmodal.api.train;

import java.util.List;
import java.util.Map;

/**
 * What an objective built: the variable holding predictions, the phases of a training cycle, and
 * extra scalar variables to log each epoch (name to graph variable).
 */
public record TrainingPlan(String prediction, List<Phase> phases, Map<String, String> logged) {
    public TrainingPlan {
        phases = List.copyOf(phases);
        logged = Map.copyOf(logged);
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("a training plan needs at least one phase");
        }
    }
}
