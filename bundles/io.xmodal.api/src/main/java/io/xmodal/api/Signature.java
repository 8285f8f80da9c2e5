package io.xmodal.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * What flows between blocks: a modality and a static shape without the batch dimension.
 * A dimension of -1 is variable (known only when data arrives). A signature may also carry a
 * {@link #rate() rate}: how many steps of its first time-like axis make a second (an AUDIO signature's
 * sample rate, a SPECTROGRAM's frames per second, a FRAMES signature's frame rate).
 */
public final class Signature {
    private final Modality modality;
    private final long[] shape;
    private final double rate;

    public Signature(Modality modality, long... shape) {
        this(modality, 0, shape);
    }

    private Signature(Modality modality, double rate, long[] shape) {
        this.modality = Objects.requireNonNull(modality, "modality");
        this.shape = shape.clone();
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate must be a finite number >= 0, not " + rate);
        }
        this.rate = rate;
    }

    /** The same signature with a rate in steps per second (0: unknown). */
    public Signature withRate(double stepsPerSecond) {
        return new Signature(modality, stepsPerSecond, shape);
    }

    /** Steps per second of the time-like axis (for AUDIO: the sample rate), or 0 when unknown or not timed. */
    public double rate() {
        return rate;
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
        return o instanceof Signature s && s.modality == modality && Arrays.equals(s.shape, shape) && s.rate == rate;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * modality.hashCode() + Arrays.hashCode(shape)) + Double.hashCode(rate);
    }

    /** For example {@code image[1x32x32]}, or {@code audio[32000 @16000/s]} with a rate. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(modality.id()).append('[');
        for (int i = 0; i < shape.length; i++) {
            b.append(i == 0 ? "" : "x").append(shape[i] < 0 ? "?" : Long.toString(shape[i]));
        }
        if (rate > 0) {
            b.append(" @").append(rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate)).append("/s");
        }
        return b.append(']').toString();
    }
}
