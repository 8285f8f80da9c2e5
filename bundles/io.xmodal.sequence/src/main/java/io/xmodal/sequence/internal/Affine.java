package io.xmodal.sequence.internal;

import org.nd4j.autodiff.samediff.SDVariable;

/**
 * {@code x w + b} as matmul + add. Not {@code sd.nn().linear} (the xw_plus_b op): in ND4J
 * 1.0.0-M2.1 with oneDNN helpers on, {@code SameDiff.fit} computes wrong gradients through
 * xw_plus_b (up to 50% off; calculateGradients is right), pinned by SameDiffWorkaroundsTest. The op
 * count is the same: matmul + add forward, matmul_bp + add_bp backward.
 */
final class Affine {
    private Affine() {
    }

    static SDVariable of(SDVariable x, SDVariable w, SDVariable b) {
        return x.mmul(w).add(b);
    }
}
