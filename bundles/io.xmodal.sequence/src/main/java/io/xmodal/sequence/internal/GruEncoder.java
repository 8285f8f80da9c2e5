package io.xmodal.sequence.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.model.Encoder;
import org.osgi.service.component.annotations.Component;

/** GRU over a sequence, last hidden state as features: sequence[T, W] -> features[hidden] (GruDecoder's layers). */
@Component(service = Encoder.class)
public final class GruEncoder extends RecurrentEncoder {
    private static final ComponentSpec SPEC = spec("gru",
            "GRU (PyTorch equations, unrolled) over a sequence, last state: sequence[T,W] -> features[hidden]");

    public GruEncoder() {
        super(new GruDecoder());
    }

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }
}
