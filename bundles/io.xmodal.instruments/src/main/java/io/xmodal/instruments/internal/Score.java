package io.xmodal.instruments.internal;

import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;

/**
 * The note plan as a standard MIDI file (type 1, one track, javax.sound.midi): a tempo of 120 beats a
 * minute, then for every instrument's channel its program, full channel volume, centred pan and no reverb
 * or chorus send; then the notes; then an event {@code tailSeconds} after the last note-off so that the
 * renderer lets the last release ring out.
 */
final class Score {
    private static final int CC_VOLUME = 7;
    private static final int CC_PAN = 10;
    private static final int CC_REVERB = 91;
    private static final int CC_CHORUS = 93;
    private static final int CC_ALL_NOTES_OFF = 123;
    private static final int META_TEMPO = 0x51;

    private Score() {
    }

    static Sequence sequence(List<NotePlan.Note> notes, double tailSeconds) {
        try {
            Sequence seq = new Sequence(Sequence.PPQ, NotePlan.RESOLUTION);
            Track t = seq.createTrack();
            int us = NotePlan.MICROSECONDS_PER_QUARTER;
            t.add(new MidiEvent(new MetaMessage(META_TEMPO, new byte[] {(byte) (us >> 16), (byte) (us >> 8), (byte) us}, 3), 0));
            TreeMap<Integer, Integer> programs = new TreeMap<>();
            for (NotePlan.Note n : notes) {
                Integer had = programs.putIfAbsent(n.channel(), n.instrument().program());
                if (had != null && had != n.instrument().program()) {
                    throw new IllegalArgumentException("channel " + n.channel() + " holds two programs");
                }
            }
            for (var e : programs.entrySet()) {
                int ch = e.getKey();
                t.add(event(ShortMessage.PROGRAM_CHANGE, ch, e.getValue(), 0, 0));
                t.add(event(ShortMessage.CONTROL_CHANGE, ch, CC_VOLUME, 127, 0));
                t.add(event(ShortMessage.CONTROL_CHANGE, ch, CC_PAN, 64, 0));
                t.add(event(ShortMessage.CONTROL_CHANGE, ch, CC_REVERB, 0, 0));
                t.add(event(ShortMessage.CONTROL_CHANGE, ch, CC_CHORUS, 0, 0));
            }
            long last = 0;
            for (NotePlan.Note n : notes) {
                t.add(event(ShortMessage.NOTE_ON, n.channel(), n.pitch(), n.velocity(), n.onTick()));
                t.add(event(ShortMessage.NOTE_OFF, n.channel(), n.pitch(), 0, n.offTick()));
                last = Math.max(last, n.offTick());
            }
            long end = last + Math.round(tailSeconds * NotePlan.TICKS_PER_SECOND);
            int anyChannel = programs.isEmpty() ? 0 : programs.firstKey();
            t.add(event(ShortMessage.CONTROL_CHANGE, anyChannel, CC_ALL_NOTES_OFF, 0, end));
            return seq;
        } catch (InvalidMidiDataException e) {
            throw new IllegalStateException("a planned MIDI event is invalid: " + e.getMessage(), e);
        }
    }

    /**
     * Writes a standard MIDI file. The JDK finds its MIDI file writer with the thread's context class
     * loader, which inside OSGi is a bundle's; the system class loader sees the JDK's own providers.
     */
    static void write(Sequence seq, Path file) throws IOException {
        Thread th = Thread.currentThread();
        ClassLoader before = th.getContextClassLoader();
        th.setContextClassLoader(ClassLoader.getSystemClassLoader());
        try {
            MidiSystem.write(seq, 1, file.toFile());
        } finally {
            th.setContextClassLoader(before);
        }
    }

    private static MidiEvent event(int command, int channel, int a, int b, long tick) throws InvalidMidiDataException {
        MidiMessage m = new ShortMessage(command, channel, a, b);
        return new MidiEvent(m, tick);
    }
}
