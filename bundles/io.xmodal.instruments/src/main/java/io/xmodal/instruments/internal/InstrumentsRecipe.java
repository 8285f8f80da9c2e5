package io.xmodal.instruments.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Param;
import io.xmodal.api.Params;
import io.xmodal.api.Role;
import io.xmodal.api.data.DataContext;
import io.xmodal.api.data.DataException;
import io.xmodal.api.data.Recipe;
import io.xmodal.audio.dsp.Audio;
import io.xmodal.audio.dsp.Wav;
import org.osgi.service.component.annotations.Component;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The 13 Sub-URMP instruments, note by note: one MIDI score of every instrument over its range at several
 * velocities, rendered once by fluidsynth with a General MIDI SoundFont, cut into one WAV per note, and
 * pictures of each instrument being played (drawn in Java2D with a recorded pose), so that sound-to-image
 * and image-to-sound models can be trained on instrument (class) and on pose.
 */
@Component(service = Recipe.class)
public final class InstrumentsRecipe implements Recipe {
    static final String NAME = "instruments";

    private static final List<String> ALL = List.of(Instrument.values()).stream().map(Instrument::label).toList();

    static final ComponentSpec SPEC = ComponentSpec.of(Role.RECIPE, NAME)
            .doc("the 13 Sub-URMP instruments rendered note by note by fluidsynth, with pictures of each being played (label: instrument)")
            .param(Param.stringList("instruments", ALL, ALL.toArray(String[]::new)).doc("which instruments, in score order"))
            .param(Param.integer("pitches", 16).range(1, 60).doc("notes per instrument, evenly spread over its range"))
            .param(Param.intList("velocities", List.of(40, 72, 104)).doc("MIDI velocities (1..127); every pitch is played at each"))
            .param(Param.real("note-seconds", 1.0).range(0.1, 10).doc("how long each key is held"))
            .param(Param.real("gap-seconds", 0.75).range(0.05, 10).doc("silence after each note, for its release to die away"))
            .param(Param.real("clip-seconds", 1.5).range(0.1, 20).doc("length of each WAV from its note-on (at most note + gap)"))
            .param(Param.integer("sample-rate", 22050).range(8000, 96000).doc("rate fluidsynth renders at and the WAVs are written at, Hz"))
            .param(Param.integer("image-size", 64).range(16, 1024).doc("pictures are image-size x image-size RGB PNGs"))
            .param(Param.integer("pictures", 1).range(1, 100).doc("pictures per note, each with its own pose"))
            .param(Param.real("pose-variation", 1.0).range(0, 1).doc("0: every picture centred and upright; 1: full pose ranges"))
            .param(Param.choice("split-by", "pitch", "pitch", "velocity")
                    .doc("held out for val/test: pitch (1 in 5 pitches each, all velocities) or velocity (the two loudest)"))
            .param(Param.path("soundfont", FluidSynth.DEFAULT_SOUNDFONT).doc("General MIDI SoundFont (.sf2) fluidsynth plays"))
            .build();

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public String build(Path out, Params p, DataContext ctx) throws DataException {
        double note = p.getDouble("note-seconds");
        double gap = p.getDouble("gap-seconds");
        double clip = p.getDouble("clip-seconds");
        if (clip > note + gap + 1e-9) {
            throw new DataException(null, String.format(Locale.ROOT, "%s: clip-seconds %.3g is longer than note-seconds + gap-seconds "
                    + "(%.3g): a clip would run into the next note; shorten clip-seconds or lengthen gap-seconds", NAME, clip, note + gap));
        }
        List<NotePlan.Note> notes = plan(p);
        FluidSynth synth = FluidSynth.find();
        Path sf2 = p.getPath("soundfont");
        FluidSynth.checkSoundFont(sf2);
        int rate = p.getInt("sample-rate");
        ctx.progress().accept(String.format(Locale.ROOT, "%s: %d notes (%.0f s of score); rendering with %s", NAME, notes.size(),
                NotePlan.totalSeconds(notes, gap), synth.version()));
        List<Slicer.Clip> clips = render(out, notes, gap, clip, rate, sf2, synth);
        writeClips(out, clips, rate, ctx);
        List<String> pictureRows = drawPictures(out, notes, p.getInt("pictures"), p.getInt("image-size"), p.getDouble("pose-variation"),
                ctx);
        writeMetadata(out, clips, pictureRows, p, synth, sf2, ctx.seed());
        return String.format(Locale.ROOT, "%s: %d notes of %d instruments, %d pictures; manifest %s, pictures %s", NAME, notes.size(),
                p.getStringList("instruments").size(), pictureRows.size(), out.resolve("manifest.csv"), out.resolve("pictures.csv"));
    }

    /** The note plan of the parameters; a parameter combination that cannot work is a {@link DataException}. */
    static List<NotePlan.Note> plan(Params p) throws DataException {
        List<Instrument> instruments = new ArrayList<>();
        for (String s : p.getStringList("instruments")) {
            instruments.add(Instrument.byLabel(s));
        }
        try {
            return NotePlan.plan(instruments, p.getInt("pitches"), p.getIntList("velocities"), p.getDouble("note-seconds"),
                    p.getDouble("gap-seconds"), NotePlan.SplitBy.valueOf(p.getString("split-by").toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new DataException(null, NAME + ": " + e.getMessage());
        }
    }

    private static List<Slicer.Clip> render(Path out, List<NotePlan.Note> notes, double gap, double clip, int rate, Path sf2,
                                            FluidSynth synth) throws DataException {
        Path midi = out.resolve("score.mid");
        Path wav = out.resolve("render.tmp.wav");
        try {
            Score.write(Score.sequence(notes, gap), midi);
        } catch (IOException e) {
            throw new DataException(midi, "cannot write the MIDI score: " + e.getMessage());
        }
        int timeout = (int) Math.max(600, 4 * NotePlan.totalSeconds(notes, gap));
        synth.render(sf2, midi, wav, rate, 0.5, timeout);
        Audio audio;
        try {
            audio = Wav.read(wav);
        } catch (IOException e) {
            throw new DataException(wav, "cannot read fluidsynth's render: " + e.getMessage());
        }
        if (audio.sampleRate() != rate) {
            throw new DataException(wav, "fluidsynth rendered at " + audio.sampleRate() + " Hz, not the " + rate + " asked; choose a "
                    + "sample-rate fluidsynth supports (e.g. 22050 or 44100)");
        }
        float[] x = audio.samples();
        Slicer.normalize(x);
        List<Slicer.Clip> clips = Slicer.slice(x, rate, notes, clip, wav);
        try {
            Files.delete(wav);
        } catch (IOException e) {
            throw new DataException(wav, "cannot delete the render after slicing: " + e.getMessage());
        }
        return clips;
    }

    private static void writeClips(Path out, List<Slicer.Clip> clips, int rate, DataContext ctx) throws DataException {
        for (Slicer.Clip c : clips) {
            Path f = out.resolve(wavPath(c.note()));
            try {
                Files.createDirectories(f.getParent());
                Wav.write(f, new Audio(c.samples(), rate));
            } catch (IOException e) {
                throw new DataException(f, "cannot write: " + e.getMessage());
            }
        }
        ctx.progress().accept(NAME + ": wrote " + clips.size() + " WAV files under " + out.resolve("wav"));
    }

    static String wavPath(NotePlan.Note n) {
        return "wav/" + n.instrument().label() + "/" + n.id() + ".wav";
    }

    static String picturePath(NotePlan.Note n, int k) {
        return "images/" + n.instrument().label() + "/" + n.id() + "-" + k + ".png";
    }

    /** The random generator of picture {@code k} of note {@code index}: depends on the seed and those two only. */
    static SplittableRandom pictureRandom(long seed, int index, int k) {
        long z = seed ^ 0x5DEECE66DL;
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        z ^= z >>> 33;
        return new SplittableRandom(z + (index * 101L + k) * 0x9E3779B97F4A7C15L);
    }

    /** Draws the pictures and returns their rows of pictures.csv (without the header). */
    private static List<String> drawPictures(Path out, List<NotePlan.Note> notes, int perNote, int size, double variation, DataContext ctx)
            throws DataException {
        List<String> rows = new ArrayList<>();
        for (NotePlan.Note n : notes) {
            for (int k = 0; k < perNote; k++) {
                Pose pose = Pose.random(pictureRandom(ctx.seed(), n.index(), k), variation);
                String rel = picturePath(n, k);
                Path f = out.resolve(rel);
                try {
                    Files.createDirectories(f.getParent());
                    if (!ImageIO.write(InstrumentPainter.draw(n.instrument(), pose, size), "png", f.toFile())) {
                        throw new DataException(f, "this Java has no PNG writer");
                    }
                } catch (IOException e) {
                    throw new DataException(f, "cannot write: " + e.getMessage());
                }
                rows.add(rel + "," + n.instrument().label() + "," + group(n) + "," + n.split() + "," + wavPath(n) + "," + pose.csv());
            }
        }
        ctx.progress().accept(NAME + ": drew " + rows.size() + " pictures under " + out.resolve("images"));
        return rows;
    }

    /** All velocities of one pitch of one instrument: near-duplicates, never split apart. */
    static String group(NotePlan.Note n) {
        return n.instrument().label() + "-p" + n.pitch();
    }

    private static void writeMetadata(Path out, List<Slicer.Clip> clips, List<String> pictureRows, Params p, FluidSynth synth, Path sf2,
                                      long seed) throws DataException {
        StringBuilder m = new StringBuilder("path,label,group,split,program,pitch,note,hertz,velocity,onset_seconds,peak,rms\n");
        for (Slicer.Clip c : clips) {
            NotePlan.Note n = c.note();
            m.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%d,%d,%s,%.2f,%d,%.4f,%.4f,%.5f%n", wavPath(n), n.instrument().label(), group(n),
                    n.split(), n.instrument().program(), n.pitch(), Instrument.noteName(n.pitch()), Instrument.hertz(n.pitch()), n.velocity(),
                    n.onSeconds(), c.peak(), c.rms()));
        }
        StringBuilder pics = new StringBuilder("path,label,group,split,sound," + Pose.CSV_HEADER + "\n");
        pictureRows.forEach(r -> pics.append(r).append('\n'));
        String readme = """
                Made by xmodal's recipe 'instruments' (seed %d) with %s and the SoundFont %s.

                wav/<instrument>/<instrument>-p<MIDI pitch>-v<velocity>.wav   one note each, %d Hz, 16-bit mono,
                    %s s from its note-on (fades of 5 ms in, 100 ms out); all cut from one render of score.mid,
                    scaled by one factor so the loudest sample of the whole render is 0.89.
                images/<instrument>/<same id>-<k>.png   picture k of the note's instrument being played.
                manifest.csv   one row per WAV: path,label,group,split,program (General MIDI, 0-based),pitch,note,
                    hertz (fundamental),velocity,onset_seconds (in the render),peak,rms (while the key is held).
                pictures.csv   one row per picture: path,label,group,split,sound (its WAV), then the pose:
                    %s
                    (x, y: offset of the figure's centre as fractions of the picture; scale; angle in degrees;
                    mirror 0/1; arm 0..1: bow stroke, trombone slide, or the angle the instrument is held at;
                    colours 0..1; shade: brightness of the instrument).
                score.mid      the MIDI score that was rendered.

                Splits (split-by: %s): %s
                The group is instrument and pitch: all velocities of a pitch, never split apart.

                Open the sounds with the reader audio-manifest (manifest.csv) or audio-folder (wav/), and pairs with
                av-pairs: images: pictures.csv, audio: manifest.csv keeps these splits; images: images, audio: wav
                pairs by folder and lets the descriptor split.
                """.formatted(seed, synth.version(), sf2, p.getInt("sample-rate"), fmt(p.getDouble("clip-seconds")), Pose.CSV_HEADER,
                p.getString("split-by"), p.getString("split-by").equals("pitch")
                        ? "each instrument's pitches, low to high, go train, train, val, train, test (repeating); every velocity of a pitch goes with it, so test pitches were never heard from that instrument in training."
                        : "the loudest velocity is test, the second loudest val, the rest train; every pitch is heard in training, never at the held-out loudness.");
        try {
            Files.writeString(out.resolve("pictures.csv"), pics, StandardCharsets.UTF_8);
            Files.writeString(out.resolve("README.txt"), readme, StandardCharsets.UTF_8);
            Path tmp = out.resolve("manifest.csv.tmp");
            Files.writeString(tmp, m, StandardCharsets.UTF_8);
            Files.move(tmp, out.resolve("manifest.csv"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new DataException(out, "cannot write the metadata: " + e.getMessage());
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
