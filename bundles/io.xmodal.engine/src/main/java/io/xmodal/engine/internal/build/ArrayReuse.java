package io.xmodal.engine.internal.build;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.samediff.internal.memory.NoOpMemoryMgr;

/**
 * Switches off SameDiff's array reuse between ops for the calling thread. In ND4J 1.0.0-M2.1 the
 * default {@code ArrayCacheMemoryMgr} hands an op an array that a broadcasting add or multiply of an
 * unrolled recurrent graph then only partly overwrites: the same graph on the same input gives
 * different outputs from one call to the next (pinned by ArrayReuseTest). Fresh arrays cost little
 * next to wrong numbers.
 */
public final class ArrayReuse {
    private ArrayReuse() {
    }

    /** For the calling thread: no array reuse in {@code sd} and, when it exists, in its gradient function. */
    public static void disable(SameDiff sd) {
        install(sd);
        SameDiff grad = sd.getFunction("grad");
        if (grad != null) {
            install(grad);
        }
    }

    private static void install(SameDiff sd) {
        sd.getSessions().computeIfAbsent(Thread.currentThread().getId(), id -> new InferenceSession(sd)).setMmgr(new NoOpMemoryMgr());
    }
}
