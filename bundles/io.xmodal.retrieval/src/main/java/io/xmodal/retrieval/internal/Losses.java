package io.xmodal.retrieval.internal;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Contrastive losses between two batches of L2-normalised embeddings whose rows pair up (row i of
 * {@code a} belongs with row i of {@code b}); every other row of the batch is a negative. Both are
 * symmetric: the mean of the loss with {@code a} as queries and with {@code b} as queries. Written
 * from primitive ops (matmul, exp, log, reductions) so SameDiff differentiates them; each is checked
 * against numerical gradients in double precision.
 */
final class Losses {
    private Losses() {
    }

    /**
     * InfoNCE / NT-Xent (as in CLIP): cross-entropy of the batch's similarity matrix times
     * {@code scale} (1 / temperature) against the diagonal, over rows and over columns, averaged.
     * The log-sum-exp subtracts the row maximum first, so scales up to 100 stay finite in float32.
     */
    static SDVariable infoNce(SameDiff sd, String name, SDVariable a, SDVariable b, SDVariable scale) {
        SDVariable logits = sd.mmul(a, b, false, true, false).mul(scale);
        SDVariable positives = a.mul(b).sum(1).mul(scale);
        SDVariable rows = logSumExp(sd, logits, 1).sub(positives).mean();
        SDVariable cols = logSumExp(sd, logits, 0).sub(positives).mean();
        return rows.add(cols).mul(0.5).rename(name);
    }

    /** log(sum(exp(x))) along {@code dim}, stabilised by the maximum. */
    static SDVariable logSumExp(SameDiff sd, SDVariable x, int dim) {
        SDVariable max = x.max(true, dim);
        SDVariable lse = sd.math.log(sd.math.exp(x.sub(max)).sum(true, dim)).add(max);
        return sd.reshape(lse, -1);
    }

    /**
     * Triplet loss with margin on squared Euclidean distances (2 - 2 cos for unit vectors), in both
     * directions. {@code batchHard}: per anchor only the hardest negative of the batch (the closest
     * non-pair), as in Hermans et al. 2017; else every negative, averaged ("batch-all").
     */
    static SDVariable triplet(SameDiff sd, String name, SDVariable a, SDVariable b, double margin, boolean batchHard) {
        SDVariable dist = sd.mmul(a, b, false, true, false).mul(-2.0).add(2.0);
        SDVariable pos = a.mul(b).sum(1).mul(-2.0).add(2.0); // [B]
        SDVariable eye = sd.math.diag(sd.onesLike(pos)); // [B, B]
        SDVariable loss;
        if (batchHard) {
            // distances are at most 4: adding 5 on the diagonal keeps the pair out of the minimum
            SDVariable masked = dist.add(eye.mul(5.0));
            SDVariable hardRow = masked.min(1); // hardest gallery item for each row of a
            SDVariable hardCol = masked.min(0); // hardest item of a for each row of b
            SDVariable lr = sd.nn.relu(pos.sub(hardRow).add(margin), 0).mean();
            SDVariable lc = sd.nn.relu(pos.sub(hardCol).add(margin), 0).mean();
            loss = lr.add(lc).mul(0.5);
        } else {
            SDVariable offDiagonal = eye.rsub(1.0);
            SDVariable count = offDiagonal.sum();
            SDVariable posCol = sd.reshape(pos, -1, 1);
            SDVariable posRow = sd.reshape(pos, 1, -1);
            SDVariable lr = sd.nn.relu(posCol.sub(dist).add(margin), 0).mul(offDiagonal).sum().div(count);
            SDVariable lc = sd.nn.relu(posRow.sub(dist).add(margin), 0).mul(offDiagonal).sum().div(count);
            loss = lr.add(lc).mul(0.5);
        }
        return loss.rename(name);
    }

    /** Rows divided by their Euclidean norm (plus a tiny epsilon so a zero row stays finite). */
    static SDVariable l2Normalize(SameDiff sd, SDVariable x) {
        SDVariable norm = sd.math.sqrt(x.mul(x).sum(true, 1).add(1e-12));
        return x.div(norm);
    }
}
