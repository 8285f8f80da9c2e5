package io.xmodal.engine.internal.generative;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mode-collapse indicator: per condition class, the mean pairwise Euclidean distance between the
 * generated samples of that class and between the real samples of that class (in the target's original
 * units). A generator that ignores its noise and draws one picture per class scores about 0; one as varied
 * as the data about 1. At most {@link #MAX_PER_CLASS} samples per class are compared (the first ones), so
 * the cost stays bounded.
 */
public final class Diversity {
    static final int MAX_PER_CLASS = 200;

    /**
     * Diversity of one class.
     *
     * @param ratio generated / real, NaN when the real samples do not differ or a side has fewer than 2 samples
     */
    public record PerClass(int label, int count, double generated, double real, double ratio) {
    }

    /**
     * The per-class figures and their summary.
     *
     * @param generated the mean over classes of the generated samples' diversity
     * @param real      the same for the real samples
     * @param ratio     generated / real
     * @param worst     the class with the lowest ratio, or null when no class has one
     */
    public record Result(List<PerClass> classes, double generated, double real, double ratio, PerClass worst) {
    }

    private Diversity() {
    }

    /** {@code generated} and {@code real} are [n][values] of the same samples in the same order; {@code labels} their classes. */
    public static Result of(float[][] generated, float[][] real, int[] labels, int classes) {
        Map<Integer, List<Integer>> byClass = new LinkedHashMap<>();
        for (int c = 0; c < classes; c++) {
            byClass.put(c, new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            List<Integer> rows = byClass.get(labels[i]);
            if (rows != null && rows.size() < MAX_PER_CLASS) {
                rows.add(i);
            }
        }
        List<PerClass> out = new ArrayList<>();
        double sumGen = 0;
        double sumReal = 0;
        int counted = 0;
        PerClass worst = null;
        for (Map.Entry<Integer, List<Integer>> e : byClass.entrySet()) {
            List<Integer> rows = e.getValue();
            if (rows.size() < 2) {
                continue;
            }
            double g = meanPairwise(generated, rows);
            double r = meanPairwise(real, rows);
            double ratio = r > 0 ? g / r : Double.NaN;
            PerClass pc = new PerClass(e.getKey(), rows.size(), g, r, ratio);
            out.add(pc);
            sumGen += g;
            sumReal += r;
            counted++;
            if (!Double.isNaN(ratio) && (worst == null || ratio < worst.ratio())) {
                worst = pc;
            }
        }
        double gen = counted == 0 ? Double.NaN : sumGen / counted;
        double real0 = counted == 0 ? Double.NaN : sumReal / counted;
        return new Result(out, gen, real0, real0 > 0 ? gen / real0 : Double.NaN, worst);
    }

    /** The mean Euclidean distance over all pairs of the given rows. */
    static double meanPairwise(float[][] x, List<Integer> rows) {
        double sum = 0;
        long pairs = 0;
        for (int a = 0; a < rows.size(); a++) {
            float[] u = x[rows.get(a)];
            for (int b = a + 1; b < rows.size(); b++) {
                float[] v = x[rows.get(b)];
                double d = 0;
                for (int k = 0; k < u.length; k++) {
                    double t = u[k] - v[k];
                    d += t * t;
                }
                sum += Math.sqrt(d);
                pairs++;
            }
        }
        return pairs == 0 ? 0 : sum / pairs;
    }
}
