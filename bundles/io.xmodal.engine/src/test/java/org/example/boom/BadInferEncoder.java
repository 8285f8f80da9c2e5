package org.example.boom;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Modality;
import io.xmodal.api.Params;
import io.xmodal.api.Role;
import io.xmodal.api.Signature;
import io.xmodal.api.model.BlockContext;
import io.xmodal.api.model.Encoder;
import io.xmodal.api.model.Port;

/** A third-party encoder whose infer has a bug (a null dereference), found while a descriptor is checked. */
public class BadInferEncoder implements Encoder {
    static final ComponentSpec SPEC = ComponentSpec.of(Role.ENCODER, "bad-infer").doc("throws in infer")
            .accepts(Modality.IMAGE).produces(Modality.FEATURES).build();

    private final String missing = null;

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public Signature infer(Signature in, Params p) {
        return Signature.of(Modality.FEATURES, missing.length());
    }

    @Override
    public Port build(BlockContext ctx, Port in, Params p) {
        throw new UnsupportedOperationException("never reached");
    }
}
