package io.xmodal.api.train;

import java.util.Set;

/**
 * One optimisation step kind within a training cycle.
 *
 * @param name       shown in logs ("d", "g", "main")
 * @param loss       the graph variable minimised in this phase
 * @param parameters the graph variables it updates; empty means every trainable parameter
 * @param steps      how many steps of this phase per cycle (for example d:5, g:1)
 * @param group      the optimizer group (from the descriptor) whose settings apply
 */
public record Phase(String name, String loss, Set<String> parameters, int steps, String group) {
    public Phase {
        parameters = Set.copyOf(parameters);
        if (steps < 1) {
            throw new IllegalArgumentException("phase '" + name + "' needs steps >= 1, not " + steps);
        }
    }
}
