package io.xmodal.sequence.internal;

class GruDecoderTest extends RecurrentDecoderContract {
    @Override
    RecurrentDecoder decoder() {
        return new GruDecoder();
    }

    @Override
    boolean lstm() {
        return false;
    }
}
