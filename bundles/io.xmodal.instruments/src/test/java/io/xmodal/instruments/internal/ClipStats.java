package io.xmodal.instruments.internal;

import io.xmodal.audio.dsp.Audio;
import io.xmodal.audio.dsp.Wav;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Figures for docs/data.md from a built instruments dataset: per instrument, how many clips have the planned
 * fundamental (YIN, within 3%, or an octave off), and the median spectral centroid, plus a few single
 * clips. {@code java ... ClipStats DATASET_DIR [clips-per-instrument]}.
 */
public final class ClipStats {
    private ClipStats() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int per = args.length > 1 ? Integer.parseInt(args[1]) : Integer.MAX_VALUE;
        List<String> rows = Files.readAllLines(root.resolve("manifest.csv"));
        Map<String, double[]> stats = new TreeMap<>();
        Map<String, List<Double>> centroids = new TreeMap<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            double[] s = stats.computeIfAbsent(f[1], k -> new double[4]);
            if (s[0] >= per) {
                continue;
            }
            Audio a = Wav.read(root.resolve(f[0]));
            int rate = a.sampleRate();
            double want = Double.parseDouble(f[7]);
            double got = Pitch.yin(a.samples(), rate / 10, 4096, rate, 25, 2500);
            double c = Pitch.centroid(a.samples(), rate / 10, 4096, rate);
            s[0]++;
            double r = got / want;
            s[1] += Math.abs(r - 1) < 0.03 ? 1 : 0;
            s[2] += Math.abs(r - 2) < 0.06 || Math.abs(r - 0.5) < 0.015 ? 1 : 0;
            centroids.computeIfAbsent(f[1], k -> new java.util.ArrayList<>()).add(c);
            if (f[0].contains("-v072") && (f[6].equals("A4") || f[6].equals("A3") || f[6].equals("A2") || f[6].equals("C4"))) {
                System.out.printf(Locale.ROOT, "clip %s: planned %s %.1f Hz, YIN %.1f Hz, centroid %.0f Hz%n", f[0], f[6], want, got, c);
            }
        }
        System.out.println("instrument  clips  f0-within-3%  octave-off  median-centroid-Hz");
        for (var e : stats.entrySet()) {
            List<Double> cs = centroids.get(e.getKey());
            cs.sort(null);
            double[] s = e.getValue();
            System.out.printf(Locale.ROOT, "%-11s %5.0f  %12.0f  %10.0f  %18.0f%n", e.getKey(), s[0], s[1], s[2], cs.get(cs.size() / 2));
        }
    }
}
