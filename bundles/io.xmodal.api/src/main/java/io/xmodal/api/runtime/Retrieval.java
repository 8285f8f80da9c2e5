package io.xmodal.api.runtime;

import java.util.List;

/**
 * What {@code xmodal retrieve} found: the nearest items of the other modality for one query file.
 *
 * @param query          the query file
 * @param queryModality  the modality the query was read as (for example {@code image})
 * @param galleryModality the modality of the items searched
 * @param gallerySize    how many items the index holds
 * @param hits           the nearest items, best first
 * @param searchMillis   time of the search alone (embedding excluded), in milliseconds
 * @since 0.3
 */
public record Retrieval(String query, String queryModality, String galleryModality, int gallerySize, List<Hit> hits,
                        double searchMillis) {
    public Retrieval {
        hits = List.copyOf(hits);
    }

    /**
     * One item found.
     *
     * @param rank   1 for the nearest
     * @param id     the item's sample id
     * @param source where the item came from (a file, or a description of synthetic data)
     * @param label  the item's class name or index when the data has classes, else null
     * @param score  cosine similarity to the query, -1 to 1
     */
    public record Hit(int rank, String id, String source, String label, double score) {
    }
}
