package io.xmodal.retrieval.internal;

import io.xmodal.api.model.BlockContext;
import io.xmodal.api.model.Init;
import org.nd4j.autodiff.samediff.SDVariable;

/**
 * A projection head into the joint space: {@code x W + b} (affine maps as matmul + add, not
 * xw_plus_b, whose gradients ND4J 1.0.0-M2.1 gets wrong under oneDNN), with one hidden ReLU layer of
 * {@code hidden} units when hidden > 0 (as in SimCLR).
 */
final class Projection {
    private Projection() {
    }

    static SDVariable build(BlockContext ctx, SDVariable x, long in, int hidden, int dim) {
        SDVariable h = x;
        long width = in;
        if (hidden > 0) {
            SDVariable w1 = ctx.param("w1", Init.HE_NORMAL, width, hidden, width, hidden);
            SDVariable b1 = ctx.param("b1", Init.ZEROS, width, hidden, 1, hidden);
            h = ctx.graph().nn.relu(h.mmul(w1).add(b1), 0);
            width = hidden;
        }
        SDVariable w = ctx.param("w", Init.XAVIER_UNIFORM, width, dim, width, dim);
        SDVariable b = ctx.param("b", Init.ZEROS, width, dim, 1, dim);
        return h.mmul(w).add(b);
    }
}
