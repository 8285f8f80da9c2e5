package io.xmodal.instruments.internal;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NotePlanTest {
    private static final List<Instrument> ALL = List.of(Instrument.values());

    /** General MIDI 1 program numbers (1-based, as the GM tables print them) of the Sub-URMP instruments. */
    @Test
    void programsAreTheGeneralMidiPatchesOfTheInstruments() {
        Map<String, Integer> gm = Map.ofEntries(Map.entry("violin", 41), Map.entry("viola", 42), Map.entry("cello", 43),
                Map.entry("double-bass", 44), Map.entry("trumpet", 57), Map.entry("trombone", 58), Map.entry("tuba", 59),
                Map.entry("horn", 61), Map.entry("saxophone", 66), Map.entry("oboe", 69), Map.entry("bassoon", 71),
                Map.entry("clarinet", 72), Map.entry("flute", 74));
        assertEquals(13, Instrument.values().length);
        for (Instrument i : Instrument.values()) {
            assertEquals(gm.get(i.label()), i.program() + 1, i.label());
        }
    }

    @Test
    void rangesAreRealisticSoundingRanges() {
        // lowest note at or above the instrument's open-string / pedal bottom, highest below its top
        assertEquals(55, Instrument.VIOLIN.lowest()); // G3, the open G string
        assertEquals(48, Instrument.VIOLA.lowest()); // C3
        assertEquals(36, Instrument.CELLO.lowest()); // C2
        assertEquals(28, Instrument.DOUBLE_BASS.lowest()); // E1
        assertEquals(60, Instrument.FLUTE.lowest()); // C4
        for (Instrument i : Instrument.values()) {
            assertTrue(i.semitones() >= 29 && i.semitones() <= 41, i + " spans " + i.semitones() + " semitones");
            assertTrue(Instrument.hertz(i.lowest()) > 40 || i == Instrument.DOUBLE_BASS || i == Instrument.TUBA, i.label());
        }
        assertEquals(440.0, Instrument.hertz(69), 1e-9);
        assertEquals("C4", Instrument.noteName(60));
        assertEquals("F#2", Instrument.noteName(42));
    }

    @Test
    void pitchesAreDistinctEvenlySpreadAndCoverTheRange() {
        for (Instrument i : Instrument.values()) {
            List<Integer> ps = NotePlan.pitches(i, 16);
            assertEquals(16, new TreeSet<>(ps).size(), i.label());
            assertEquals(i.lowest(), ps.get(0));
            assertEquals(i.highest(), ps.get(15));
            for (int k = 1; k < ps.size(); k++) {
                int step = ps.get(k) - ps.get(k - 1);
                assertTrue(step >= 1 && step <= 3, i + " step " + step);
            }
        }
        assertEquals(List.of((Instrument.TUBA.lowest() + Instrument.TUBA.highest()) / 2), NotePlan.pitches(Instrument.TUBA, 1));
    }

    @Test
    void timingSeparatesEveryNoteByTheGap() {
        List<NotePlan.Note> notes = NotePlan.plan(ALL, 6, List.of(40, 100), 0.8, 0.5, NotePlan.SplitBy.PITCH);
        assertEquals(13 * 6 * 2, notes.size());
        assertEquals(960, NotePlan.TICKS_PER_SECOND);
        assertEquals(NotePlan.LEAD_SECONDS, notes.get(0).onSeconds(), 1e-9);
        for (int k = 0; k < notes.size(); k++) {
            NotePlan.Note n = notes.get(k);
            assertEquals(k, n.index());
            assertEquals(0.8, n.offSeconds() - n.onSeconds(), 1e-9);
            if (k > 0) {
                assertEquals(0.5, n.onSeconds() - notes.get(k - 1).offSeconds(), 1e-9);
            }
            assertNotEquals(9, n.channel(), "channel 10 is GM percussion");
            assertTrue(n.pitch() >= n.instrument().lowest() && n.pitch() <= n.instrument().highest());
        }
        Set<String> ids = new TreeSet<>();
        notes.forEach(n -> ids.add(n.id()));
        assertEquals(notes.size(), ids.size(), "ids are unique");
        assertEquals(notes.get(notes.size() - 1).offSeconds() + 0.5, NotePlan.totalSeconds(notes, 0.5), 1e-9);
    }

    @Test
    void pitchSplitHoldsOutWholePitchesInterleavedOverTheRange() {
        List<NotePlan.Note> notes = NotePlan.plan(ALL, 10, List.of(40, 72, 104), 1, 0.5, NotePlan.SplitBy.PITCH);
        Map<String, String> splitOfGroup = new HashMap<>();
        Map<String, Integer> count = new HashMap<>();
        for (NotePlan.Note n : notes) {
            String g = InstrumentsRecipe.group(n);
            String before = splitOfGroup.putIfAbsent(g, n.split());
            assertTrue(before == null || before.equals(n.split()), "all velocities of " + g + " share a split");
            count.merge(n.instrument().label() + " " + n.split(), 1, Integer::sum);
        }
        for (Instrument i : Instrument.values()) {
            assertEquals(18, count.get(i.label() + " train"));
            assertEquals(6, count.get(i.label() + " val"));
            assertEquals(6, count.get(i.label() + " test"));
            List<Integer> test = new ArrayList<>();
            for (NotePlan.Note n : notes) {
                if (n.instrument() == i && n.split().equals("test")) {
                    test.add(n.pitch());
                }
            }
            // the test pitches lie inside the range (interleaved), not all at one end
            assertTrue(test.stream().mapToInt(x -> x).min().orElseThrow() < (i.lowest() + i.highest()) / 2, i.label());
        }
    }

    @Test
    void velocitySplitHoldsOutTheLoudest() {
        List<NotePlan.Note> notes = NotePlan.plan(List.of(Instrument.FLUTE), 4, List.of(100, 40, 70, 120), 1, 0.5, NotePlan.SplitBy.VELOCITY);
        for (NotePlan.Note n : notes) {
            String want = n.velocity() == 120 ? "test" : n.velocity() == 100 ? "val" : "train";
            assertEquals(want, n.split(), n.id());
        }
    }

    @Test
    void impossiblePlansSayWhatToChange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NotePlan.plan(ALL, 35, List.of(64), 1, 0.5, NotePlan.SplitBy.PITCH));
        assertTrue(e.getMessage().contains("exceeds the 30 semitones the double-bass plays here (E1 to A3)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NotePlan.plan(ALL, 8, List.of(64, 90), 1, 0.5, NotePlan.SplitBy.VELOCITY));
        assertTrue(e.getMessage().contains("at least three velocities"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NotePlan.plan(ALL, 3, List.of(64), 1, 0.5, NotePlan.SplitBy.PITCH));
        assertTrue(e.getMessage().contains("at least 5 pitches"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NotePlan.plan(ALL, 8, List.of(0), 1, 0.5, NotePlan.SplitBy.PITCH));
        assertTrue(e.getMessage().contains("outside MIDI's 1..127"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> NotePlan.plan(List.of(Instrument.OBOE, Instrument.OBOE), 8, List.of(64), 1, 0.5, NotePlan.SplitBy.PITCH));
        assertTrue(e.getMessage().contains("names one twice"), e.getMessage());
    }
}
