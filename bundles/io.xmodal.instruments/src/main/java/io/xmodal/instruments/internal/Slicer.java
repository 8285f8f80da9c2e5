package io.xmodal.instruments.internal;

import io.xmodal.api.data.DataException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts the render of the whole score into one clip per note: {@code clipSeconds} from the note-on (whose
 * time the score fixes to the tick), with a raised-cosine fade-in of {@link #FADE_IN_SECONDS} and
 * fade-out of {@link #FADE_OUT_SECONDS} so no clip starts or ends with a click. A clip whose held part
 * is silent (RMS below {@link #SILENT_RMS}, i.e. -60 dBFS after normalisation) means the SoundFont did
 * not play that note: the build stops and names it.
 */
final class Slicer {
    static final double FADE_IN_SECONDS = 0.005;
    static final double FADE_OUT_SECONDS = 0.1;
    static final double SILENT_RMS = 1e-3;
    /** Peak of the loudest sample of the whole render after {@link #normalize}. */
    static final double PEAK = 0.89;

    /** One note's clip and its level (computed before the fades, over the time the key is held). */
    record Clip(NotePlan.Note note, float[] samples, double peak, double rms) {
    }

    private Slicer() {
    }

    /**
     * Scales the whole render by one factor so that its loudest sample is {@link #PEAK}: one factor for
     * every note keeps the loudness differences between velocities and instruments.
     *
     * @return the factor
     */
    static double normalize(float[] render) {
        double peak = 0;
        for (float v : render) {
            peak = Math.max(peak, Math.abs(v));
        }
        if (peak == 0) {
            return 1;
        }
        double f = PEAK / peak;
        for (int i = 0; i < render.length; i++) {
            render[i] = (float) (render[i] * f);
        }
        return f;
    }

    /**
     * The clips of the notes.
     *
     * @param source the render, named in errors
     * @throws DataException when the render is shorter than the score or a note is silent
     */
    static List<Clip> slice(float[] render, int rate, List<NotePlan.Note> notes, double clipSeconds, Path source) throws DataException {
        int length = (int) Math.round(clipSeconds * rate);
        int fadeIn = Math.max(1, (int) Math.round(FADE_IN_SECONDS * rate));
        int fadeOut = Math.max(1, Math.min(length / 2, (int) Math.round(FADE_OUT_SECONDS * rate)));
        List<Clip> out = new ArrayList<>(notes.size());
        for (NotePlan.Note n : notes) {
            int start = (int) Math.round(n.onSeconds() * rate);
            if (start + length > render.length) {
                throw new DataException(source, String.format(Locale.ROOT, "the render holds %.2f s but note %s needs %.2f s; "
                        + "fluidsynth stopped early (rerun; if it persists, report the fluidsynth version)",
                        render.length / (double) rate, n.id(), (start + length) / (double) rate));
            }
            float[] clip = new float[length];
            System.arraycopy(render, start, clip, 0, length);
            int held = Math.min(length, (int) Math.round((n.offSeconds() - n.onSeconds()) * rate));
            double peak = 0;
            double sum = 0;
            for (int i = 0; i < held; i++) {
                peak = Math.max(peak, Math.abs(clip[i]));
                sum += clip[i] * (double) clip[i];
            }
            double rms = Math.sqrt(sum / Math.max(1, held));
            if (rms < SILENT_RMS) {
                throw new DataException(source, String.format(Locale.ROOT, "note %s (%s, GM program %d, %s, velocity %d) at %.3f s is silent "
                        + "(RMS %.2g); the SoundFont has no sound for it: use a General MIDI SoundFont such as fluid-soundfont-gm, or "
                        + "narrow the instruments or velocities", n.id(), n.instrument().label(), n.instrument().program(),
                        Instrument.noteName(n.pitch()), n.velocity(), n.onSeconds(), rms));
            }
            fade(clip, fadeIn, fadeOut);
            out.add(new Clip(n, clip, peak, rms));
        }
        return out;
    }

    static void fade(float[] x, int in, int out) {
        for (int i = 0; i < in && i < x.length; i++) {
            x[i] *= (float) (0.5 - 0.5 * Math.cos(Math.PI * i / in));
        }
        for (int i = 0; i < out && i < x.length; i++) {
            x[x.length - 1 - i] *= (float) (0.5 - 0.5 * Math.cos(Math.PI * i / out));
        }
    }
}
