package io.xmodal.api.train;

import io.xmodal.api.Component;
import io.xmodal.api.Params;
import io.xmodal.api.model.IncompatibleInputException;

import java.util.List;

/**
 * Owns the training step: which model slots exist, how they connect, which losses are minimised
 * over which parameter groups and in what schedule. Register under this interface.
 */
public interface Objective extends Component {
    /** The slots of the descriptor's {@code model:} section this objective builds. */
    List<Slot> slots();

    /** Checks that the configured slots fit the data, without building anything. */
    void check(PlanContext ctx, Params params) throws IncompatibleInputException;

    /** Builds the graph and returns how to train it. */
    TrainingPlan build(BuildContext ctx, Params params);

    /**
     * The optimizer groups ({@link Phase#group()}) the plan built with {@code params} uses, known before
     * building so that the descriptor's {@code train.optimizers} can be checked.
     *
     * @since 0.3
     */
    default List<String> groups(Params params) {
        return List.of("main");
    }

    /**
     * True when {@link #build} returns a plan with {@link TrainingPlan#embeddings() embeddings}: the
     * engine then evaluates with {@link RetrievalMetric}s (all of them unless the descriptor names some)
     * and needs no head. Such an objective may declare two parameters the engine reads: {@code relevance}
     * ({@code instance}: a query's relevant item is its own pair; {@code class}: every item of its class)
     * and {@code labels} (the modality holding the class of each sample).
     *
     * @since 0.2
     */
    default boolean embeds() {
        return false;
    }

    /**
     * True when the plan's prediction is a generated sample of the target modality (a GAN's or a VAE's
     * output): the engine then also scores the generated samples (see docs/generative.md).
     *
     * @since 0.3
     */
    default boolean generates() {
        return false;
    }
}
