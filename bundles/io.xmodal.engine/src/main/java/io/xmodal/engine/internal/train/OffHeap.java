package io.xmodal.engine.internal.train;

import org.bytedeco.javacpp.Pointer;

/**
 * Keeps ND4J's off-heap memory near what training needs. Every op output of a step is a new off-heap
 * array (array reuse is off, see {@code ArrayReuse}) freed only when the garbage collector clears its
 * small Java wrapper; with a large heap that happens rarely, so the process grows to JavaCPP's off-heap
 * limit (half the machine) before JavaCPP forces collections, and then crawls, or the kernel kills it.
 * Measured on the spoken-language runs: 15 to 17 GB resident without this.
 *
 * <p>ND4J allocates array data itself (neither JavaCPP's tracked bytes nor ND4J's allocation counter see
 * it, measured here), and freed memory is not always returned to the system, so resident memory alone
 * cannot say how much is garbage. Hence: once the process holds more than a floor (3 GB, or half the
 * off-heap limit when that is smaller), collect at most every 3 seconds. Measured: 3.7 GB peak on the
 * final spoken-language run (3 s clips, 20 epochs); runs that stay under the floor never pay for a collection.
 */
final class OffHeap {
    private static final long FLOOR = Math.min(3L << 30, Math.max(512L << 20, Pointer.maxBytes() / 2));
    private static final long WINDOW_NANOS = 3_000_000_000L;
    private static long last = System.nanoTime();

    private OffHeap() {
    }

    /** Collects garbage when the process is above the floor and the last collection is 3 s ago. */
    static synchronized void collectWhenGrown() {
        long now = System.nanoTime();
        if (now - last > WINDOW_NANOS && Pointer.physicalBytes() > FLOOR) {
            System.gc();
            last = System.nanoTime();
        }
    }
}
