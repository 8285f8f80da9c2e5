package io.xmodal.engine.internal.train;

import org.bytedeco.javacpp.Pointer;

/**
 * Keeps ND4J's off-heap memory near what training needs. Every op output of a step is a new off-heap
 * array (array reuse is off, see {@code ArrayReuse}) freed only when the garbage collector clears its
 * small Java wrapper; with a large heap that happens rarely, so the process grows to JavaCPP's off-heap
 * limit (half the machine) before JavaCPP forces collections, and then crawls. Measured on the
 * spoken-language run (25,000-parameter spectrogram CNN): 15 GB resident without this.
 *
 * <p>ND4J allocates its arrays itself, so JavaCPP's count of tracked bytes does not see them; the
 * process's resident memory does. This collects when the resident memory exceeds the larger of a floor
 * (3 GB, or half the off-heap limit when that is smaller) and 1.5 times the lowest level seen between
 * the last two collections (what stays alive: heap, data, parameters, one step's arrays). The lowest
 * level is sampled at the start of steps, not right after {@code System.gc()}, because the collected
 * arrays are freed on another thread a little later.
 */
final class OffHeap {
    private static final long FLOOR = Math.min(3L << 30, Math.max(512L << 20, Pointer.maxBytes() / 2));
    private static long live;
    private static long low = Long.MAX_VALUE;

    private OffHeap() {
    }

    /** Collects garbage when the off-heap bytes in use have grown past the threshold. */
    static synchronized void collectWhenGrown() {
        long used = Pointer.physicalBytes();
        low = Math.min(low, used);
        if (used > Math.max(FLOOR, live + live / 2)) {
            System.gc();
            live = low;
            low = Long.MAX_VALUE;
        }
    }
}
