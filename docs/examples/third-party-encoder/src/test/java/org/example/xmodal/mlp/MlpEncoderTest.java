package org.example.xmodal.mlp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xmodal.api.Modality;
import io.xmodal.api.Params;
import io.xmodal.api.Signature;
import io.xmodal.api.model.BlockContext;
import io.xmodal.api.model.IncompatibleInputException;
import io.xmodal.api.model.Init;
import io.xmodal.api.model.Port;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.validation.GradCheckUtil;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class MlpEncoderTest {
    private final MlpEncoder mlp = new MlpEncoder();

    @Test
    void infersTheWidthAndRejectsVariableInputs() throws Exception {
        Params p = Params.defaults(MlpEncoder.SPEC, Map.of("width", 5));
        assertEquals(Signature.of(Modality.FEATURES, 5), mlp.infer(Signature.of(Modality.IMAGE, 1, 8, 8), p));
        IncompatibleInputException e = assertThrows(IncompatibleInputException.class,
                () -> mlp.infer(Signature.of(Modality.SERIES, -1), p));
        assertTrue(e.getMessage().contains("fixed size"), e.getMessage());
    }

    @Test
    void computesTheTwoLayerPerceptron() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("input", DataType.DOUBLE, -1, 1, 2, 2);
        Port out = mlp.build(new Context(sd, "encoder", 3), new Port(x, Signature.of(Modality.IMAGE, 1, 2, 2)),
                Params.defaults(MlpEncoder.SPEC, Map.of("hidden", 3, "width", 2)));
        INDArray in = Nd4j.create(new double[] {1, -2, 0.5, 3, 0, 1, -1, 2}, new long[] {2, 1, 2, 2});
        INDArray got = out.variable().eval(Map.of("input", in));
        INDArray w1 = sd.getVariable("encoder/w1").getArr();
        INDArray b1 = sd.getVariable("encoder/b1").getArr();
        INDArray w2 = sd.getVariable("encoder/w2").getArr();
        INDArray b2 = sd.getVariable("encoder/b2").getArr();
        for (int s = 0; s < 2; s++) {
            for (int o = 0; o < 2; o++) {
                double y = b2.getDouble(o);
                for (int h = 0; h < 3; h++) {
                    double a = b1.getDouble(h);
                    for (int i = 0; i < 4; i++) {
                        a += in.getDouble(s, 0, i / 2, i % 2) * w1.getDouble(i, h);
                    }
                    y += Math.tanh(a) * w2.getDouble(h, o);
                }
                assertEquals(y, got.getDouble(s, o), 1e-12);
            }
        }
        assertArrayEquals(new long[] {2, 2}, got.shape());
    }

    /** Every weight's analytic gradient against central differences, in double precision. */
    @Test
    void gradientsMatchNumericalGradients() {
        DataType before = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            SameDiff sd = SameDiff.create();
            SDVariable x = sd.placeHolder("input", DataType.DOUBLE, -1, 1, 2, 3);
            Port out = mlp.build(new Context(sd, "encoder", 5), new Port(x, Signature.of(Modality.IMAGE, 1, 2, 3)),
                    Params.defaults(MlpEncoder.SPEC, Map.of("hidden", 4, "width", 3)));
            // b1, b2 start at zero: move them off so that their gradients are exercised in general position
            sd.getVariable("encoder/b1").getArr().assign(Nd4j.rand(DataType.DOUBLE, 4).subi(0.5));
            sd.getVariable("encoder/b2").getArr().assign(Nd4j.rand(DataType.DOUBLE, 3).subi(0.5));
            Nd4j.getRandom().setSeed(11);
            INDArray in = Nd4j.rand(DataType.DOUBLE, 3, 1, 2, 3).subi(0.5);
            SDVariable loss = sd.math().square(out.variable().sub(0.3)).sum("loss");
            sd.setLossVariables(loss);
            sd.createGradFunction("input"); // the input gradient too: GradCheckUtil checks it
            sd.associateArrayWithVariable(in, x);
            assertTrue(GradCheckUtil.checkGradients(sd, Map.of("input", in), 1e-6, 1e-5, 1e-8, false, false));
        } finally {
            Nd4j.setDefaultDataTypes(before, before);
        }
    }

    /** A minimal BlockContext for building the block alone: trainable variables drawn from a seed. */
    private record Context(SameDiff graph, String scope, long seed) implements BlockContext {
        @Override
        public String name(String local) {
            return scope + "/" + local;
        }

        @Override
        public SDVariable param(String local, Init init, long fanIn, long fanOut, long... shape) {
            Random random = new Random(seed * 31 + local.hashCode());
            INDArray values = Nd4j.create(DataType.DOUBLE, shape);
            double scale = Math.sqrt(6.0 / (fanIn + fanOut));
            for (long i = 0; i < values.length(); i++) {
                values.putScalar(i, init == Init.ZEROS ? 0 : (2 * random.nextDouble() - 1) * scale);
            }
            return graph.var(name(local), values);
        }

        @Override
        public DataType dataType() {
            return DataType.DOUBLE;
        }

        @Override
        public BlockContext child(String local) {
            return new Context(graph, name(local), seed * 31 + local.hashCode());
        }
    }
}
