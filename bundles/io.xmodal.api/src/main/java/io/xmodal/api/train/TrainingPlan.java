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
 * @param feeds      extra placeholders (by name) the engine feeds on every step and at evaluation, beside the
 *                   input and the target (since 0.3)
 * @param evaluationLoss the graph variable whose mean over the validation split is {@code val.loss} (watched
 *                   by early stopping and the best-epoch restore); null: the first phase's loss (since 0.3)
 */
public record TrainingPlan(String prediction, List<Phase> phases, Map<String, String> logged, Map<String, String> embeddings,
                           Map<String, Feed> feeds, String evaluationLoss) {
    /** Key of {@link #embeddings()} for the embedding of the model's input. */
    public static final String INPUT = "input";
    /** Key of {@link #embeddings()} for the embedding of the model's target. */
    public static final String TARGET = "target";

    public TrainingPlan {
        phases = List.copyOf(phases);
        logged = Map.copyOf(logged);
        embeddings = Map.copyOf(embeddings);
        feeds = Map.copyOf(feeds);
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("a training plan needs at least one phase");
        }
        if (!embeddings.isEmpty() && !(embeddings.size() == 2 && embeddings.containsKey(INPUT) && embeddings.containsKey(TARGET))) {
            throw new IllegalArgumentException("embeddings must name exactly '" + INPUT + "' and '" + TARGET + "', not " + embeddings.keySet());
        }
    }

    /** A plan without extra feeds, whose validation loss is the first phase's loss. */
    public TrainingPlan(String prediction, List<Phase> phases, Map<String, String> logged, Map<String, String> embeddings) {
        this(prediction, phases, logged, embeddings, Map.of(), null);
    }

    /** A plan whose model predicts its target (no embeddings). */
    public TrainingPlan(String prediction, List<Phase> phases, Map<String, String> logged) {
        this(prediction, phases, logged, Map.of());
    }

    /**
     * This plan with extra placeholders fed on every step and at evaluation.
     *
     * @since 0.3
     */
    public TrainingPlan withFeeds(Map<String, Feed> extra) {
        return new TrainingPlan(prediction, phases, logged, embeddings, extra, evaluationLoss);
    }

    /**
     * This plan with {@code variable} as the validation loss.
     *
     * @since 0.3
     */
    public TrainingPlan withEvaluationLoss(String variable) {
        return new TrainingPlan(prediction, phases, logged, embeddings, feeds, variable);
    }

    /**
     * The variable whose mean over the validation split is {@code val.loss}.
     *
     * @since 0.3
     */
    public String validationLoss() {
        return evaluationLoss != null ? evaluationLoss : phases.get(0).loss();
    }

    /** True when the model embeds input and target in one space. */
    public boolean embeds() {
        return !embeddings.isEmpty();
    }
}
