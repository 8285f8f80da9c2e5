package io.xmodal.retrieval.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xmodal.api.train.TrainingPlan;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The objective learns: pairs (x, y) share a 4-dimensional latent z (x = A z + noise in 8 dimensions,
 * y = B z + noise in 6); after 150 Adam steps instance retrieval over 200 held-out pairs is far
 * above chance (1/200) in both directions. Seeded; a few seconds.
 */
class ContrastiveLearningTest {
    private static final int TRAIN = 512;
    private static final int TEST = 200;

    @ParameterizedTest
    @ValueSource(strings = {"info-nce", "triplet"})
    void learnsInstanceRetrievalFarAboveChance(String loss) {
        Random r = new Random(42);
        double[][] a = gaussian(r, 8, 4);
        double[][] b = gaussian(r, 6, 4);
        INDArray[] train = pairs(r, a, b, TRAIN);
        INDArray[] test = pairs(r, a, b, TEST);

        TestGraphs.Built built = TestGraphs.contrastive(Map.of("dim", 8, "loss", loss, "temperature", 0.1), 8, 6, 16, DataType.FLOAT);
        SameDiff sd = built.sd();
        String lossName = built.plan().phases().get(0).loss();
        sd.setLossVariables(lossName);
        sd.createGradFunction();
        List<String> params = sd.variables().stream().filter(v -> v.getVariableType() == VariableType.VARIABLE).map(SDVariable::name).toList();
        Map<String, GradientUpdater<?>> updaters = new HashMap<>();
        for (String p : params) {
            Adam adam = new Adam(0.01);
            long n = sd.getVariable(p).getArr().length();
            updaters.put(p, adam.instantiate(Nd4j.zeros(DataType.FLOAT, 1, adam.stateSize(n)), true));
        }
        int batch = 64;
        for (int step = 0; step < 150; step++) {
            int from = (step * batch) % TRAIN;
            INDArray x = train[0].get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, from + batch), org.nd4j.linalg.indexing.NDArrayIndex.all());
            INDArray y = train[1].get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, from + batch), org.nd4j.linalg.indexing.NDArrayIndex.all());
            Map<String, INDArray> grads = sd.calculateGradients(Map.of("input", x.dup(), "target", y.dup()), params);
            for (String p : params) {
                INDArray g = grads.get(p);
                updaters.get(p).applyUpdater(g, step, 0);
                sd.getVariable(p).getArr().subi(g);
            }
        }
        String ea = built.plan().embeddings().get(TrainingPlan.INPUT);
        String eb = built.plan().embeddings().get(TrainingPlan.TARGET);
        INDArray za = sd.output(Map.of("input", test[0]), ea).get(ea);
        INDArray zb = sd.output(Map.of("target", test[1]), eb).get(eb);
        long[] keys = new long[TEST];
        for (int i = 0; i < TEST; i++) {
            keys[i] = i;
        }
        double forward = new RecallAt1Metric().compute(za, zb, keys, keys);
        double backward = new RecallAt1Metric().compute(zb, za, keys, keys);
        double chance = new RecallAt1Metric().chance(keys, keys);
        assertTrue(forward > 20 * chance && backward > 20 * chance,
                loss + ": recall@1 " + forward + " and " + backward + " against chance " + chance);
    }

    private static double[][] gaussian(Random r, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = r.nextGaussian();
            }
        }
        return m;
    }

    private static INDArray[] pairs(Random r, double[][] a, double[][] b, int n) {
        float[][] x = new float[n][a.length];
        float[][] y = new float[n][b.length];
        for (int i = 0; i < n; i++) {
            double[] z = new double[4];
            for (int k = 0; k < 4; k++) {
                z[k] = r.nextGaussian();
            }
            for (int d = 0; d < a.length; d++) {
                double s = 0;
                for (int k = 0; k < 4; k++) {
                    s += a[d][k] * z[k];
                }
                x[i][d] = (float) (s + 0.1 * r.nextGaussian());
            }
            for (int d = 0; d < b.length; d++) {
                double s = 0;
                for (int k = 0; k < 4; k++) {
                    s += b[d][k] * z[k];
                }
                y[i][d] = (float) (s + 0.1 * r.nextGaussian());
            }
        }
        return new INDArray[] {Nd4j.create(x), Nd4j.create(y)};
    }
}
