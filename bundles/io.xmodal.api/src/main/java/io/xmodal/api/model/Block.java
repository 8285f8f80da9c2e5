package io.xmodal.api.model;

import io.xmodal.api.Component;
import io.xmodal.api.Params;
import io.xmodal.api.Signature;

/** A part of a model that adds SameDiff operations to the graph. */
public interface Block extends Component {
    /**
     * The output signature this block produces for {@code input} with {@code params}, computed
     * without building anything. It must equal what {@link #build} returns.
     *
     * @throws IncompatibleInputException when the input's modality or shape does not fit
     */
    Signature infer(Signature input, Params params) throws IncompatibleInputException;

    /** Adds this block's operations after {@code input} and returns its output. */
    Port build(BlockContext ctx, Port input, Params params);
}
