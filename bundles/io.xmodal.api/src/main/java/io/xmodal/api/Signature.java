package io.xmodal.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * What flows between blocks: a modality and a static shape without the batch dimension.
 * A dimension of -1 is variable (known only when data arrives).
 */
public final class Signature {
    private final Modality modality;
    private final long[] shape;

    public Signature(Modality modality, long... shape) {
        this.modality = Objects.requireNonNull(modality, "modality");
        this.shape = shape.clone();
    }

    public static Signature of(Modality modality, long... shape) {
        return new Signature(modality, shape);
    }

    public Modality modality() {
        return modality;
    }

    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public long dim(int i) {
        return shape[i];
    }

    /** Number of values per sample, or -1 when a dimension is variable. */
    public long size() {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                return -1;
            }
            n *= d;
        }
        return n;
    }

    /** The same shape as a batch shape, with {@code batch} in front. */
    public long[] withBatch(long batch) {
        long[] s = new long[shape.length + 1];
        s[0] = batch;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Signature s && s.modality == modality && Arrays.equals(s.shape, shape);
    }

    @Override
    public int hashCode() {
        return 31 * modality.hashCode() + Arrays.hashCode(shape);
    }

    /** For example {@code image[1x32x32]}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(modality.id()).append('[');
        for (int i = 0; i < shape.length; i++) {
            b.append(i == 0 ? "" : "x").append(shape[i] < 0 ? "?" : Long.toString(shape[i]));
        }
        return b.append(']').toString();
    }
}
