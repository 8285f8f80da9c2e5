package io.xmodal.video.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Param;
import io.xmodal.api.Params;
import io.xmodal.api.data.DataException;

/**
 * The windowing every video reader shares: from each clip, windows of {@code input-frames} N frames
 * (modality {@code frames}) followed by {@code target-frames} M frames (modality {@code next}), starting
 * at frames 0, S, 2S, ... while the window fits, S being {@code stride} (0: N + M, windows that do not
 * overlap). A clip of T frames gives {@code (T - N - M) / S + 1} windows (integer division); a clip
 * shorter than N + M is an error that names it.
 *
 * @param input  N
 * @param target M (0: no {@code next} modality)
 * @param stride S, at least 1
 */
record Windowing(int input, int target, int stride) {
    static final String INPUT = "input-frames";
    static final String TARGET = "target-frames";
    static final String STRIDE = "stride";

    /** Adds the three windowing parameters to a reader's spec. */
    static ComponentSpec.Builder params(ComponentSpec.Builder spec, int defaultInput, int defaultTarget) {
        return spec
                .param(Param.integer(INPUT, defaultInput).range(1, 10_000)
                        .doc("frames N of each window's input (modality 'frames', frames[N,C,H,W])"))
                .param(Param.integer(TARGET, defaultTarget).range(0, 10_000)
                        .doc("frames M after them to predict (modality 'next', frames[M,C,H,W]); 0 gives no 'next'"))
                .param(Param.integer(STRIDE, 0).range(0, 10_000)
                        .doc("frames between the starts of consecutive windows of a clip; 0 means N + M (no overlap)"));
    }

    static Windowing of(String reader, Params params) throws DataException {
        int n = params.getInt(INPUT);
        int m = params.getInt(TARGET);
        int s = params.getInt(STRIDE);
        if (n < 1 || m < 0 || s < 0) {
            throw new DataException(null, reader + ": input-frames " + n + " must be >= 1, target-frames " + m
                    + " and stride " + s + " >= 0");
        }
        return new Windowing(n, m, s == 0 ? n + m : s);
    }

    /** Frames one window spans. */
    int span() {
        return input + target;
    }

    /** Windows in a clip of {@code frames} frames (0 when it is too short). */
    int windows(int frames) {
        return frames < span() ? 0 : (frames - span()) / stride + 1;
    }

    @Override
    public String toString() {
        return input + " -> " + target + ", stride " + stride;
    }
}
