package io.xmodal.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xmodal.api.train.Metric;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ClassificationMetricsTest {
    private static final double EPS = 1e-12;

    private final Metric accuracy = new AccuracyMetric();
    private final Metric macroF1 = new MacroF1Metric();

    private static final double[][] PROBS = {
        {0.7, 0.2, 0.1}, // 0, target 0: right
        {0.1, 0.8, 0.1}, // 1, target 1: right
        {0.3, 0.3, 0.4}, // 2, target 1: wrong
        {0.5, 0.5, 0.0}, // tie -> 0, target 1: wrong
        {0.2, 0.1, 0.7}, // 2, target 2: right
    };
    private static final double[] TARGET = {0, 1, 1, 1, 2};

    @Test
    void handComputedValues() {
        INDArray p = Nd4j.create(PROBS);
        INDArray t = Nd4j.create(TARGET);
        assertEquals(3.0 / 5, accuracy.compute(p, t), EPS);
        // F1: class 0 = 2/3 (TP 1, FP 1), class 1 = 1/2 (TP 1, FN 2), class 2 = 2/3 (TP 1, FP 1)
        assertEquals(11.0 / 18, macroF1.compute(p, t), EPS);
        // target as [batch, 1] and as integers
        INDArray t2 = t.reshape(5, 1).castTo(DataType.INT);
        assertEquals(3.0 / 5, accuracy.compute(p, t2), EPS);
        assertEquals(11.0 / 18, macroF1.compute(p, t2), EPS);
    }

    @Test
    void absentClassesAreLeftOutOfTheMacroMean() {
        INDArray p = Nd4j.hstack(Nd4j.create(PROBS), Nd4j.zeros(DataType.DOUBLE, 5, 1)); // a 4th class nobody has
        assertEquals(11.0 / 18, macroF1.compute(p, Nd4j.create(TARGET)), EPS);
        assertEquals(3.0 / 5, accuracy.compute(p, Nd4j.create(TARGET)), EPS);
        // a class that is only targeted (never predicted) counts with F1 0
        INDArray q = Nd4j.create(new double[][] {{1, 0, 0}, {1, 0, 0}, {0, 1, 0}});
        assertEquals((2.0 / 3 + 1.0 + 0.0) / 3, macroF1.compute(q, Nd4j.create(new double[] {0, 2, 1})), EPS);
    }

    @Test
    void matchesPlainLoops() {
        Random rnd = new Random(3);
        int b = 40;
        int k = 4;
        float[][] scores = new float[b][k];
        double[] target = new double[b];
        for (int i = 0; i < b; i++) {
            for (int c = 0; c < k; c++) {
                scores[i][c] = (float) rnd.nextGaussian(); // float32 logits
            }
            target[i] = rnd.nextInt(k);
        }
        int[] pred = new int[b];
        int right = 0;
        for (int i = 0; i < b; i++) {
            for (int c = 1; c < k; c++) {
                if (scores[i][c] > scores[i][pred[i]]) {
                    pred[i] = c;
                }
            }
            right += pred[i] == (int) target[i] ? 1 : 0;
        }
        double f1sum = 0;
        int present = 0;
        for (int c = 0; c < k; c++) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (int i = 0; i < b; i++) {
                boolean isT = (int) target[i] == c;
                boolean isP = pred[i] == c;
                tp += isT && isP ? 1 : 0;
                fp += !isT && isP ? 1 : 0;
                fn += isT && !isP ? 1 : 0;
            }
            if (tp + fp + fn > 0) {
                double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
                double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
                f1sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
                present++;
            }
        }
        INDArray p = Nd4j.create(scores);
        assertEquals(DataType.FLOAT, p.dataType());
        INDArray t = Nd4j.create(target);
        assertEquals((double) right / b, accuracy.compute(p, t), EPS);
        assertEquals(f1sum / present, macroF1.compute(p, t), EPS);
    }

    @Test
    void shapeMismatchNamesBothShapes() {
        for (Metric m : new Metric[] {accuracy, macroF1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> m.compute(Nd4j.zeros(5, 3), Nd4j.zeros(4)));
            assertTrue(e.getMessage().contains(m.spec().name()) && e.getMessage().contains("[5, 3]")
                    && e.getMessage().contains("[4]"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> m.compute(Nd4j.zeros(5, 3), Nd4j.zeros(5, 3)));
            assertTrue(e.getMessage().contains("[5, 3]") && e.getMessage().contains("[batch, classes]"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> m.compute(Nd4j.zeros(5), Nd4j.zeros(5)));
            assertTrue(e.getMessage().contains("[5]"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> m.compute(Nd4j.zeros(5, 1), Nd4j.zeros(5)));
            assertTrue(e.getMessage().contains("[5, 1]") && e.getMessage().contains("2 classes"), e.getMessage());
        }
    }

    @Test
    void targetsMustBeClassIndices() {
        INDArray p = Nd4j.create(PROBS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> accuracy.compute(p, Nd4j.create(new double[] {0, 1, 3, 1, 2})));
        assertTrue(e.getMessage().contains("sample 2") && e.getMessage().contains("0..2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> macroF1.compute(p, Nd4j.create(new double[] {0, 1, 0.5, 1, 2})));
        assertThrows(IllegalArgumentException.class, () -> accuracy.compute(p, Nd4j.create(new double[] {0, -1, 1, 1, 2})));
    }

    @Test
    void nanScoresNeverWin() {
        INDArray p = Nd4j.create(new double[][] {{Double.NaN, 0.2}, {Double.NaN, Double.NaN}});
        assertEquals(0.5, accuracy.compute(p, Nd4j.create(new double[] {1, 0})), EPS);
    }
}
