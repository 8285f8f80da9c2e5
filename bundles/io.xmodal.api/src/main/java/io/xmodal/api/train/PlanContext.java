package io.xmodal.api.train;

import io.xmodal.api.Signature;
import io.xmodal.api.model.IncompatibleInputException;

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
}
