package io.xmodal.engine.internal.build;

import io.xmodal.api.model.Init;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

/**
 * Initial parameter values, drawn in Java from a seed so that a parameter's start depends only on
 * the experiment seed and its name (not on ND4J's global generator or on build order).
 */
public final class Initializers {
    private Initializers() {
    }

    public static INDArray create(Init init, long fanIn, long fanOut, long seed, DataType type, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("parameter too large: " + n + " values");
        }
        double[] v = new double[(int) n];
        SplittableRandom rng = new SplittableRandom(seed);
        switch (init) {
            case ZEROS:
                break;
            case ONES:
                java.util.Arrays.fill(v, 1.0);
                break;
            case UNIFORM_FAN_IN: {
                double a = 1.0 / Math.sqrt(Math.max(1, fanIn));
                for (int i = 0; i < v.length; i++) {
                    v[i] = (rng.nextDouble() * 2 - 1) * a;
                }
                break;
            }
            case XAVIER_UNIFORM: {
                double a = Math.sqrt(6.0 / Math.max(1, fanIn + fanOut));
                for (int i = 0; i < v.length; i++) {
                    v[i] = (rng.nextDouble() * 2 - 1) * a;
                }
                break;
            }
            case HE_NORMAL: {
                double s = Math.sqrt(2.0 / Math.max(1, fanIn));
                for (int i = 0; i < v.length; i++) {
                    v[i] = gaussian(rng) * s;
                }
                break;
            }
            default:
                throw new IllegalArgumentException("unknown init " + init);
        }
        return Nd4j.create(v, shape, 'c').castTo(type);
    }

    private static double gaussian(SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** A stable 64-bit seed from the experiment seed and a name (FNV-1a then a mix). */
    public static long seedFor(long experimentSeed, String name) {
        long h = 0xcbf29ce484222325L ^ experimentSeed;
        for (int i = 0; i < name.length(); i++) {
            h ^= name.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }
}
