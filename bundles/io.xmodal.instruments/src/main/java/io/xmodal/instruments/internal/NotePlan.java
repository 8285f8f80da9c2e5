package io.xmodal.instruments.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Which notes the recipe plays and when: for every instrument, {@code pitches} notes spread evenly over its
 * range, each at every velocity, one after the other with a silent gap between notes, so that one render
 * can be cut into one clip per note at known times. Times are whole MIDI ticks
 * ({@link #TICKS_PER_SECOND} a second: 480 ticks a quarter note at 120 beats a minute), so the slicer cuts
 * exactly where the score put each note.
 *
 * <p>Splits keep near-duplicates apart. {@code pitch}: the distinct pitches of an instrument, low to high,
 * go to train, train, val, train, test, train, train, val, train, test, ... (3 of 5 train, 1 val, 1 test,
 * interleaved over the range), and every velocity of a pitch goes with it: a test note is a pitch that
 * instrument never played in training. {@code velocity}: the loudest velocity is test, the second loudest
 * val (with at least three velocities), the rest train: every pitch is heard in training, but never as
 * loud.
 */
final class NotePlan {
    static final int RESOLUTION = 480;
    static final int MICROSECONDS_PER_QUARTER = 500_000;
    static final int TICKS_PER_SECOND = RESOLUTION * 1_000_000 / MICROSECONDS_PER_QUARTER;
    /** Silence before the first note, so the synthesiser's start-up never touches a note. */
    static final double LEAD_SECONDS = 0.5;

    /** How items are split. */
    enum SplitBy { PITCH, VELOCITY }

    /**
     * One note of the score.
     *
     * @param index   position in the score (0, 1, ...)
     * @param channel MIDI channel (one per instrument, never 9, the GM percussion channel)
     */
    record Note(int index, Instrument instrument, int pitch, int velocity, int channel, long onTick, long offTick, String split) {
        double onSeconds() {
            return onTick / (double) TICKS_PER_SECOND;
        }

        double offSeconds() {
            return offTick / (double) TICKS_PER_SECOND;
        }

        /** A stable identifier, e.g. {@code violin-p067-v080}. */
        String id() {
            return String.format(Locale.ROOT, "%s-p%03d-v%03d", instrument.label(), pitch, velocity);
        }
    }

    private NotePlan() {
    }

    /**
     * The score.
     *
     * @param instruments the instruments, in score order
     * @param pitches     notes per instrument (at most the semitones of the narrowest range)
     * @param velocities  MIDI velocities 1..127, each note is played at each
     * @param noteSeconds how long a key is held
     * @param gapSeconds  silence after the key is released, for the release tail to die away
     * @throws IllegalArgumentException with a sentence saying what to change
     */
    static List<Note> plan(List<Instrument> instruments, int pitches, List<Integer> velocities, double noteSeconds, double gapSeconds,
                           SplitBy splitBy) {
        if (instruments.isEmpty()) {
            throw new IllegalArgumentException("no instruments; name at least one of " + labels());
        }
        if (instruments.size() > 15) {
            throw new IllegalArgumentException(instruments.size() + " instruments, but MIDI has 15 melodic channels; name fewer");
        }
        if (new TreeSet<>(instruments).size() != instruments.size()) {
            throw new IllegalArgumentException("instruments " + instruments + " names one twice; name each once");
        }
        if (velocities.isEmpty() || new TreeSet<>(velocities).size() != velocities.size()) {
            throw new IllegalArgumentException("velocities " + velocities + " must be distinct and at least one");
        }
        for (int v : velocities) {
            if (v < 1 || v > 127) {
                throw new IllegalArgumentException("velocity " + v + " is outside MIDI's 1..127");
            }
        }
        if (splitBy == SplitBy.VELOCITY && velocities.size() < 3) {
            throw new IllegalArgumentException("split-by: velocity holds out one velocity for val and one for test, so it needs at least "
                    + "three velocities (got " + velocities + "); add velocities or use split-by: pitch");
        }
        if (splitBy == SplitBy.PITCH && pitches < 5) {
            throw new IllegalArgumentException("split-by: pitch needs at least 5 pitches per instrument (3 train, 1 val, 1 test), got "
                    + pitches + "; raise pitches or use split-by: velocity");
        }
        List<Integer> sortedVelocities = new ArrayList<>(new TreeSet<>(velocities));
        List<Note> out = new ArrayList<>();
        long step = Math.round((noteSeconds + gapSeconds) * TICKS_PER_SECOND);
        long held = Math.round(noteSeconds * TICKS_PER_SECOND);
        long lead = Math.round(LEAD_SECONDS * TICKS_PER_SECOND);
        for (int k = 0; k < instruments.size(); k++) {
            Instrument ins = instruments.get(k);
            if (pitches > ins.semitones()) {
                throw new IllegalArgumentException("pitches " + pitches + " exceeds the " + ins.semitones() + " semitones the " + ins.label()
                        + " plays here (" + Instrument.noteName(ins.lowest()) + " to " + Instrument.noteName(ins.highest())
                        + "); use at most " + ins.semitones());
            }
            int channel = k < 9 ? k : k + 1;
            List<Integer> ps = pitches(ins, pitches);
            for (int pi = 0; pi < ps.size(); pi++) {
                for (int v : velocities) {
                    long on = lead + out.size() * step;
                    String split = splitBy == SplitBy.PITCH ? pitchSplit(pi) : velocitySplit(sortedVelocities.indexOf(v), sortedVelocities.size());
                    out.add(new Note(out.size(), ins, ps.get(pi), v, channel, on, on + held, split));
                }
            }
        }
        return out;
    }

    /** {@code n} distinct pitches from the instrument's lowest to its highest, evenly spaced (rounded). */
    static List<Integer> pitches(Instrument ins, int n) {
        List<Integer> out = new ArrayList<>();
        if (n == 1) {
            out.add((ins.lowest() + ins.highest()) / 2);
            return out;
        }
        for (int i = 0; i < n; i++) {
            out.add((int) Math.round(ins.lowest() + i * (ins.highest() - ins.lowest()) / (double) (n - 1)));
        }
        return out;
    }

    static String pitchSplit(int pitchIndex) {
        return switch (pitchIndex % 5) {
            case 2 -> "val";
            case 4 -> "test";
            default -> "train";
        };
    }

    static String velocitySplit(int rank, int count) {
        if (rank == count - 1) {
            return "test";
        }
        return rank == count - 2 ? "val" : "train";
    }

    /** Seconds from the start of the render to the end of the last note's gap. */
    static double totalSeconds(List<Note> notes, double gapSeconds) {
        return notes.isEmpty() ? 0 : notes.get(notes.size() - 1).offSeconds() + gapSeconds;
    }

    static String labels() {
        StringBuilder b = new StringBuilder();
        for (Instrument i : Instrument.values()) {
            b.append(b.length() == 0 ? "" : ", ").append(i.label());
        }
        return b.toString();
    }
}
