package io.xmodal.sequence.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.model.BlockContext;
import io.xmodal.api.model.Decoder;
import io.xmodal.api.model.Init;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.osgi.service.component.annotations.Component;

/**
 * GRU decoder: features [D] -> sequence [steps, hidden], with PyTorch's {@code nn.GRU} equations
 * <pre>
 * r  = sigmoid(W_ir x + b_ir + W_hr h + b_hr)
 * z  = sigmoid(W_iz x + b_iz + W_hz h + b_hz)
 * n  = tanh(W_in x + b_in + r * (W_hn h + b_hn))
 * h' = (1 - z) * n + z * h  =  n + z * (h - n)
 * </pre>
 * Weights are stored input-major ({@code w_ih [in, 3H]}, {@code w_hh [H, 3H]}), gate columns in
 * the order r, z, n, so {@code x w_ih} is PyTorch's {@code W_ih x} with {@code w_ih = W_ih^T}.
 * A layer whose inputs are zeros (the first layer in mode state) has no {@code w_ih}; its
 * {@code b_ir, b_iz} would only add to {@code b_hr, b_hz}, so {@code b_hh} carries both and only
 * {@code b_in} ([H]) remains: the same function with fewer parameters and ops.
 */
@Component(service = Decoder.class)
public final class GruDecoder extends RecurrentDecoder {
    private static final ComponentSpec SPEC = spec("gru",
            "GRU (PyTorch equations, unrolled) from features: features[D] -> sequence[steps, hidden]");

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    SDVariable[] layer(BlockContext ctx, LayerInput in, SDVariable h0, int steps, long hidden) {
        SameDiff sd = ctx.graph();
        SDVariable w = ctx.param("w_hh", Init.UNIFORM_FAN_IN, hidden, 3 * hidden, hidden, 3 * hidden);
        SDVariable b = ctx.param("b_hh", Init.UNIFORM_FAN_IN, hidden, 3 * hidden, 3 * hidden);

        // Input side per step: xRz = [W_ir x + b_ir, W_iz x + b_iz, 0] (added to all hidden-side gates
        // at once; the zeros leave W_hn h + b_hn alone for r * (...)), and xN = W_in x + b_in.
        SDVariable[] xRz = null;
        SDVariable[] xN;
        if (in.none()) {
            xN = new SDVariable[] {ctx.param("b_in", Init.UNIFORM_FAN_IN, hidden, 3 * hidden, hidden)};
        } else {
            SDVariable gi = project(ctx, in, 3 * hidden, hidden);
            SDVariable rz = gi.mul(sd.constant(ctx.name("rz-mask"), rzMask(hidden, ctx.dataType())));
            SDVariable n = sd.stridedSlice(gi, new long[] {0, 2 * hidden}, new long[] {0, 3 * hidden},
                    new long[] {1, 1}, 1, 1, 0, 0, 0);
            xRz = in.varies() ? perStep(sd, rz, steps) : new SDVariable[] {rz};
            xN = in.varies() ? perStep(sd, n, steps) : new SDVariable[] {n};
        }

        SDVariable[] out = new SDVariable[steps];
        SDVariable h = h0;
        for (int t = 0; t < steps; t++) {
            int i = in.varies() ? t : 0;
            // A zero state (mode input, step 0) leaves only the bias of the hidden-side gates.
            SDVariable gates = h == null ? sd.reshape(b, 1, 3 * hidden) : Affine.of(h, w, b);
            if (xRz != null) {
                gates = gates.add(xRz[i]);
            }
            // Equal split: SplitV has no gradient in SameDiff M2.1.
            SDVariable[] rzn = sd.split(gates, 3, 1);
            SDVariable r = sd.nn().sigmoid(rzn[0]);
            SDVariable z = sd.nn().sigmoid(rzn[1]);
            SDVariable n = sd.math().tanh(r.mul(rzn[2]).add(xN[i]));
            h = h == null ? n.sub(z.mul(n)) : n.add(z.mul(h.sub(n)));
            out[t] = h;
        }
        return out;
    }

    /** [1 (2H), 0 (H)]: keeps the r and z columns of the input projection. */
    private static INDArray rzMask(long hidden, DataType type) {
        INDArray mask = Nd4j.ones(type, 3 * hidden);
        mask.get(NDArrayIndex.interval(2 * hidden, 3 * hidden)).assign(0);
        return mask;
    }
}
