package io.xmodal.engine.internal.train;

/**
 * Keeps ND4J's off-heap memory near what a step needs. Every op output of a training step is a new
 * off-heap array (array reuse is off, see {@code ArrayReuse}) that is freed only when the garbage
 * collector clears its small Java wrapper; with a large heap that happens rarely, so the process grows
 * to the off-heap limit (half the machine) before JavaCPP forces a collection. Measured here: 15 GB
 * resident for a 25,000-parameter spectrogram CNN. A collection every few seconds of training keeps it
 * at a few hundred megabytes for about 1% of the time.
 */
final class OffHeap {
    private static final long WINDOW_NANOS = 3_000_000_000L;
    private static long last = System.nanoTime();

    private OffHeap() {
    }

    /** Collects garbage when the last collection requested here is more than 3 s ago. */
    static synchronized void collectOccasionally() {
        long now = System.nanoTime();
        if (now - last > WINDOW_NANOS) {
            System.gc();
            last = System.nanoTime();
        }
    }
}
