package io.xmodal.sequence.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.model.Encoder;
import org.osgi.service.component.annotations.Component;

/** LSTM over a sequence, last hidden state as features: sequence[T, W] -> features[hidden] (LstmDecoder's layers). */
@Component(service = Encoder.class)
public final class LstmEncoder extends RecurrentEncoder {
    private static final ComponentSpec SPEC = spec("lstm",
            "LSTM (PyTorch equations, unrolled) over a sequence, last state: sequence[T,W] -> features[hidden]");

    public LstmEncoder() {
        super(new LstmDecoder());
    }

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }
}
