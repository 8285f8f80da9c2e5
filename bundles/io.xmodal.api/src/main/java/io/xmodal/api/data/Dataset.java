package io.xmodal.api.data;

import io.xmodal.api.Signature;

import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Samples of named modalities. A dataset with a known {@link #size()} is read by index; a streamed
 * one ({@code size() < 0}) by {@link #iterator()} only.
 */
public interface Dataset extends AutoCloseable {
    /** The modalities of every sample, by name, in a stable order. */
    Map<String, Signature> modalities();

    /** Number of samples, or -1 when the data is streamed. */
    long size();

    /** The sample at {@code index} (0 to size-1); the same index always gives the same sample. */
    Sample get(long index) throws DataException;

    /**
     * The group of a sample (a speaker, a recording session): samples of one group always land in
     * the same split, so a test split holds unseen groups. Null when samples are independent.
     */
    default String group(long index) {
        return null;
    }

    /**
     * The split a sample was assigned to by the data itself (a manifest's split column), or null when
     * the engine assigns splits from the descriptor's fractions. A dataset returns either null for
     * every sample or a split name for every sample.
     */
    default String split(long index) {
        return null;
    }

    /**
     * A digest of everything the samples depend on (source files' paths, sizes and modification times,
     * generator parameters), used to key on-disk caches of transformed data. Null when the dataset
     * cannot tell, which turns caching off.
     */
    default String fingerprint() {
        return null;
    }

    /**
     * The class names of a LABEL modality, index by index, for confusion matrices and reports; null
     * when the classes have no names (they are shown as numbers).
     */
    default java.util.List<String> classes(String modality) {
        return null;
    }

    /**
     * Reads one file from outside the dataset the way this dataset reads its own (a query for
     * cross-modal retrieval): the sample holds the values of the modality that kind of file gives
     * (for example {@code image} for a PNG, {@code audio} for a WAV), before any transform.
     *
     * @throws DataException when the file cannot be read or this dataset reads no such files (the
     *                       message says which kinds it reads)
     * @since 0.3
     */
    default Sample decode(java.nio.file.Path file) throws DataException {
        throw new DataException(file, "this dataset cannot read single files");
    }

    /** All samples in index order; streamed datasets override this. */
    default Iterator<Sample> iterator() {
        long n = size();
        return new Iterator<>() {
            private long i;

            @Override
            public boolean hasNext() {
                return i < n;
            }

            @Override
            public Sample next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                try {
                    return get(i++);
                } catch (DataException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            }
        };
    }

    @Override
    default void close() {
    }
}
