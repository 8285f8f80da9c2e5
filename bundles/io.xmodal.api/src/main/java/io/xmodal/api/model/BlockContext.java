package io.xmodal.api.model;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

/** What a block may use while it adds itself to the model graph. */
public interface BlockContext {
    /** The graph the whole model is built in. */
    SameDiff graph();

    /** This block's name scope, unique in the graph (for example {@code encoder}). */
    String scope();

    /** A unique variable name in this scope: {@code scope + "/" + local}. */
    String name(String local);

    /**
     * Creates a trainable parameter in this scope, initialised deterministically from the
     * experiment seed and its name.
     *
     * @param fanIn  inputs per output unit (for example in-channels x kernel area)
     * @param fanOut outputs per input unit
     */
    SDVariable param(String local, Init init, long fanIn, long fanOut, long... shape);

    /** Floating-point type of the model (float32 for training, float64 in gradient checks). */
    DataType dataType();

    /** A seed for this block, derived from the experiment seed and the scope. */
    long seed();

    /** A context for a sub-block, scoped {@code scope + "/" + local}. */
    BlockContext child(String local);
}
