package io.xmodal.engine.internal.build;

import io.xmodal.api.model.BlockContext;
import io.xmodal.api.model.Init;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.Set;

/** The engine's {@link BlockContext}: scoped names, seeded parameters, and a record of what was created. */
public final class GraphBlockContext implements BlockContext {
    private final SameDiff sd;
    private final String scope;
    private final long experimentSeed;
    private final DataType type;
    private final Set<String> created;

    /** @param created receives the name of every parameter this context (and its children) creates */
    public GraphBlockContext(SameDiff sd, String scope, long experimentSeed, DataType type, Set<String> created) {
        this.sd = sd;
        this.scope = scope;
        this.experimentSeed = experimentSeed;
        this.type = type;
        this.created = created;
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
        String name = name(local);
        if (sd.hasVariable(name)) {
            throw new IllegalStateException("block in scope '" + scope + "' created parameter '" + local + "' twice");
        }
        SDVariable v = sd.var(name, Initializers.create(init, fanIn, fanOut, Initializers.seedFor(experimentSeed, name), type, shape));
        created.add(name);
        return v;
    }

    @Override
    public DataType dataType() {
        return type;
    }

    @Override
    public long seed() {
        return Initializers.seedFor(experimentSeed, scope);
    }

    @Override
    public BlockContext child(String local) {
        return new GraphBlockContext(sd, name(local), experimentSeed, type, created);
    }
}
