package io.xmodal.vision.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.xmodal.api.Params;
import io.xmodal.api.Signature;
import io.xmodal.api.model.Block;
import io.xmodal.api.model.Port;
import io.xmodal.testing.TestBlockContext;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.validation.GradCheckUtil;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** What every vision block test checks: infer equals the built shape, and numerical gradients. */
final class BlockChecks {
    private BlockChecks() {
    }

    record Built(SameDiff sd, SDVariable input, Port out) {
        INDArray forward(INDArray value) {
            String name = out.variable().name();
            return sd.output(Map.of("input", value), name).get(name);
        }
    }

    static Built build(Block block, Signature in, Params params, DataType type) {
        SameDiff sd = SameDiff.create();
        return build(sd, sd.placeHolder("input", type, in.withBatch(-1)), block, in, params, type);
    }

    private static Built build(SameDiff sd, SDVariable x, Block block, Signature in, Params params, DataType type) {
        Port out = block.build(new TestBlockContext(sd, "m", type, 5), new Port(x, in), params);
        return new Built(sd, x, out);
    }

    static INDArray input(Signature in, int batch, DataType type) {
        Nd4j.getRandom().setSeed(17);
        return Nd4j.rand(DataType.DOUBLE, in.withBatch(batch)).subi(0.5).muli(2).castTo(type);
    }

    /** infer() equals the built port's signature and the array computed for 3 samples has that shape. */
    static void inferEqualsBuild(Block block, Signature in, Params params) throws Exception {
        Built b = build(block, in, params, DataType.FLOAT);
        assertEquals(block.infer(in, params), b.out().signature());
        INDArray y = b.forward(input(in, 3, DataType.FLOAT));
        assertArrayEquals(b.out().signature().withBatch(3), y.shape());
    }

    /**
     * Numerical gradient check in double precision of input -> block -> sum((y - 0.3)^2) for every
     * parameter array and the input, up to {@code perArray} evenly spaced elements of each.
     */
    static boolean gradientsMatch(Block block, Signature in, Params params, int batch, int perArray) {
        DataType before = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            // The input is a variable, not a placeholder: SameDiff gives a placeholder that only feeds a
            // reshape or permute (as in most of these blocks) no gradient, and the check would throw.
            SameDiff sd = SameDiff.create();
            Built b = build(sd, sd.var("input", input(in, batch, DataType.DOUBLE)), block, in, params, DataType.DOUBLE);
            // A scalar target adds no constant array, which the check would try to perturb element by element.
            sd.setLossVariables(sd.math().square(b.out().variable().sub(0.3)).sum("loss"));
            sd.createGradFunction();
            return GradCheckUtil.checkGradients(sd, Map.of(), 1e-6, 1e-5, 1e-8, false, false,
                    false, false, null, null, perArray, GradCheckUtil.Subset.EVERY_N);
        } finally {
            Nd4j.setDefaultDataTypes(before, before);
        }
    }
}
