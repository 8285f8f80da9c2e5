package io.xmodal.instruments.internal;

import io.xmodal.api.data.DataException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlicerTest {
    private static final int RATE = 16000;

    /**
     * A synthetic render: at every planned note-on, a decaying harmonic tone at the note's fundamental
     * (amplitude from the velocity), silence between. The slices must each hold their own note.
     */
    static float[] synthetic(List<NotePlan.Note> notes, double tailSeconds, int silentIndex) {
        int total = (int) Math.ceil((notes.get(notes.size() - 1).offSeconds() + tailSeconds) * RATE);
        float[] x = new float[total];
        for (NotePlan.Note n : notes) {
            if (n.index() == silentIndex) {
                continue;
            }
            int on = (int) Math.round(n.onSeconds() * RATE);
            int off = (int) Math.round(n.offSeconds() * RATE);
            double f = Instrument.hertz(n.pitch());
            double amp = 0.3 * n.velocity() / 127.0;
            for (int i = on; i < off + RATE / 10; i++) {
                double t = (i - on) / (double) RATE;
                double env = i < off ? Math.exp(-t) : Math.exp(-t) * Math.exp(-(i - off) / (0.02 * RATE));
                x[i] += (float) (amp * env * (Math.sin(2 * Math.PI * f * t) + 0.3 * Math.sin(4 * Math.PI * f * t)));
            }
        }
        return x;
    }

    @Test
    void everySliceHoldsItsOwnNoteFromItsOnset() throws DataException {
        List<NotePlan.Note> notes = NotePlan.plan(List.of(Instrument.FLUTE, Instrument.CELLO, Instrument.TUBA), 5, List.of(40, 110), 0.5, 0.3,
                NotePlan.SplitBy.PITCH);
        float[] x = synthetic(notes, 0.3, -1);
        double factor = Slicer.normalize(x);
        assertTrue(factor > 1, "the synthetic peaks stay below 0.89");
        List<Slicer.Clip> clips = Slicer.slice(x, RATE, notes, 0.7, Path.of("synthetic.wav"));
        assertEquals(notes.size(), clips.size());
        for (Slicer.Clip c : clips) {
            NotePlan.Note n = c.note();
            assertEquals((int) Math.round(0.7 * RATE), c.samples().length);
            assertEquals(0, c.samples()[0], 1e-9, "fade-in starts at zero");
            assertEquals(0, c.samples()[c.samples().length - 1], 1e-3, "fade-out ends at (almost) zero");
            double f = Pitch.yin(c.samples(), RATE / 50, 2048, RATE, 30, 2500);
            double want = Instrument.hertz(n.pitch());
            assertEquals(want, f, want * 0.02, n.id());
            // the onset is at the start of the slice: the first 5 ms are rising, the next 20 ms loud
            double early = rms(c.samples(), (int) (0.006 * RATE), (int) (0.026 * RATE));
            assertTrue(early > 0.5 * c.rms(), n.id() + " starts at its onset");
        }
        // one factor for the whole render: the louder velocity stays louder
        for (int k = 0; k + 1 < clips.size(); k += 2) {
            assertTrue(clips.get(k + 1).peak() > 2 * clips.get(k).peak(), clips.get(k + 1).note().id());
        }
    }

    @Test
    void aSilentNoteStopsTheBuildNamingIt() {
        List<NotePlan.Note> notes = NotePlan.plan(List.of(Instrument.OBOE), 5, List.of(64), 0.4, 0.2, NotePlan.SplitBy.PITCH);
        float[] x = synthetic(notes, 0.2, 3);
        DataException e = assertThrows(DataException.class, () -> Slicer.slice(x, RATE, notes, 0.5, Path.of("r.wav")));
        assertTrue(e.getMessage().contains("note " + notes.get(3).id() + " (oboe, GM program 68"), e.getMessage());
        assertTrue(e.getMessage().contains("is silent"), e.getMessage());
    }

    @Test
    void aShortRenderIsReported() {
        List<NotePlan.Note> notes = NotePlan.plan(List.of(Instrument.OBOE), 5, List.of(64), 0.4, 0.2, NotePlan.SplitBy.PITCH);
        float[] x = synthetic(notes, 0.2, -1);
        float[] cut = java.util.Arrays.copyOf(x, x.length - RATE / 2);
        DataException e = assertThrows(DataException.class, () -> Slicer.slice(cut, RATE, notes, 0.5, Path.of("r.wav")));
        assertTrue(e.getMessage().contains("fluidsynth stopped early"), e.getMessage());
    }

    private static double rms(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += x[i] * (double) x[i];
        }
        return Math.sqrt(s / (to - from));
    }
}
