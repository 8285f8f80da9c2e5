package io.xmodal.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TopKMetricTest {
    // 6 classes; the rank of the true class (0 = best) is 0, 2, 3, 5 and a tie at rank 2..3
    private static final double[][] SCORES = {
        {0.50, 0.10, 0.10, 0.10, 0.10, 0.10}, // target 0: rank 0
        {0.30, 0.25, 0.20, 0.15, 0.05, 0.05}, // target 2: two above
        {0.30, 0.25, 0.20, 0.15, 0.05, 0.05}, // target 3: three above
        {0.30, 0.25, 0.20, 0.15, 0.07, 0.03}, // target 5: five above
        {0.40, 0.20, 0.20, 0.20, 0.00, 0.00}, // target 3: one above, two tied: top-3 2/3, top-5 1, top-1 0
    };
    private static final double[] TARGET = {0, 2, 3, 5, 3};

    @Test
    void countsTheTrueClassAmongTheKBest() {
        INDArray p = Nd4j.create(SCORES);
        INDArray t = Nd4j.create(TARGET);
        assertEquals((1 + 1 + 0 + 0 + 2.0 / 3) / 5, new Top3Metric().compute(p, t), 1e-12);
        assertEquals(4.0 / 5, new Top5Metric().compute(p, t), 1e-12); // all but sample 3
        assertEquals(1.0 / 5, TopK.compute("top-1", 1, p, t), 1e-12);
        assertEquals(1.0, TopK.compute("top-6", 6, p, t), 1e-12);
    }

    @Test
    void uniformOrOneHotScoresGetTheChanceLevelNotCredit() {
        INDArray uniform = Nd4j.ones(4, 10).divi(10);
        INDArray t = Nd4j.create(new double[] {0, 3, 7, 9});
        assertEquals(0.3, new Top3Metric().compute(uniform, t), 1e-12);
        assertEquals(0.5, new Top5Metric().compute(uniform, t), 1e-12);
        // always class 0 with probability 1: right for class 0, else 2 places among 9 tied classes
        INDArray majority = Nd4j.zeros(4, 10);
        majority.getColumn(0).assign(1);
        assertEquals((1 + 3 * 2.0 / 9) / 4, new Top3Metric().compute(majority, t), 1e-12);
    }

    @Test
    void topOneWithoutTiesIsAccuracy() {
        java.util.Random r = new java.util.Random(5);
        double[][] s = new double[50][7];
        double[] y = new double[50];
        for (int i = 0; i < 50; i++) {
            for (int c = 0; c < 7; c++) {
                s[i][c] = r.nextDouble();
            }
            y[i] = r.nextInt(7);
        }
        INDArray p = Nd4j.create(s);
        INDArray t = Nd4j.create(y);
        assertEquals(new AccuracyMetric().compute(p, t), TopK.compute("top-1", 1, p, t), 1e-12);
    }

    @Test
    void rejectsTargetsThatAreNotClassIndices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Top3Metric().compute(Nd4j.create(SCORES), Nd4j.create(new double[] {0, 1, 2, 9, 1})));
        assertEquals(true, e.getMessage().startsWith("top-3: target of sample 3 is 9.0"));
    }
}
