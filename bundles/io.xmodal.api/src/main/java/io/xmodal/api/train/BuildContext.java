package io.xmodal.api.train;

import io.xmodal.api.model.BlockContext;
import io.xmodal.api.model.Port;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.Set;

/** What an objective uses to build the model graph. */
public interface BuildContext {
    SameDiff graph();

    DataType dataType();

    /** The placeholder of the model's input, batch first. */
    Port input();

    /** The placeholder of the target (scaled as the head asks), batch first. */
    Port target();

    /** True when the descriptor configures this slot. */
    boolean has(String slot);

    /** Builds the block configured in {@code slot} after {@code in}, scoped by the slot name. */
    Port build(String slot, Port in);

    /** The trainable variables that the block in {@code slot} created. */
    Set<String> parametersOf(String slot);

    /**
     * A block context for parameters the objective itself owns (a projection head, a learnable
     * temperature): names scoped by {@code scope}, values seeded from the experiment seed and the name
     * like a slot's, and trained with the rest of the model. {@code scope} must not be a slot name.
     *
     * @since 0.2
     */
    default BlockContext owned(String scope) {
        throw new UnsupportedOperationException("this engine does not give objectives parameters of their own");
    }

    /**
     * The placeholder holding the class index of each sample of the batch, shape [batch], as floats: the
     * values of the modality that the objective's {@code labels} parameter names, fed with every training
     * and evaluation batch. For objectives that use the class inside the loss (a class-supervised
     * contrastive loss, say); check {@link PlanContext#labels()} first.
     *
     * @throws IllegalStateException when the data has no such modality
     * @since 0.3
     */
    default Port labels() {
        throw new UnsupportedOperationException("this engine does not feed class labels to objectives");
    }
}
