package io.xmodal.itests.plugins;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Modality;
import io.xmodal.api.Params;
import io.xmodal.api.Role;
import io.xmodal.api.Signature;
import io.xmodal.api.model.BlockContext;
import io.xmodal.api.model.Encoder;
import io.xmodal.api.model.Port;
import io.xmodal.api.train.Metric;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Components with bugs, for the isolation itest: one throws while the graph is built, one while it is scored. */
public final class Boom {
    private Boom() {
    }

    /** Encoder {@code itest-boom}: promises features, throws in build. */
    public static final class BuildEncoder implements Encoder {
        private static final ComponentSpec SPEC = ComponentSpec.of(Role.ENCODER, "itest-boom").doc("throws while building")
                .accepts(Modality.IMAGE).produces(Modality.FEATURES).build();

        @Override
        public ComponentSpec spec() {
            return SPEC;
        }

        @Override
        public Signature infer(Signature in, Params p) {
            return Signature.of(Modality.FEATURES, 8);
        }

        @Override
        public Port build(BlockContext ctx, Port in, Params p) {
            throw new IllegalStateException("itest-boom exploded while building the graph");
        }
    }

    /** Metric {@code itest-boom-score}: throws when a trained model is scored. */
    public static final class ScoreMetric implements Metric {
        private static final ComponentSpec SPEC = ComponentSpec.of(Role.METRIC, "itest-boom-score").doc("throws when scoring")
                .build();

        @Override
        public ComponentSpec spec() {
            return SPEC;
        }

        @Override
        public boolean higherIsBetter() {
            return false;
        }

        @Override
        public double compute(INDArray predicted, INDArray target) {
            throw new ArithmeticException("itest-boom-score cannot count");
        }
    }
}
