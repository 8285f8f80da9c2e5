package org.example.boom;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Modality;
import io.xmodal.api.Params;
import io.xmodal.api.Role;
import io.xmodal.api.Signature;
import io.xmodal.api.model.BlockContext;
import io.xmodal.api.model.Encoder;
import io.xmodal.api.model.Port;

/**
 * A third-party encoder with a bug: it promises features but throws while the graph is built. Its
 * package is outside io.xmodal.engine, as a plugin's would be (the engine's isolation tests).
 */
public class BoomEncoder implements Encoder {
    static final ComponentSpec SPEC = ComponentSpec.of(Role.ENCODER, "boom").doc("throws while building")
            .accepts(Modality.IMAGE).produces(Modality.FEATURES).build();

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public Signature infer(Signature in, Params p) {
        return Signature.of(Modality.FEATURES, 8);
    }

    @Override
    public Port build(BlockContext ctx, Port in, Params p) {
        return Helper.explode();
    }

    /** The throw happens one class deeper, in the same package. */
    static final class Helper {
        static Port explode() {
            throw new IllegalStateException("boom while building the graph");
        }
    }
}
