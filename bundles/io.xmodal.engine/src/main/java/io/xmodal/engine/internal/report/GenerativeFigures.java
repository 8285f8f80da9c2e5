package io.xmodal.engine.internal.report;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The figures a generating run ({@code gan}, {@code vae}) leaves under {@code generative} in its
 * {@code metrics.json} (see docs/generative.md, "Scoring"), as a report compares them: five of them
 * become test metrics named {@code generative.<key>} with their direction, and {@code chance} becomes
 * the {@code majority} baseline of both classifier accuracies: scoring's chance is the share of the
 * test samples in the training split's most frequent class, the accuracy of the majority rule, which
 * is what the {@code majority} baseline of a classification run measures (its {@code chance} baseline
 * is a uniform random guess, another figure). The sample files scoring writes
 * ({@code generated-grid.png}, {@code generated-NN.png}, {@code generated-NN.wav}, {@code real-NN.wav})
 * are told apart from the other samples here too.
 */
public final class GenerativeFigures {
    /** The prefix of the metric names. */
    public static final String PREFIX = "generative.";
    /** The baseline that scoring's {@code chance} becomes. */
    public static final String MAJORITY = "majority";

    /** Key in {@code metrics.json}'s {@code generative} object to the direction of the metric it becomes, in table order. */
    private static final Map<String, Aggregation.Direction> FIGURES = new LinkedHashMap<>();

    static {
        FIGURES.put("classifier_accuracy_generated", Aggregation.Direction.HIGHER);
        FIGURES.put("classifier_accuracy_real", Aggregation.Direction.HIGHER);
        FIGURES.put("ratio", Aggregation.Direction.HIGHER);
        FIGURES.put("frechet_distance", Aggregation.Direction.LOWER);
        // about 1 when generated samples vary as much as real ones; near 0 collapsed, above 1 noisier than the data
        FIGURES.put("diversity_ratio", Aggregation.Direction.TOWARDS_ONE);
    }

    /** The accuracies the majority baseline is drawn against. */
    private static final List<String> CHANCE_OF = List.of("classifier_accuracy_generated", "classifier_accuracy_real");

    private static final Pattern GRID = Pattern.compile("generated-grid\\.png");
    private static final Pattern PAIR = Pattern.compile("generated-\\d+\\.png");
    private static final Pattern SOUND = Pattern.compile("(generated|real)-\\d+\\.wav");

    private GenerativeFigures() {
    }

    /** The test metrics of a {@code generative} object ({@code generative.<key>}), empty for anything else. */
    public static Map<String, Double> metrics(Object generative) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (generative instanceof Map<?, ?> g) {
            FIGURES.keySet().forEach(k -> {
                if (g.get(k) instanceof Number n) {
                    out.put(PREFIX + k, n.doubleValue());
                }
            });
        }
        return out;
    }

    /** The majority baseline ({@code generative.<accuracy>} to scoring's chance), empty when the object has no chance. */
    public static Map<String, Double> majority(Object generative) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (generative instanceof Map<?, ?> g && g.get("chance") instanceof Number n) {
            CHANCE_OF.forEach(k -> out.put(PREFIX + k, n.doubleValue()));
        }
        return out;
    }

    /** The direction of a generative metric, or null for any other metric. */
    public static Aggregation.Direction direction(String metric) {
        return metric.startsWith(PREFIX) ? FIGURES.get(metric.substring(PREFIX.length())) : null;
    }

    /** True for a sample file generative scoring wrote. */
    public static boolean isScoringSample(Path file) {
        String n = file.getFileName().toString();
        return GRID.matcher(n).matches() || PAIR.matcher(n).matches() || SOUND.matcher(n).matches();
    }

    static boolean isGrid(Path file) {
        return GRID.matcher(file.getFileName().toString()).matches();
    }

    static boolean isPair(Path file) {
        return PAIR.matcher(file.getFileName().toString()).matches();
    }

    static boolean isSound(Path file) {
        return SOUND.matcher(file.getFileName().toString()).matches();
    }
}
