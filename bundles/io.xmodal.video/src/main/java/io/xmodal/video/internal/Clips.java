package io.xmodal.video.internal;

import io.xmodal.api.data.DataException;

/**
 * The clips a video reader opened, before windowing: each clip is a run of frames of {@code channels x
 * height x width} values in [0, 1]. Implementations keep what they hold compactly (unsigned bytes, a
 * mapped file, or nothing at all for generated clips) and convert to floats only when a window is read.
 * Reads may happen from several threads at once.
 */
interface Clips {
    /** Number of clips. */
    int count();

    /** Number of frames of clip {@code clip}. */
    int frames(int clip);

    int channels();

    int height();

    int width();

    /**
     * Writes frames {@code first .. first + n - 1} of clip {@code clip} into {@code out} from
     * {@code offset} on, frame after frame, each {@code channels x height x width} row-major.
     */
    void read(int clip, int first, int n, float[] out, int offset) throws DataException;

    /** A stable identifier of the clip, such as {@code clip-00012} or a folder name. */
    String id(int clip);

    /** Where the clip came from, for messages and sample sources. */
    String source(int clip);

    /** The split the data itself assigns to the clip, or null when the engine assigns splits. */
    default String split(int clip) {
        return null;
    }

    /** A digest of everything the clips depend on, or null when unknown (turns transform caching off). */
    String fingerprint();
}
