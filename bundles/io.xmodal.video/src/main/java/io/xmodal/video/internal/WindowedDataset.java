package io.xmodal.video.internal;

import io.xmodal.api.Modality;
import io.xmodal.api.Signature;
import io.xmodal.api.data.DataException;
import io.xmodal.api.data.Dataset;
import io.xmodal.api.data.Sample;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Windows of clips as samples: {@code frames} FRAMES[N,C,H,W] and, when M > 0, {@code next}
 * FRAMES[M,C,H,W]. Windows are numbered clip by clip, in frame order. The group of a window is its clip,
 * so the windows of one clip never straddle splits (they share frames); a clip's own split, when the
 * reader assigns one, is every one of its windows' split. Nothing is copied at open: a window is converted
 * to floats when it is read.
 */
final class WindowedDataset implements Dataset {
    static final String INPUT = "frames";
    static final String TARGET = "next";

    private final Clips clips;
    private final Windowing windowing;
    private final long[] firstWindow;
    private final long size;
    private final Map<String, Signature> modalities;
    private final String fingerprint;

    /**
     * @param reader the reader's name, for messages
     * @throws DataException when a clip is shorter than one window (the message names the clip)
     */
    WindowedDataset(String reader, Clips clips, Windowing windowing) throws DataException {
        this.clips = clips;
        this.windowing = windowing;
        firstWindow = new long[clips.count() + 1];
        for (int c = 0; c < clips.count(); c++) {
            int t = clips.frames(c);
            if (t < windowing.span()) {
                throw new DataException(null, reader + ": clip " + clips.source(c) + " has " + t + " frames, fewer than "
                        + "input-frames " + windowing.input() + " + target-frames " + windowing.target() + " = "
                        + windowing.span() + "; lower input-frames or target-frames, or leave the clip out");
            }
            firstWindow[c + 1] = firstWindow[c] + windowing.windows(t);
        }
        size = firstWindow[clips.count()];
        if (size == 0) {
            throw new DataException(null, reader + ": no clips; give data with at least one clip");
        }
        Map<String, Signature> m = new LinkedHashMap<>();
        m.put(INPUT, Signature.of(Modality.FRAMES, windowing.input(), clips.channels(), clips.height(), clips.width()));
        if (windowing.target() > 0) {
            m.put(TARGET, Signature.of(Modality.FRAMES, windowing.target(), clips.channels(), clips.height(), clips.width()));
        }
        modalities = Collections.unmodifiableMap(m);
        String f = clips.fingerprint();
        fingerprint = f == null ? null : f + "|windows " + windowing;
    }

    @Override
    public Map<String, Signature> modalities() {
        return modalities;
    }

    @Override
    public long size() {
        return size;
    }

    /** The clip window {@code index} belongs to. */
    int clipOf(long index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("window " + index + " of " + size);
        }
        // every clip has at least one window, so firstWindow rises strictly
        int c = Arrays.binarySearch(firstWindow, index);
        return c >= 0 ? c : -c - 2;
    }

    @Override
    public Sample get(long index) throws DataException {
        int c = clipOf(index);
        int start = (int) (index - firstWindow[c]) * windowing.stride();
        int frame = clips.channels() * clips.height() * clips.width();
        float[] all = new float[windowing.span() * frame];
        clips.read(c, start, windowing.span(), all, 0);
        Map<String, float[]> v = new LinkedHashMap<>();
        v.put(INPUT, Arrays.copyOfRange(all, 0, windowing.input() * frame));
        if (windowing.target() > 0) {
            v.put(TARGET, Arrays.copyOfRange(all, windowing.input() * frame, all.length));
        }
        int end = start + windowing.span() - 1;
        return new Sample(clips.id(c) + "@" + start, v, clips.source(c) + " frames " + start + ".." + end);
    }

    @Override
    public String group(long index) {
        return clips.id(clipOf(index));
    }

    @Override
    public String split(long index) {
        return clips.split(clipOf(index));
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }
}
