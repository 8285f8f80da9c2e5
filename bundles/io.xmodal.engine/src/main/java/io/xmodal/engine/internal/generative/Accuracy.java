package io.xmodal.engine.internal.generative;

/**
 * The classification bookkeeping of scoring: how often the classifier's most probable class is the
 * sample's class, and the chance level it is read against: the accuracy of always answering the most
 * frequent class of the training split (the majority rule; with balanced classes about 1 / classes).
 */
public final class Accuracy {
    private Accuracy() {
    }

    /** The index of the largest value of each row of probabilities [n][classes] (the first on ties). */
    public static int[] argmax(float[][] probabilities) {
        int[] out = new int[probabilities.length];
        for (int i = 0; i < probabilities.length; i++) {
            float[] p = probabilities[i];
            int best = 0;
            for (int k = 1; k < p.length; k++) {
                if (p[k] > p[best]) {
                    best = k;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /** The share of rows whose most probable class is their label. */
    public static double of(float[][] probabilities, int[] labels) {
        if (labels.length == 0) {
            return Double.NaN;
        }
        int[] predicted = argmax(probabilities);
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            right += predicted[i] == labels[i] ? 1 : 0;
        }
        return (double) right / labels.length;
    }

    /** The most frequent class of {@code labels} (the lowest index on ties). */
    public static int majority(int[] labels, int classes) {
        int[] counts = new int[classes];
        for (int l : labels) {
            if (l >= 0 && l < classes) {
                counts[l]++;
            }
        }
        int best = 0;
        for (int k = 1; k < classes; k++) {
            if (counts[k] > counts[best]) {
                best = k;
            }
        }
        return best;
    }

    /** Chance: the share of {@code test} labels equal to the training split's majority class. */
    public static double chance(int[] train, int[] test, int classes) {
        if (test.length == 0) {
            return Double.NaN;
        }
        int m = majority(train, classes);
        int hits = 0;
        for (int l : test) {
            hits += l == m ? 1 : 0;
        }
        return (double) hits / test.length;
    }
}
