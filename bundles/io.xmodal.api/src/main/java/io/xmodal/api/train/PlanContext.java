package io.xmodal.api.train;

import io.xmodal.api.Signature;
import io.xmodal.api.model.IncompatibleInputException;

import java.util.Optional;

/** What an objective sees while it checks a descriptor, before anything is built. */
public interface PlanContext {
    /** The signature of the model's input modality. */
    Signature input();

    /** The signature of the target modality. */
    Signature target();

    /** True when the descriptor configures this slot. */
    boolean has(String slot);

    /** The output signature of the block configured in {@code slot} for {@code in}. */
    Signature infer(String slot, Signature in) throws IncompatibleInputException;

    /**
     * The signature of the class modality that the objective's {@code labels} parameter names, when the
     * objective declares that parameter and the data has such a LABEL modality; then
     * {@link BuildContext#labels()} can be used.
     *
     * @since 0.3
     */
    default Optional<Signature> labels() {
        return Optional.empty();
    }
}
