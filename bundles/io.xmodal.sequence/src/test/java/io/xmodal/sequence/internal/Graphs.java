package io.xmodal.sequence.internal;

import io.xmodal.api.Signature;
import io.xmodal.api.model.BlockContext;
import io.xmodal.api.model.Port;
import io.xmodal.testing.TestBlockContext;
import java.util.Map;
import java.util.function.BiFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.validation.GradCheckUtil;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Tiny graphs around blocks under test: a placeholder named "input", the blocks, and their output. */
final class Graphs {
    private Graphs() {
    }

    /** A graph input -> model, built in {@code type} with a seeded {@link TestBlockContext} scoped "m". */
    static Built build(Signature in, DataType type, BiFunction<BlockContext, Port, Port> model) {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("input", type, in.withBatch(-1));
        Port out = model.apply(new TestBlockContext(sd, "m", type, 5), new Port(x, in));
        return new Built(sd, x, out);
    }

    /** Random input in [-1, 1) for {@code batch} samples. */
    static INDArray input(Signature in, int batch, DataType type) {
        Nd4j.getRandom().setSeed(17);
        return Nd4j.rand(DataType.DOUBLE, in.withBatch(batch)).subi(0.5).muli(2).castTo(type);
    }

    /**
     * Numerical gradient check in double precision of input -> model -> sum((y - 0.3)^2), for every
     * parameter array and the input (up to 6 elements of each).
     */
    static boolean gradientsMatch(Signature in, int batch, BiFunction<BlockContext, Port, Port> model) {
        DataType before = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            Built b = build(in, DataType.DOUBLE, model);
            INDArray value = input(in, batch, DataType.DOUBLE);
            // A scalar target adds no constant array, which the check would try to perturb element by element.
            b.sd().setLossVariables(b.sd().math().square(b.out().variable().sub(0.3)).sum("loss"));
            b.sd().createGradFunction();
            b.sd().associateArrayWithVariable(value, b.input());
            // Up to 6 evenly spaced elements per array keep the unrolled graphs' checks to seconds.
            return GradCheckUtil.checkGradients(b.sd(), Map.of("input", value), 1e-6, 1e-5, 1e-8, false, false,
                    false, false, null, null, 6, GradCheckUtil.Subset.EVERY_N);
        } finally {
            Nd4j.setDefaultDataTypes(before, before);
        }
    }

    /**
     * As {@link #gradientsMatch}, with the input as a variable rather than a placeholder: SameDiff gives
     * a placeholder that only feeds a permute or reshape (as in the encoders) no gradient, and the check
     * would throw. The input's gradient is checked all the same.
     */
    static boolean gradientsMatchInputVariable(Signature in, int batch, BiFunction<BlockContext, Port, Port> model) {
        DataType before = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            SameDiff sd = SameDiff.create();
            SDVariable x = sd.var("input", input(in, batch, DataType.DOUBLE));
            Port out = model.apply(new TestBlockContext(sd, "m", DataType.DOUBLE, 5), new Port(x, in));
            sd.setLossVariables(sd.math().square(out.variable().sub(0.3)).sum("loss"));
            sd.createGradFunction();
            return GradCheckUtil.checkGradients(sd, Map.of(), 1e-6, 1e-5, 1e-8, false, false,
                    false, false, null, null, 6, GradCheckUtil.Subset.EVERY_N);
        } finally {
            Nd4j.setDefaultDataTypes(before, before);
        }
    }

    record Built(SameDiff sd, SDVariable input, Port out) {
        INDArray forward(INDArray value) {
            String name = out.variable().name();
            return sd.output(Map.of("input", value), name).get(name);
        }

        /** A parameter's values as a matrix (a vector becomes one row). */
        double[][] param(String name) {
            INDArray a = sd.getVariable(name).getArr().castTo(DataType.DOUBLE);
            return a.rank() == 1 ? new double[][] {a.toDoubleVector()} : a.toDoubleMatrix();
        }
    }
}
