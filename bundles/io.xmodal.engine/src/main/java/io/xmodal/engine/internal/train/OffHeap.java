package io.xmodal.engine.internal.train;

import org.bytedeco.javacpp.Pointer;

/**
 * Keeps ND4J's off-heap memory near what training needs. Every op output of a step is a new off-heap
 * array (array reuse is off, see {@code ArrayReuse}) freed only when the garbage collector clears its
 * small Java wrapper; with a large heap that happens rarely, so the process grows to JavaCPP's off-heap
 * limit (half the machine) before JavaCPP forces collections, and then crawls. Measured on the
 * spoken-language run (25,000-parameter spectrogram CNN): 15 GB resident without this. Collecting
 * whenever the tracked off-heap bytes pass max(2 GB or a quarter of the limit, whichever is smaller,
 * 4x what was left after the last collection) bounds it, for one full collection every several steps.
 */
final class OffHeap {
    private static final long FLOOR = Math.min(2L << 30, Math.max(256L << 20, Pointer.maxBytes() / 4));
    private static long afterLast;

    private OffHeap() {
    }

    /** Collects garbage when the off-heap bytes in use have grown past the threshold. */
    static synchronized void collectWhenGrown() {
        long used = Pointer.totalBytes();
        if (used > Math.max(FLOOR, 4 * afterLast)) {
            System.gc();
            afterLast = Pointer.totalBytes();
        }
    }
}
