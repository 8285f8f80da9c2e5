package io.xmodal.testing;

import io.xmodal.api.model.BlockContext;
import io.xmodal.api.model.Init;
import java.util.Random;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The smallest {@link BlockContext} for tests of a block built alone: parameters are trainable
 * {@code sd.var}s drawn from {@code seed} and their name, so a test sees the same values every run.
 */
public final class TestBlockContext implements BlockContext {
    private final SameDiff sd;
    private final String scope;
    private final DataType dataType;
    private final long seed;

    public TestBlockContext(SameDiff sd, String scope, DataType dataType, long seed) {
        this.sd = sd;
        this.scope = scope;
        this.dataType = dataType;
        this.seed = seed;
    }

    @Override
    public SameDiff graph() {
        return sd;
    }

    @Override
    public String scope() {
        return scope;
    }

    @Override
    public String name(String local) {
        return scope + "/" + local;
    }

    @Override
    public SDVariable param(String local, Init init, long fanIn, long fanOut, long... shape) {
        Random random = new Random(seed * 31 + name(local).hashCode());
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        double[] values = new double[(int) n];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (init) {
                case ZEROS -> 0;
                case ONES -> 1;
                case UNIFORM_FAN_IN -> (2 * random.nextDouble() - 1) / Math.sqrt(fanIn);
                case XAVIER_UNIFORM -> (2 * random.nextDouble() - 1) * Math.sqrt(6.0 / (fanIn + fanOut));
                case HE_NORMAL -> random.nextGaussian() * Math.sqrt(2.0 / fanIn);
            };
        }
        return sd.var(name(local), Nd4j.create(values, shape, DataType.DOUBLE).castTo(dataType));
    }

    @Override
    public DataType dataType() {
        return dataType;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public BlockContext child(String local) {
        return new TestBlockContext(sd, name(local), dataType, seed * 31 + local.hashCode());
    }
}
