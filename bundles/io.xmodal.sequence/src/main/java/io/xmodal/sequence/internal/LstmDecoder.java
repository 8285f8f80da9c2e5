package io.xmodal.sequence.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.model.BlockContext;
import io.xmodal.api.model.Decoder;
import io.xmodal.api.model.Init;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.osgi.service.component.annotations.Component;

/**
 * LSTM decoder: features [D] -> sequence [steps, hidden], with PyTorch's {@code nn.LSTM} equations
 * <pre>
 * i = sigmoid(W_ii x + b_ii + W_hi h + b_hi)     f = sigmoid(W_if x + b_if + W_hf h + b_hf)
 * g = tanh(W_ig x + b_ig + W_hg h + b_hg)        o = sigmoid(W_io x + b_io + W_ho h + b_ho)
 * c' = f * c + i * g                             h' = o * tanh(c')
 * </pre>
 * Weights are stored input-major ({@code w_ih [in, 4H]}, {@code w_hh [H, 4H]}), gate columns in
 * PyTorch's order i, f, g, o, so {@code x w_ih} is PyTorch's {@code W_ih x} with {@code w_ih = W_ih^T}.
 * The cell state starts at zero. A layer whose inputs are zeros (the first layer
 * in mode state) has no {@code w_ih} and no {@code b_ih}: that bias would only add to {@code b_hh}.
 */
@Component(service = Decoder.class)
public final class LstmDecoder extends RecurrentDecoder {
    private static final ComponentSpec SPEC = spec("lstm",
            "LSTM (PyTorch equations, unrolled) from features: features[D] -> sequence[steps, hidden]");

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    SDVariable[] layer(BlockContext ctx, LayerInput in, SDVariable h0, int steps, long hidden) {
        SameDiff sd = ctx.graph();
        SDVariable w = ctx.param("w_hh", Init.UNIFORM_FAN_IN, hidden, 4 * hidden, hidden, 4 * hidden);
        SDVariable b = ctx.param("b_hh", Init.UNIFORM_FAN_IN, hidden, 4 * hidden, 4 * hidden);

        SDVariable[] x = null;
        if (!in.none()) {
            SDVariable gi = project(ctx, in, 4 * hidden, hidden);
            x = in.varies() ? perStep(sd, gi, steps) : new SDVariable[] {gi};
        }

        SDVariable[] out = new SDVariable[steps];
        SDVariable h = h0;
        SDVariable c = null;
        for (int t = 0; t < steps; t++) {
            // A zero state (mode input, step 0) leaves only the bias of the hidden-side gates.
            SDVariable pre = h == null ? sd.reshape(b, 1, 4 * hidden) : Affine.of(h, w, b);
            if (x != null) {
                pre = pre.add(x[in.varies() ? t : 0]);
            }
            // Equal split: SplitV has no gradient in SameDiff M2.1.
            SDVariable[] ifgo = sd.split(pre, 4, 1);
            SDVariable i = sd.nn().sigmoid(ifgo[0]);
            SDVariable g = sd.math().tanh(ifgo[2]);
            // c0 = 0, so the first step skips f * c.
            c = c == null ? i.mul(g) : sd.nn().sigmoid(ifgo[1]).mul(c).add(i.mul(g));
            h = sd.nn().sigmoid(ifgo[3]).mul(sd.math().tanh(c));
            out[t] = h;
        }
        return out;
    }
}
