package io.xmodal.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class StrayOutputTest {
    private static String through(boolean keepAll, String... writes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream target = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (PrintStream out = new PrintStream(new StrayOutput(target, keepAll), true, StandardCharsets.UTF_8)) {
            for (String w : writes) {
                out.print(w);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void noiseIsDroppedUnlessVerbose() {
        String[] writes = {"keep me\nAdded differentiated op conv2d\n", "Added differ", "entiated op relu\nalso kept é\n", "tail"};
        assertEquals("keep me\nalso kept é\ntail", through(false, writes));
        assertEquals(String.join("", writes), through(true, writes));
    }

    /**
     * Pins the reason for the filter: SameDiff (1.0.0-M2.1) prints "Added differentiated op" lines to
     * System.out when it builds a gradient function. When a version stops doing so, the filter can go.
     */
    @Test
    void sameDiffPrintsItsGradientOpsToSystemOut() {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            SameDiff sd = SameDiff.create();
            SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 2);
            SDVariable w = sd.var("w", Nd4j.rand(DataType.FLOAT, 2, 1));
            sd.setLossVariables(x.mmul(w).sum());
            sd.createGradFunction();
        } finally {
            System.setOut(saved);
        }
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains(StrayOutput.NOISE.get(0)),
                "SameDiff no longer prints gradient ops: remove the filter in StrayOutput");
    }
}
