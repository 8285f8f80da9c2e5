package io.xmodal.sequence.internal;

class LstmDecoderTest extends RecurrentDecoderContract {
    @Override
    RecurrentDecoder decoder() {
        return new LstmDecoder();
    }

    @Override
    boolean lstm() {
        return true;
    }
}
