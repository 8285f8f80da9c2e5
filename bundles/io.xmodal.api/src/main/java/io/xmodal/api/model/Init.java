package io.xmodal.api.model;

/** How a trainable parameter starts. */
public enum Init {
    /** All zeros (biases). */
    ZEROS,
    /** All ones (batch-norm scale). */
    ONES,
    /** U(-1/sqrt(fanIn), 1/sqrt(fanIn)): PyTorch's default for linear, convolution and recurrent weights. */
    UNIFORM_FAN_IN,
    /** Glorot/Xavier uniform: U(-a, a) with a = sqrt(6 / (fanIn + fanOut)). */
    XAVIER_UNIFORM,
    /** He/Kaiming normal: N(0, 2 / fanIn), for ReLU layers. */
    HE_NORMAL
}
