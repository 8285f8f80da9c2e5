package io.xmodal.vision.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xmodal.api.Modality;
import io.xmodal.api.Params;
import io.xmodal.api.Signature;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** ConvLSTM's peephole terms: the paper's formula by hand, the parameters they add, and that zero peepholes are no peepholes. */
class ConvLstmEncoderTest {
    private static final ConvLstmEncoder CONVLSTM = new ConvLstmEncoder();

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    /** One pixel, one channel, kernel 1, hidden 1: the convolutions are products, so the whole recurrence can be written out. */
    @Test
    void peepholesFollowShiEtAl() {
        Signature in = Signature.of(Modality.FRAMES, 3, 1, 1, 1);
        Params params = VisionBlocksTest.p(CONVLSTM, "hidden", 1, "kernel", 1, "peepholes", true);
        BlockChecks.Built built = BlockChecks.build(CONVLSTM, in, params, DataType.DOUBLE);
        INDArray x = BlockChecks.input(in, 2, DataType.DOUBLE);
        INDArray out = built.forward(x);
        double[] wx = built.sd().getVariable("m/layer0/x/w").getArr().data().asDouble();
        double[] b = built.sd().getVariable("m/layer0/x/b").getArr().data().asDouble();
        double[] wh = built.sd().getVariable("m/layer0/h/w").getArr().data().asDouble();
        double wci = built.sd().getVariable("m/layer0/peephole/i").getArr().getDouble(0);
        double wcf = built.sd().getVariable("m/layer0/peephole/f").getArr().getDouble(0);
        double wco = built.sd().getVariable("m/layer0/peephole/o").getArr().getDouble(0);
        for (int n = 0; n < 2; n++) {
            double h = 0;
            double c = 0;
            for (int t = 0; t < 3; t++) {
                double xt = x.getDouble(n, t, 0, 0, 0);
                double[] pre = new double[4];
                for (int k = 0; k < 4; k++) {
                    pre[k] = wx[k] * xt + wh[k] * h + b[k];
                }
                double i = sigmoid(pre[0] + wci * c);
                double f = sigmoid(pre[1] + wcf * c);
                c = f * c + i * Math.tanh(pre[2]);
                h = sigmoid(pre[3] + wco * c) * Math.tanh(c);
            }
            assertEquals(h, out.getDouble(n, 0, 0, 0), 1e-12);
        }
    }

    @Test
    void peepholesAddThreeMapsPerLayerAndZeroOnesChangeNothing() {
        Signature in = Signature.of(Modality.FRAMES, 4, 2, 5, 3);
        Params plain = VisionBlocksTest.p(CONVLSTM, "hidden", 3, "layers", 2, "output", "sequence");
        Params peep = VisionBlocksTest.p(CONVLSTM, "hidden", 3, "layers", 2, "output", "sequence", "peepholes", true);
        BlockChecks.Built a = BlockChecks.build(CONVLSTM, in, plain, DataType.DOUBLE);
        BlockChecks.Built p = BlockChecks.build(CONVLSTM, in, peep, DataType.DOUBLE);
        assertEquals(count(a) + 2 * 3 * 3 * 5 * 3, count(p));
        INDArray x = BlockChecks.input(in, 2, DataType.DOUBLE);
        INDArray without = a.forward(x);
        assertTrue(without.sub(p.forward(x)).amaxNumber().doubleValue() > 1e-6, "non-zero peepholes change the output");
        for (SDVariable v : p.sd().variables()) {
            if (v.name().contains("/peephole/")) {
                assertArrayEquals(new long[] {3, 5, 3}, v.getShape());
                v.getArr().assign(0);
            }
        }
        assertEquals(0, without.sub(p.forward(x)).amaxNumber().doubleValue(), 1e-12);
    }

    private static long count(BlockChecks.Built b) {
        return b.sd().variables().stream().filter(v -> v.getVariableType() == org.nd4j.autodiff.samediff.VariableType.VARIABLE)
                .mapToLong(v -> v.getArr().length()).sum();
    }
}
