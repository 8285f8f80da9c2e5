package io.xmodal.instruments.internal;
import io.xmodal.audio.dsp.*;
import java.nio.file.*;
import java.util.*;
public class Probe {
    public static void main(String[] a) throws Exception {
        List<Instrument> ins = new ArrayList<>();
        for (String s : a[0].split(",")) ins.add(Instrument.byLabel(s));
        int vel = Integer.parseInt(a[1]);
        List<NotePlan.Note> all = new ArrayList<>();
        // every semitone of each instrument
        List<NotePlan.Note> notes = new ArrayList<>();
        long step = Math.round(1.0 * NotePlan.TICKS_PER_SECOND);
        int k = 0;
        for (int c = 0; c < ins.size(); c++) {
            Instrument i = ins.get(c);
            for (int p = i.lowest() - 4; p <= i.highest() + 4; p++) {
                long on = 480 + k * step;
                notes.add(new NotePlan.Note(k, i, p, vel, c < 9 ? c : c + 1, on, on + 576, "train"));
                k++;
            }
        }
        Path dir = Path.of("/tmp/instr/probe");
        Score.write(Score.sequence(notes, 0.5), dir.resolve("p.mid"));
        FluidSynth.find().render(Path.of(FluidSynth.DEFAULT_SOUNDFONT), dir.resolve("p.mid"), dir.resolve("p.wav"), 22050, 0.5, 600);
        float[] x = Wav.read(dir.resolve("p.wav")).samples();
        for (NotePlan.Note n : notes) {
            int s = (int) Math.round(n.onSeconds() * 22050), e = (int) Math.round(n.offSeconds() * 22050);
            double sum = 0; for (int j = s; j < e; j++) sum += x[j] * x[j];
            double f = Pitch.yin(x, s + 2205, 4096, 22050, 25, 2500);
            System.out.printf(Locale.ROOT, "%s %d %s rms %.5f f0 %.1f want %.1f centroid %.0f%n", n.instrument().label(), n.pitch(), Instrument.noteName(n.pitch()), Math.sqrt(sum / (e - s)), f, Instrument.hertz(n.pitch()), Pitch.centroid(x, s + 2205, 4096, 22050));
        }
    }
}
