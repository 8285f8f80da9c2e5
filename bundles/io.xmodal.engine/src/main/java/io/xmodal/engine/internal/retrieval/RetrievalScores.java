package io.xmodal.engine.internal.retrieval;

import io.xmodal.api.train.RetrievalMetric;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scores retrieval in both directions: each metric as {@code A->B.name} (queries of modality A against
 * a gallery of B) and {@code B->A.name}, the whole test split being both the queries and the gallery.
 */
public final class RetrievalScores {
    private RetrievalScores() {
    }

    /** The direction prefix, for example {@code image->spectrogram}. */
    public static String direction(String from, String to) {
        return from + "->" + to;
    }

    public static Map<String, Double> of(Map<String, RetrievalMetric> metrics, String nameA, INDArray a, String nameB, INDArray b,
                                         long[] keys) {
        Map<String, Double> out = new LinkedHashMap<>();
        metrics.forEach((name, m) -> out.put(direction(nameA, nameB) + "." + name, m.compute(a, b, keys, keys)));
        metrics.forEach((name, m) -> out.put(direction(nameB, nameA) + "." + name, m.compute(b, a, keys, keys)));
        return out;
    }

    /** The analytic chance level of every metric, in both directions (equal, as both sides share keys). */
    public static Map<String, Double> chance(Map<String, RetrievalMetric> metrics, String nameA, String nameB, long[] keys) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String[] d : new String[][] {{nameA, nameB}, {nameB, nameA}}) {
            metrics.forEach((name, m) -> {
                double c = m.chance(keys, keys);
                if (!Double.isNaN(c)) {
                    out.put(direction(d[0], d[1]) + "." + name, c);
                }
            });
        }
        return out;
    }
}
