package io.xmodal.instruments.internal;

import java.util.Locale;

/**
 * The 13 instruments of Sub-URMP with their General MIDI program (0-based, as in a MIDI program change)
 * and the sounding range they are played over, in MIDI note numbers (60 = middle C). The ranges are the
 * instruments' usual orchestral ranges, a little inside the extremes that few players reach; the double
 * bass stops at A3 because FluidR3_GM's contrabass has no samples above it (A#3 and up render silent).
 */
enum Instrument {
    VIOLIN("violin", Family.BOWED, 40, 55, 91),
    VIOLA("viola", Family.BOWED, 41, 48, 84),
    CELLO("cello", Family.BOWED, 42, 36, 76),
    DOUBLE_BASS("double-bass", Family.BOWED, 43, 28, 57),
    TRUMPET("trumpet", Family.BRASS, 56, 54, 82),
    TROMBONE("trombone", Family.BRASS, 57, 40, 72),
    TUBA("tuba", Family.BRASS, 58, 29, 58),
    HORN("horn", Family.BRASS, 60, 41, 77),
    SAXOPHONE("saxophone", Family.WOODWIND, 65, 49, 80),
    OBOE("oboe", Family.WOODWIND, 68, 58, 89),
    BASSOON("bassoon", Family.WOODWIND, 70, 34, 70),
    CLARINET("clarinet", Family.WOODWIND, 71, 50, 89),
    FLUTE("flute", Family.WOODWIND, 73, 60, 93);

    /** How the instrument makes its sound (and roughly how it looks). */
    enum Family { BOWED, BRASS, WOODWIND }

    private final String label;
    private final Family family;
    private final int program;
    private final int lowest;
    private final int highest;

    Instrument(String label, Family family, int program, int lowest, int highest) {
        this.label = label;
        this.family = family;
        this.program = program;
        this.lowest = lowest;
        this.highest = highest;
    }

    /** The class label and folder name (lower case, e.g. {@code double-bass}). */
    String label() {
        return label;
    }

    Family family() {
        return family;
    }

    /** General MIDI program, 0-based (violin 40 is GM patch 41). */
    int program() {
        return program;
    }

    /** Lowest MIDI note played. */
    int lowest() {
        return lowest;
    }

    /** Highest MIDI note played. */
    int highest() {
        return highest;
    }

    /** How many distinct semitones the range holds. */
    int semitones() {
        return highest - lowest + 1;
    }

    /** The fundamental frequency of a MIDI note in Hz (A4 = 69 = 440 Hz, equal temperament). */
    static double hertz(int midiNote) {
        return 440.0 * Math.pow(2, (midiNote - 69) / 12.0);
    }

    /** A note's name, e.g. C4, F#2 (C4 = 60). */
    static String noteName(int midiNote) {
        String[] names = {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};
        return names[Math.floorMod(midiNote, 12)] + (Math.floorDiv(midiNote, 12) - 1);
    }

    /** The instrument whose label is {@code s}, ignoring case. */
    static Instrument byLabel(String s) {
        for (Instrument i : values()) {
            if (i.label.equals(s.toLowerCase(Locale.ROOT))) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown instrument '" + s + "'");
    }
}
