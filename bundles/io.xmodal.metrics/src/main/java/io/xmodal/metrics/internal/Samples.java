package io.xmodal.metrics.internal;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A [batch, ...] array copied to double precision and flattened per sample (C order): value
 * {@code j} of sample {@code i} is {@code values[i * width + j]}.
 */
record Samples(double[] values, int batch, int width) {

    /** The values of {@code a} in double precision, whatever its data type, ordering or view offset. */
    static Samples of(String metric, String what, INDArray a) {
        Objects.requireNonNull(a, what);
        long[] shape = a.shape();
        if (shape.length == 0) {
            throw new IllegalArgumentException(metric + ": " + what + " must have a batch dimension, got a scalar");
        }
        if (a.length() == 0) {
            throw new IllegalArgumentException(metric + ": " + what + " is empty, shape " + Arrays.toString(shape));
        }
        if (a.length() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(metric + ": " + what + " has " + a.length() + " values, too many to score at once");
        }
        // castTo returns a fresh array for other types; dup('c') gives a contiguous buffer of exactly length() values
        INDArray d = a.castTo(DataType.DOUBLE).dup('c');
        double[] v = d.data().asDouble();
        int batch = (int) shape[0];
        return new Samples(v, batch, v.length / batch);
    }

    /**
     * Both arrays in double precision after checking that their shapes agree: equal, or equal once
     * dimensions of size 1 after the batch dimension are dropped (so [batch] matches [batch, 1]).
     */
    static Samples[] pair(String metric, INDArray predicted, INDArray target) {
        Objects.requireNonNull(predicted, "predicted");
        Objects.requireNonNull(target, "target");
        if (!sameShape(predicted.shape(), target.shape())) {
            throw new IllegalArgumentException(metric + ": predicted shape " + Arrays.toString(predicted.shape())
                    + " does not match target shape " + Arrays.toString(target.shape()));
        }
        return new Samples[] {of(metric, "predicted", predicted), of(metric, "target", target)};
    }

    private static boolean sameShape(long[] a, long[] b) {
        if (Arrays.equals(a, b)) {
            return true;
        }
        return a.length > 0 && b.length > 0 && a[0] == b[0] && Arrays.equals(squeezed(a), squeezed(b));
    }

    private static long[] squeezed(long[] shape) {
        return Arrays.stream(shape, 1, shape.length).filter(d -> d != 1).toArray();
    }
}
