package io.xmodal.api.train;

import java.util.List;
import java.util.Map;

/**
 * What an objective built: the variable holding predictions, the phases of a training cycle, extra
 * scalar variables to log each epoch (name to graph variable), and, for objectives that embed both
 * modalities in one space, the embedding of each.
 *
 * @param embeddings empty for a model that predicts its target; else {@link #INPUT} and {@link #TARGET}
 *                   mapped to the graph variables holding the L2-normalised embeddings [batch, dim] of the
 *                   input and of the target. The input's depends on the input placeholder alone and the
 *                   target's on the target placeholder alone, so each encoder runs without the other; the
 *                   engine then scores retrieval between them instead of predictions against targets.
 */
public record TrainingPlan(String prediction, List<Phase> phases, Map<String, String> logged, Map<String, String> embeddings) {
    /** Key of {@link #embeddings()} for the embedding of the model's input. */
    public static final String INPUT = "input";
    /** Key of {@link #embeddings()} for the embedding of the model's target. */
    public static final String TARGET = "target";

    public TrainingPlan {
        phases = List.copyOf(phases);
        logged = Map.copyOf(logged);
        embeddings = Map.copyOf(embeddings);
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("a training plan needs at least one phase");
        }
        if (!embeddings.isEmpty() && !(embeddings.size() == 2 && embeddings.containsKey(INPUT) && embeddings.containsKey(TARGET))) {
            throw new IllegalArgumentException("embeddings must name exactly '" + INPUT + "' and '" + TARGET + "', not " + embeddings.keySet());
        }
    }

    /** A plan whose model predicts its target (no embeddings). */
    public TrainingPlan(String prediction, List<Phase> phases, Map<String, String> logged) {
        this(prediction, phases, logged, Map.of());
    }

    /** True when the model embeds input and target in one space. */
    public boolean embeds() {
        return !embeddings.isEmpty();
    }
}
