package org.example.xmodal.mlp;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Modality;
import io.xmodal.api.Param;
import io.xmodal.api.Params;
import io.xmodal.api.Role;
import io.xmodal.api.Signature;
import io.xmodal.api.model.BlockContext;
import io.xmodal.api.model.Encoder;
import io.xmodal.api.model.IncompatibleInputException;
import io.xmodal.api.model.Init;
import io.xmodal.api.model.Port;
import org.nd4j.autodiff.samediff.SDVariable;
import org.osgi.service.component.annotations.Component;

/**
 * A two-layer perceptron over the flattened input: {@code y = tanh(x W1 + b1) W2 + b2}. Any input of
 * fixed size (an image, a series, a spectrogram, features) becomes {@code width} features.
 */
@Component(service = Encoder.class)
public class MlpEncoder implements Encoder {
    static final ComponentSpec SPEC = ComponentSpec.of(Role.ENCODER, "example-mlp")
            .doc("third-party example: flattens the input, one tanh hidden layer, then a linear layer to `width` features")
            .accepts(Modality.IMAGE, Modality.SERIES, Modality.SPECTROGRAM, Modality.FEATURES)
            .produces(Modality.FEATURES)
            .param(Param.integer("hidden", 64).range(1, 65536).doc("units of the tanh hidden layer"))
            .param(Param.integer("width", 32).range(1, 65536).doc("output features"))
            .build();

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public Signature infer(Signature in, Params p) throws IncompatibleInputException {
        if (in.size() <= 0) {
            throw new IncompatibleInputException("example-mlp needs an input of fixed size, got " + in
                    + "; put a fixed-length transform (e.g. a crop or resample) before it");
        }
        return Signature.of(Modality.FEATURES, p.getInt("width"));
    }

    @Override
    public Port build(BlockContext ctx, Port in, Params p) {
        long n = in.signature().size();
        int hidden = p.getInt("hidden");
        int width = p.getInt("width");
        SDVariable x = in.variable().reshape(-1, n);
        SDVariable w1 = ctx.param("w1", Init.XAVIER_UNIFORM, n, hidden, n, hidden);
        SDVariable b1 = ctx.param("b1", Init.ZEROS, n, hidden, hidden);
        SDVariable w2 = ctx.param("w2", Init.XAVIER_UNIFORM, hidden, width, hidden, width);
        SDVariable b2 = ctx.param("b2", Init.ZEROS, hidden, width, width);
        // matmul + add (not sd.nn().linear, whose gradients are wrong in ND4J 1.0.0-M2.1)
        SDVariable h = ctx.graph().math().tanh(x.mmul(w1).add(b1));
        SDVariable y = h.mmul(w2).add(ctx.name("out"), b2);
        return new Port(y, Signature.of(Modality.FEATURES, width));
    }
}
