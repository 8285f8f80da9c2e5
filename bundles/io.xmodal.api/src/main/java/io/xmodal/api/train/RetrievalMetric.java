package io.xmodal.api.train;

import io.xmodal.api.Component;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Scores cross-modal retrieval over a whole split: every query is ranked against the whole gallery by
 * cosine similarity (the rows are L2-normalised, so by dot product). Register under this interface with
 * a spec of role {@link io.xmodal.api.Role#METRIC}; the engine applies it in both directions
 * (input to target and target to input).
 *
 * @since 0.2
 */
public interface RetrievalMetric extends Component {
    /** True for scores such as recall, false for ranks. */
    boolean higherIsBetter();

    /**
     * The score of ranking {@code gallery} for each of {@code queries}.
     *
     * @param queries     [q, dim] L2-normalised query embeddings
     * @param gallery     [g, dim] L2-normalised gallery embeddings
     * @param queryKeys   one key per query
     * @param galleryKeys one key per gallery item: an item is relevant to a query when their keys are equal
     *                    (the pair's index for instance-level retrieval, the class for class level)
     */
    double compute(INDArray queries, INDArray gallery, long[] queryKeys, long[] galleryKeys);

    /**
     * The expected score when the gallery is ranked in a uniformly random order, computed exactly
     * from the keys (the chance baseline); NaN when the metric has no closed form.
     */
    default double chance(long[] queryKeys, long[] galleryKeys) {
        return Double.NaN;
    }
}
