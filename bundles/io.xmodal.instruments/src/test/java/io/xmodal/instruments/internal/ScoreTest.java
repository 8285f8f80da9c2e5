package io.xmodal.instruments.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScoreTest {
    /** The written file read back: tempo, one program per channel, every note on and off at its planned tick. */
    @Test
    void theMidiFileHoldsThePlanExactly(@TempDir Path dir) throws Exception {
        List<NotePlan.Note> notes = NotePlan.plan(List.of(Instrument.values()), 5, List.of(50, 90), 0.6, 0.4, NotePlan.SplitBy.PITCH);
        Path file = dir.resolve("score.mid");
        Score.write(Score.sequence(notes, 0.4), file);
        Sequence seq = MidiSystem.getSequence(file.toFile());
        assertEquals(Sequence.PPQ, seq.getDivisionType());
        assertEquals(NotePlan.RESOLUTION, seq.getResolution());
        assertEquals(1, seq.getTracks().length);
        Track t = seq.getTracks()[0];
        Map<Integer, Integer> programs = new HashMap<>();
        List<long[]> ons = new ArrayList<>();
        List<long[]> offs = new ArrayList<>();
        int tempo = -1;
        for (int i = 0; i < t.size(); i++) {
            MidiEvent e = t.get(i);
            if (e.getMessage() instanceof MetaMessage m && m.getType() == 0x51) {
                byte[] d = m.getData();
                tempo = ((d[0] & 0xff) << 16) | ((d[1] & 0xff) << 8) | (d[2] & 0xff);
            } else if (e.getMessage() instanceof ShortMessage s) {
                switch (s.getCommand()) {
                    case ShortMessage.PROGRAM_CHANGE -> programs.put(s.getChannel(), s.getData1());
                    case ShortMessage.NOTE_ON -> ons.add(new long[] {e.getTick(), s.getChannel(), s.getData1(), s.getData2()});
                    case ShortMessage.NOTE_OFF -> offs.add(new long[] {e.getTick(), s.getChannel(), s.getData1()});
                    default -> { }
                }
            }
        }
        assertEquals(500_000, tempo);
        assertEquals(13, programs.size());
        assertEquals(notes.size(), ons.size());
        assertEquals(notes.size(), offs.size());
        for (int k = 0; k < notes.size(); k++) {
            NotePlan.Note n = notes.get(k);
            assertEquals(n.instrument().program(), programs.get(n.channel()), n.id());
            assertEquals(n.onTick(), ons.get(k)[0]);
            assertEquals(n.channel(), ons.get(k)[1]);
            assertEquals(n.pitch(), ons.get(k)[2]);
            assertEquals(n.velocity(), ons.get(k)[3]);
            assertEquals(n.offTick(), offs.get(k)[0]);
            assertEquals(n.pitch(), offs.get(k)[2]);
        }
        long last = notes.get(notes.size() - 1).offTick();
        assertEquals(last + Math.round(0.4 * NotePlan.TICKS_PER_SECOND), t.ticks(), "the file lasts until the last release has rung out");
        // 120 beats a minute at 480 ticks a beat: the sequence's own clock agrees with the plan's seconds
        assertEquals(notes.get(7).onSeconds() * 1e6, seq.getMicrosecondLength() * (notes.get(7).onTick() / (double) t.ticks()), 1);
        assertTrue(programs.keySet().stream().noneMatch(c -> c == 9));
    }
}
