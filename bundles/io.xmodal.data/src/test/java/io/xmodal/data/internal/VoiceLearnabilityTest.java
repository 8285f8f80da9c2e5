package io.xmodal.data.internal;

import io.xmodal.testing.TestDataContext;
import io.xmodal.api.Params;
import io.xmodal.api.data.Dataset;
import io.xmodal.api.data.Sample;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cheap proxies for "a VGG + GRU can learn the voice from the face, and must read the face to do it":
 * the series is a function of the six attributes (a k-NN on them predicts it), each attribute matters,
 * and a linear model on raw pixels does not already solve the task.
 */
class VoiceLearnabilityTest {
    private static final int TRAIN = 3000;
    private static final int TEST = 500;

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    @Test
    void seriesIsASmoothFunctionOfTheAttributes() throws Exception {
        SyntheticFacesVoicesReader reader = new SyntheticFacesVoicesReader();
        Dataset d = reader.open(new TestDataContext(11), Params.defaults(reader.spec(),
                Map.of("count", TRAIN + TEST, "attributes", true)));
        double[][] x = new double[TRAIN + TEST][];
        double[][] y = new double[TRAIN + TEST][];
        for (int i = 0; i < TRAIN + TEST; i++) {
            Sample s = d.get(i);
            x[i] = toDouble(s.get("attributes"));
            y[i] = toDouble(s.get("series"));
        }
        double[][] pred = Regression.knn(java.util.Arrays.copyOf(x, TRAIN), java.util.Arrays.copyOf(y, TRAIN),
                java.util.Arrays.copyOfRange(x, TRAIN, TRAIN + TEST), 5);
        double r2 = Regression.r2(pred, java.util.Arrays.copyOfRange(y, TRAIN, TRAIN + TEST));
        System.out.printf("learnability: k-NN (k=5) on the true attributes, test R2 = %.4f%n", r2);
        assertTrue(r2 >= 0.9, "k-NN on the attributes reaches only R2 " + r2);
    }

    @Test
    void everyAttributeChangesTheSeries() {
        double[] names = new double[FaceAttributes.COUNT];
        for (int a = 0; a < FaceAttributes.COUNT; a++) {
            double[] lo = {0.5, 0.5, 0.5, 0.5, 0.5, 0.5};
            double[] hi = lo.clone();
            lo[a] = 0.25;
            hi[a] = 0.75;
            float[] ylo = VoiceSynth.series(FaceAttributes.of(lo), 64);
            float[] yhi = VoiceSynth.series(FaceAttributes.of(hi), 64);
            double sum = 0;
            for (int j = 0; j < 64; j++) {
                sum += (ylo[j] - yhi[j]) * (ylo[j] - yhi[j]);
            }
            names[a] = Math.sqrt(sum / 64);
        }
        System.out.println("learnability: RMS change of the series when one attribute goes 0.25 -> 0.75 "
                + "(w, h, e, s, m, b): " + java.util.Arrays.toString(names));
        for (int a = 0; a < names.length; a++) {
            assertTrue(names[a] >= 0.05, "attribute " + a + " changes the series by only " + names[a] + " RMS");
        }
    }

    @Test
    void rawPixelsAreNotEnoughForALinearModel() throws Exception {
        int train = 2000;
        int test = 500;
        SyntheticFacesVoicesReader reader = new SyntheticFacesVoicesReader();
        Dataset d = reader.open(new TestDataContext(12), Params.defaults(reader.spec(), Map.of("count", train + test)));
        double[][] x = new double[train + test][];
        double[][] y = new double[train + test][];
        for (int i = 0; i < train + test; i++) {
            Sample s = d.get(i);
            x[i] = toDouble(s.get("image"));
            y[i] = toDouble(s.get("series"));
        }
        double[] lambdas = {1, 10, 100, 1000};
        double[][][] preds = Regression.ridge(java.util.Arrays.copyOf(x, train), java.util.Arrays.copyOf(y, train),
                java.util.Arrays.copyOfRange(x, train, train + test), lambdas);
        double best = Double.NEGATIVE_INFINITY;
        for (int l = 0; l < lambdas.length; l++) {
            double r2 = Regression.r2(preds[l], java.util.Arrays.copyOfRange(y, train, train + test));
            System.out.printf("learnability: ridge on raw pixels, lambda %g, test R2 = %.4f%n", lambdas[l], r2);
            best = Math.max(best, r2);
        }
        assertTrue(best < 0.8, "a linear model on pixels already reaches R2 " + best + "; make the rule harder");
    }
}
