package io.xmodal.generative.internal;

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
import org.nd4j.autodiff.samediff.SameDiff;
import org.osgi.service.component.annotations.Component;

import java.util.List;

/**
 * A multilayer perceptron over any fixed-size input, flattened: {@code hidden} ReLU layers and an
 * affine output of {@code width} features. Encodes a condition that is already a vector (a class's
 * one-hot row, a few measurements) for the gan and vae objectives.
 */
@Component(service = Encoder.class)
public final class MlpEncoder implements Encoder {
    static final ComponentSpec SPEC = ComponentSpec.of(Role.ENCODER, "mlp")
            .doc("multilayer perceptron: any fixed-size input, flattened -> ReLU layers -> features[width]")
            .accepts(Modality.ANY).produces(Modality.FEATURES)
            .param(Param.intList("hidden", List.of(64)).doc("units of each hidden ReLU layer (empty: one affine map)"))
            .param(Param.integer("width", 32).range(1, 65536).doc("output features"))
            .param(Param.choice("activation", "relu", "relu", "linear", "tanh").doc("activation of the output features"))
            .build();

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public Signature infer(Signature input, Params params) throws IncompatibleInputException {
        if (input.size() <= 0) {
            throw new IncompatibleInputException("mlp needs an input of fixed size, got " + input);
        }
        for (int h : hidden(params)) {
            if (h < 1) {
                throw new IncompatibleInputException("mlp: every hidden layer needs at least 1 unit, got " + hidden(params));
            }
        }
        return Signature.of(Modality.FEATURES, params.getInt("width"));
    }

    /** The hidden widths, read as numbers (an int list may reach a component as doubles). */
    private static List<Integer> hidden(Params params) {
        Object v = params.asMap().get("hidden");
        if (!(v instanceof List<?> l)) {
            return params.getIntList("hidden");
        }
        return l.stream().map(o -> ((Number) o).intValue()).toList();
    }

    @Override
    public Port build(BlockContext ctx, Port input, Params params) {
        Signature out = Nets.inferOrThrow(this, input.signature(), params);
        SameDiff sd = ctx.graph();
        long n = input.signature().size();
        SDVariable x = input.signature().rank() == 1 ? input.variable() : sd.reshape(input.variable(), -1, n);
        List<Integer> hidden = hidden(params);
        for (int i = 0; i < hidden.size(); i++) {
            x = Nets.relu(Nets.dense(ctx.child("layer" + i), x, n, hidden.get(i), Init.HE_NORMAL));
            n = hidden.get(i);
        }
        x = Nets.dense(ctx.child("out"), x, n, params.getInt("width"), Init.XAVIER_UNIFORM);
        x = switch (params.getString("activation")) {
            case "relu" -> sd.nn().relu(ctx.name("features"), x, 0);
            case "tanh" -> sd.math().tanh(ctx.name("features"), x);
            default -> sd.identity(ctx.name("features"), x);
        };
        return new Port(x, out);
    }
}
