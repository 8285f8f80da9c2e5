package io.xmodal.retrieval.internal;

import io.xmodal.api.Modality;
import io.xmodal.api.Params;
import io.xmodal.api.Signature;
import io.xmodal.api.model.BlockContext;
import io.xmodal.api.model.Init;
import io.xmodal.api.model.Port;
import io.xmodal.api.train.BuildContext;
import io.xmodal.api.train.TrainingPlan;
import io.xmodal.testing.TestBlockContext;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;

import java.util.Map;
import java.util.Set;

/**
 * The contrastive objective built alone: placeholders "input" [b, inWidth] and "target" [b, tgWidth],
 * each slot filled with a tanh(x W) encoder of {@code encoderWidth} features (as an encoder bundle would),
 * and "labels" [b] (class indices) when the objective asks for them.
 */
final class TestGraphs {
    record Built(SameDiff sd, TrainingPlan plan) {
    }

    private TestGraphs() {
    }

    static Built contrastive(Map<String, Object> overrides, int inWidth, int tgWidth, int encoderWidth, DataType type) {
        return contrastive(overrides, inWidth, tgWidth, encoderWidth, type, null);
    }

    /** @param fixedLabels when given, the labels are this constant instead of a placeholder (for gradient checks) */
    static Built contrastive(Map<String, Object> overrides, int inWidth, int tgWidth, int encoderWidth, DataType type,
                             org.nd4j.linalg.api.ndarray.INDArray fixedLabels) {
        SameDiff sd = SameDiff.create();
        Signature in = Signature.of(Modality.FEATURES, inWidth);
        Signature tg = Signature.of(Modality.FEATURES, tgWidth);
        SDVariable x = sd.placeHolder("input", type, in.withBatch(-1));
        SDVariable y = sd.placeHolder("target", type, tg.withBatch(-1));
        SDVariable[] labels = new SDVariable[1];
        BuildContext ctx = new BuildContext() {
            @Override
            public SameDiff graph() {
                return sd;
            }

            @Override
            public DataType dataType() {
                return type;
            }

            @Override
            public Port input() {
                return new Port(x, in);
            }

            @Override
            public Port target() {
                return new Port(y, tg);
            }

            @Override
            public Port labels() {
                if (labels[0] == null) {
                    labels[0] = fixedLabels != null ? sd.constant("labels", fixedLabels.castTo(type)) : sd.placeHolder("labels", type, -1);
                }
                return new Port(labels[0], Signature.of(Modality.LABEL, 10));
            }

            @Override
            public boolean has(String slot) {
                return slot.equals("encoder") || slot.equals("target-encoder");
            }

            @Override
            public Port build(String slot, Port from) {
                BlockContext c = new TestBlockContext(sd, slot, type, 11);
                SDVariable w = c.param("w", Init.XAVIER_UNIFORM, from.signature().size(), encoderWidth, from.signature().size(), encoderWidth);
                return new Port(sd.math.tanh(from.variable().mmul(w)), Signature.of(Modality.FEATURES, encoderWidth));
            }

            @Override
            public Set<String> parametersOf(String slot) {
                return Set.of();
            }

            @Override
            public BlockContext owned(String scope) {
                return new TestBlockContext(sd, scope, type, 13);
            }
        };
        ContrastiveObjective objective = new ContrastiveObjective();
        TrainingPlan plan = objective.build(ctx, Params.defaults(objective.spec(), overrides));
        return new Built(sd, plan);
    }
}
