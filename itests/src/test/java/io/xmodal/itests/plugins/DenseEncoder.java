package io.xmodal.itests.plugins;

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

/**
 * The encoders of the plugin itests' test bundles (packed into jars by {@code TestJars}, each jar with
 * one DS component): flatten, then one dense layer with tanh. Subclasses differ only by name, so that
 * each test has a component of its own.
 */
public abstract class DenseEncoder implements Encoder {
    private final ComponentSpec spec;

    protected DenseEncoder(String name) {
        this.spec = ComponentSpec.of(Role.ENCODER, name)
                .doc("plugin itest encoder: flattens the input, one dense layer with tanh")
                .accepts(Modality.IMAGE, Modality.SERIES, Modality.FEATURES).produces(Modality.FEATURES)
                .param(Param.integer("width", 8).range(1, 4096).doc("output features"))
                .build();
    }

    @Override
    public ComponentSpec spec() {
        return spec;
    }

    @Override
    public Signature infer(Signature in, Params p) throws IncompatibleInputException {
        if (in.size() <= 0) {
            throw new IncompatibleInputException(spec.name() + " needs an input of fixed size, got " + in);
        }
        return Signature.of(Modality.FEATURES, p.getInt("width"));
    }

    @Override
    public Port build(BlockContext ctx, Port in, Params p) {
        long n = in.signature().size();
        int width = p.getInt("width");
        SDVariable x = in.variable().reshape(-1, n);
        SDVariable w = ctx.param("w", Init.XAVIER_UNIFORM, n, width, n, width);
        SDVariable b = ctx.param("b", Init.ZEROS, n, width, width);
        SDVariable y = ctx.graph().math().tanh(ctx.name("out"), x.mmul(w).add(b));
        return new Port(y, Signature.of(Modality.FEATURES, width));
    }

    /** Component {@code itest-good} (feature install). */
    public static final class Good extends DenseEncoder {
        public Good() {
            super("itest-good");
        }
    }

    /** Component {@code itest-hot} (drop-ins: hot deploy, update, removal). */
    public static final class Hot extends DenseEncoder {
        public Hot() {
            super("itest-hot");
        }
    }

    /** Component {@code itest-twin} (two versions side by side). */
    public static final class Twin extends DenseEncoder {
        public Twin() {
            super("itest-twin");
        }
    }
}
