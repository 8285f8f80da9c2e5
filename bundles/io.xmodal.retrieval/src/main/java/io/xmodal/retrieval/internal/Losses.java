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

    /**
     * The class-supervised InfoNCE (SupCon, Khosla et al. 2020, across two modalities): every item of the
     * other modality with the query's class is a positive. Per query, minus the mean log-softmax
     * probability of its positives; over rows and columns, averaged. With every class distinct it equals
     * {@link #infoNce}.
     *
     * @param labels the class index of each row [B], as floats
     */
    static SDVariable supervisedInfoNce(SameDiff sd, String name, SDVariable a, SDVariable b, SDVariable scale, SDVariable labels) {
        SDVariable logits = sd.mmul(a, b, false, true, false).mul(scale);
        SDVariable same = sameClass(sd, labels);
        SDVariable positives = logits.mul(same);
        SDVariable rows = logSumExp(sd, logits, 1).sub(positives.sum(1).div(same.sum(1))).mean();
        SDVariable cols = logSumExp(sd, logits, 0).sub(positives.sum(0).div(same.sum(0))).mean();
        return rows.add(cols).mul(0.5).rename(name);
    }

    /** [B, B]: 1 where rows i and j have the same class, else 0 (labels are whole numbers). */
    static SDVariable sameClass(SameDiff sd, SDVariable labels) {
        SDVariable col = sd.reshape(labels, -1, 1);
        SDVariable row = sd.reshape(labels, 1, -1);
        return sd.nn.relu(sd.math.abs(col.sub(row)).rsub(1.0), 0);
    }

    /**
     * Triplet loss with classes: the positives of an anchor are the items of the other modality with its
     * class, the negatives those of other classes. {@code batchHard}: the farthest positive against the
     * closest negative per anchor; else every (positive, negative) pair of each anchor, averaged over the
     * pairs. Both directions, averaged.
     */
    static SDVariable supervisedTriplet(SameDiff sd, String name, SDVariable a, SDVariable b, SDVariable labels, double margin,
                                        boolean batchHard) {
        SDVariable dist = sd.mmul(a, b, false, true, false).mul(-2.0).add(2.0); // [B, B], within [0, 4]
        SDVariable same = sameClass(sd, labels);
        SDVariable other = same.rsub(1.0);
        SDVariable loss;
        if (batchHard) {
            // distances lie in [0, 4]: pushing the excluded entries out by 5 keeps them out of the max / min
            SDVariable farPos = dist.sub(other.mul(5.0));
            SDVariable nearNeg = dist.add(same.mul(5.0));
            SDVariable lr = sd.nn.relu(farPos.max(1).sub(nearNeg.min(1)).add(margin), 0).mean();
            SDVariable lc = sd.nn.relu(farPos.max(0).sub(nearNeg.min(0)).add(margin), 0).mean();
            loss = lr.add(lc).mul(0.5);
        } else {
            loss = allTriplets(sd, dist, same, other, margin).add(allTriplets(sd, sd.transpose(dist), same, other, margin)).mul(0.5);
        }
        return loss.rename(name);
    }

    /** Mean over anchors i, positives p and negatives n (row-wise) of relu(d[i,p] - d[i,n] + margin). */
    private static SDVariable allTriplets(SameDiff sd, SDVariable dist, SDVariable same, SDVariable other, double margin) {
        SDVariable pos = sd.expandDims(dist, 2); // [B, B, 1]: d[i, p]
        SDVariable neg = sd.expandDims(dist, 1); // [B, 1, B]: d[i, n]
        SDVariable mask = sd.expandDims(same, 2).mul(sd.expandDims(other, 1)); // [B, B, B]
        SDVariable hinge = sd.nn.relu(pos.sub(neg).add(margin), 0).mul(mask);
        return hinge.sum().div(mask.sum().add(1e-12));
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
