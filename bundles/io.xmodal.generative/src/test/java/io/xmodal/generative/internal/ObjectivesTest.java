package io.xmodal.generative.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xmodal.api.Modality;
import io.xmodal.api.Params;
import io.xmodal.api.Signature;
import io.xmodal.api.model.Block;
import io.xmodal.api.model.BlockContext;
import io.xmodal.api.model.Port;
import io.xmodal.api.train.BuildContext;
import io.xmodal.api.train.Feed;
import io.xmodal.api.train.Objective;
import io.xmodal.api.train.Phase;
import io.xmodal.api.train.TrainingPlan;
import io.xmodal.testing.TestBlockContext;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The gan and vae losses (new math: GAN losses on masked rows, projection conditioning, label
 * smoothing, the reparameterisation and the KL term) against central differences in double precision,
 * built with real blocks in their slots; and the stop-gradient between D's view of the condition and
 * the encoder.
 */
class ObjectivesTest {
    static final int LABELS = 3;

    /** A graph built by an objective with tiny real blocks, its placeholders fed. */
    record Built(SameDiff sd, TrainingPlan plan, Map<String, Set<String>> bySlot, Map<String, INDArray> feeds) {
    }

    static Built build(Objective objective, Map<String, Object> with, Map<String, Block> slots, Map<String, Params> slotParams,
                       Signature input, Signature target, DataType type, int batch) {
        SameDiff sd = SameDiff.create();
        Random r = new Random(3);
        // input and target are variables so that every placeholder the check sees is one the objective made
        SDVariable x = sd.var("input", rand(r, type, input.withBatch(batch)));
        SDVariable y = sd.var("target", rand(r, type, target.withBatch(batch)));
        Map<String, Set<String>> bySlot = new HashMap<>();
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
                return new Port(x, input);
            }

            @Override
            public Port target() {
                return new Port(y, target);
            }

            @Override
            public Port labels() {
                // classes 0, 1, 2, 0, 1, ... of LABELS classes, made when an objective asks (a variable, skipped by the checks)
                if (labels[0] == null) {
                    INDArray l = Nd4j.zeros(type, batch);
                    for (int i = 0; i < batch; i++) {
                        l.putScalar(i, i % LABELS);
                    }
                    labels[0] = sd.var("labels", l);
                }
                return new Port(labels[0], Signature.of(Modality.LABEL, LABELS));
            }

            @Override
            public boolean has(String slot) {
                return slots.containsKey(slot);
            }

            @Override
            public Port build(String slot, Port from) {
                return slots.get(slot).build(context(slot), from, slotParams.get(slot));
            }

            @Override
            public Set<String> parametersOf(String slot) {
                return bySlot.getOrDefault(slot, Set.of());
            }

            @Override
            public BlockContext owned(String scope) {
                return context(scope);
            }

            private BlockContext context(String scope) {
                return new Recording(new TestBlockContext(sd, scope, type, 9), bySlot.computeIfAbsent(scope, k -> new LinkedHashSet<>()));
            }
        };
        TrainingPlan plan = objective.build(ctx, Params.defaults(objective.spec(), with));
        Map<String, INDArray> feeds = new HashMap<>();
        for (Map.Entry<String, Feed> f : plan.feeds().entrySet()) {
            feeds.put(f.getKey(), f.getValue().value(batch, 3, 10, true, new Random(5)).castTo(type));
        }
        return new Built(sd, plan, bySlot, feeds);
    }

    /** A block context that records the parameters it (and its children) create. */
    record Recording(BlockContext inner, Set<String> created) implements BlockContext {
        @Override
        public SameDiff graph() {
            return inner.graph();
        }

        @Override
        public String scope() {
            return inner.scope();
        }

        @Override
        public String name(String local) {
            return inner.name(local);
        }

        @Override
        public SDVariable param(String local, io.xmodal.api.model.Init init, long fanIn, long fanOut, long... shape) {
            SDVariable v = inner.param(local, init, fanIn, fanOut, shape);
            created.add(v.name());
            return v;
        }

        @Override
        public DataType dataType() {
            return inner.dataType();
        }

        @Override
        public long seed() {
            return inner.seed();
        }

        @Override
        public BlockContext child(String local) {
            return new Recording(inner.child(local), created);
        }
    }

    static INDArray rand(Random r, DataType type, long... shape) {
        INDArray a = Nd4j.zeros(DataType.DOUBLE, shape);
        for (long i = 0; i < a.length(); i++) {
            a.putScalar(i, r.nextDouble());
        }
        return a.castTo(type);
    }

    static Built gan(Map<String, Object> with, DataType type, int batch) {
        return build(new GanObjective(), with,
                Map.of("encoder", new MlpEncoder(), "decoder", new DcganDecoder(), "discriminator", new DcganDiscriminator()),
                Map.of("encoder", Params.defaults(MlpEncoder.SPEC, Map.of("hidden", java.util.List.of(), "width", 3, "activation", "tanh")),
                        "decoder", Params.defaults(DcganDecoder.SPEC, Map.of("height", 4, "width", 4, "stages", 1, "filters", 2)),
                        "discriminator", Params.defaults(DcganDiscriminator.SPEC, Map.of("stages", 1, "filters", 2))),
                Signature.of(Modality.FEATURES, 3), Signature.of(Modality.IMAGE, 1, 4, 4), type, batch);
    }

    /**
     * Central differences against SameDiff's gradient of {@code loss} for every trainable variable except
     * {@code skip}, up to 8 evenly spaced elements of each (relative error 1e-5, or absolute 1e-8). Written
     * here rather than with GradCheckUtil, which wants a gradient for every placeholder, and the objectives'
     * fed masks and weights have none.
     */
    static boolean check(Built b, String loss, Set<String> skip) {
        SameDiff sd = b.sd();
        sd.setLossVariables(loss);
        sd.createGradFunction();
        java.util.List<String> params = new java.util.ArrayList<>(variables(sd));
        params.removeAll(skip);
        java.util.Collections.sort(params);
        Map<String, INDArray> analytic = sd.calculateGradients(b.feeds(), params);
        double eps = 1e-6;
        int failures = 0;
        for (String p : params) {
            INDArray value = sd.getVariable(p).getArr();
            INDArray grad = analytic.get(p);
            long n = value.length();
            long stride = Math.max(1, n / 8);
            for (long k = 0; k < n; k += stride) {
                double orig = value.getDouble(k);
                value.putScalar(k, orig + eps);
                double plus = sd.output(b.feeds(), loss).get(loss).getDouble(0);
                value.putScalar(k, orig - eps);
                double minus = sd.output(b.feeds(), loss).get(loss).getDouble(0);
                value.putScalar(k, orig);
                double numeric = (plus - minus) / (2 * eps);
                double a = grad == null ? 0 : grad.getDouble(k);
                double err = Math.abs(a - numeric) / Math.max(Math.abs(a) + Math.abs(numeric), 1e-300);
                if (err > 1e-5 && Math.abs(a - numeric) > 1e-8) {
                    failures++;
                    System.err.printf("%s[%d]: analytic %.9g, numeric %.9g%n", p, k, a, numeric);
                }
            }
        }
        return failures == 0 && !params.isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"non-saturating,concat,0.9", "hinge,projection,1.0", "least-squares,concat,1.0", "non-saturating,projection,1.0"})
    void ganLossesMatchCentralDifferences(String loss, String conditioning, double smoothing) {
        assertBothPhasesMatchCentralDifferences(Map.of("loss", loss, "conditioning", conditioning, "label-smoothing", smoothing,
                "noise", 2, "condition-channels", 2, "reconstruction", "l1", "reconstruction-weight", 0.5), 3, loss + "/" + conditioning);
    }

    @ParameterizedTest
    @CsvSource({"non-saturating,projection", "hinge,concat"})
    void classTermsAndInstanceNoiseMatchCentralDifferences(String loss, String conditioning) {
        Map<String, Object> with = Map.of("loss", loss, "conditioning", conditioning, "noise", 2, "condition-channels", 2,
                "class-weight", 0.7, "instance-noise", 0.3, "feature-matching", 0.4);
        Built b = gan(with, DataType.FLOAT, 4);
        assertTrue(b.plan().phases().get(0).parameters().containsAll(b.bySlot().get("gan-classes")), "the class head is D's");
        assertTrue(b.plan().logged().keySet().containsAll(java.util.List.of("d-class-acc", "g-class-acc", "feature-gap")));
        assertBothPhasesMatchCentralDifferences(with, 4, loss + "/" + conditioning + " with the class terms");
    }

    /**
     * D's loss against central differences for D's parameters, and G's loss for the decoder's (the encoder also
     * reaches D through the condition, which the stop-gradient cuts on purpose, so its numerical gradient differs:
     * checked separately below); in double precision, on fresh graphs.
     */
    private static void assertBothPhasesMatchCentralDifferences(Map<String, Object> with, int batch, String what) {
        DataType before = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            Built d = gan(with, DataType.DOUBLE, batch);
            Phase dPhase = d.plan().phases().get(0);
            Set<String> notD = variables(d.sd());
            notD.removeAll(dPhase.parameters());
            assertTrue(check(d, dPhase.loss(), notD), what + ": d-loss");
            Built g = gan(with, DataType.DOUBLE, batch);
            Set<String> notDecoder = variables(g.sd());
            notDecoder.removeAll(g.bySlot().get("decoder"));
            assertTrue(check(g, g.plan().phases().get(1).loss(), notDecoder), what + ": g-loss");
        } finally {
            Nd4j.setDefaultDataTypes(before, before);
        }
    }

    @Test
    void theClassTermIsTheCrossEntropyOfDsClassHead() {
        // the class head's weights zeroed and its bias set: every row's logits are the bias, so D's loss with the class
        // term (weight 2) exceeds D's loss without it by 2 x the mean over the real rows (classes 0, 1, 2) of
        // logsumexp(bias) - bias[class], worked out here by hand
        Built b = gan(Map.of("noise", 0, "conditioning", "projection", "class-weight", 2.0), DataType.DOUBLE, 3);
        Built plain = gan(Map.of("noise", 0, "conditioning", "projection"), DataType.DOUBLE, 3);
        double[] bias = {0.5, -1.0, 2.0};
        for (String name : b.bySlot().get("gan-classes")) {
            INDArray v = b.sd().getVariable(name).getArr();
            if (v.rank() == 2) {
                v.assign(0);
            } else {
                v.assign(Nd4j.createFromArray(bias).reshape(v.shape()));
            }
        }
        double withClass = b.sd().output(b.feeds(), GanObjective.D_LOSS).get(GanObjective.D_LOSS).getDouble(0);
        double without = plain.sd().output(plain.feeds(), GanObjective.D_LOSS).get(GanObjective.D_LOSS).getDouble(0);
        double lse = Math.log(Math.exp(0.5) + Math.exp(-1.0) + Math.exp(2.0));
        double ce = ((lse - 0.5) + (lse + 1.0) + (lse - 2.0)) / 3;
        assertEquals(2 * ce, withClass - without, 1e-9);
    }

    @Test
    void featureMatchingIsTheClassMeanGapOfDsFeatures() {
        // batch 4, classes 0, 1, 2, 0: rows 0-3 real, 4-7 generated from the same conditions; G's loss with the term
        // (weight 1) exceeds G's loss without it by the squared gap between each class's real and generated mean of
        // D's features, summed over the features and averaged over the 3 classes, worked out here from D's features
        Built b = gan(Map.of("noise", 0, "conditioning", "projection", "feature-matching", 1.0), DataType.DOUBLE, 4);
        Built plain = gan(Map.of("noise", 0, "conditioning", "projection"), DataType.DOUBLE, 4);
        Map<String, INDArray> out = b.sd().output(b.feeds(), GanObjective.G_LOSS, GanObjective.D_FEATURES);
        double without = plain.sd().output(plain.feeds(), GanObjective.G_LOSS).get(GanObjective.G_LOSS).getDouble(0);
        INDArray phi = out.get(GanObjective.D_FEATURES);
        int[][] real = {{0, 3}, {1}, {2}};
        int[][] fake = {{4, 7}, {5}, {6}};
        double expected = 0;
        for (int c = 0; c < 3; c++) {
            for (long f = 0; f < phi.columns(); f++) {
                double r = 0;
                double g = 0;
                for (int i : real[c]) {
                    r += phi.getDouble(i, f) / real[c].length;
                }
                for (int i : fake[c]) {
                    g += phi.getDouble(i, f) / fake[c].length;
                }
                expected += (r - g) * (r - g) / 3;
            }
        }
        assertTrue(expected > 0);
        assertEquals(expected, out.get(GanObjective.G_LOSS).getDouble(0) - without, 1e-9);
    }

    @Test
    void instanceNoiseIsDrawnInTrainingOnly() {
        Built b = gan(Map.of("instance-noise", 0.5), DataType.FLOAT, 4);
        Feed noise = b.plan().feeds().get(GanObjective.INSTANCE_NOISE);
        INDArray drawn = noise.value(400, 1, 1, true, new Random(11));
        assertArrayEquals(new long[] {800, 1, 4, 4}, drawn.shape()); // real and generated rows, each shaped as a sample
        assertEquals(0.0, drawn.meanNumber().doubleValue(), 0.01);
        assertEquals(0.5, drawn.stdNumber().doubleValue(), 0.01);
        assertEquals(0.0, noise.value(4, 1, 1, false, new Random(11)).amaxNumber().doubleValue());
        assertTrue(!gan(Map.of(), DataType.FLOAT, 4).plan().feeds().containsKey(GanObjective.INSTANCE_NOISE), "off by default");
    }

    @Test
    void theClassTermsNeedTheLabelModality() throws Exception {
        Map<String, Block> slots = Map.of("encoder", new MlpEncoder(), "decoder", new DcganDecoder(), "discriminator", new DcganDiscriminator());
        Map<String, Params> slotParams = Map.of(
                "encoder", Params.defaults(MlpEncoder.SPEC, Map.of("hidden", java.util.List.of(), "width", 3)),
                "decoder", Params.defaults(DcganDecoder.SPEC, Map.of("height", 4, "width", 4, "stages", 1, "filters", 2)),
                "discriminator", Params.defaults(DcganDiscriminator.SPEC, Map.of("stages", 1, "filters", 2)));
        java.util.function.Function<java.util.Optional<Signature>, io.xmodal.api.train.PlanContext> plan = labels -> new io.xmodal.api.train.PlanContext() {
            @Override
            public Signature input() {
                return Signature.of(Modality.FEATURES, 3);
            }

            @Override
            public Signature target() {
                return Signature.of(Modality.IMAGE, 1, 4, 4);
            }

            @Override
            public boolean has(String slot) {
                return slots.containsKey(slot);
            }

            @Override
            public Signature infer(String slot, Signature in) throws io.xmodal.api.model.IncompatibleInputException {
                return slots.get(slot).infer(in, slotParams.get(slot));
            }

            @Override
            public java.util.Optional<Signature> labels() {
                return labels;
            }
        };
        GanObjective gan = new GanObjective();
        Params classes = Params.defaults(GanObjective.SPEC, Map.of("class-weight", 1.0, "labels", "instrument"));
        String message = org.junit.jupiter.api.Assertions.assertThrows(io.xmodal.api.model.IncompatibleInputException.class,
                () -> gan.check(plan.apply(java.util.Optional.empty()), classes)).getMessage();
        assertTrue(message.contains("'instrument'") && message.contains("train.objective.with.labels") && message.contains("class-weight to 0"), message);
        Params matching = Params.defaults(GanObjective.SPEC, Map.of("feature-matching", 1.0));
        message = org.junit.jupiter.api.Assertions.assertThrows(io.xmodal.api.model.IncompatibleInputException.class,
                () -> gan.check(plan.apply(java.util.Optional.empty()), matching)).getMessage();
        assertTrue(message.contains("'label'") && message.contains("feature-matching to 0"), message);
        gan.check(plan.apply(java.util.Optional.of(Signature.of(Modality.LABEL, 5))), classes);
        gan.check(plan.apply(java.util.Optional.empty()), Params.defaults(GanObjective.SPEC, Map.of()));
    }

    @Test
    void dsViewOfTheConditionPassesNoGradientToTheEncoder() {
        // with the generator's path cut (no decoder parameters move the sample: compare the encoder's gradient of D's
        // loss, which reaches the encoder only through the condition and through the generated sample) ...
        Built b = gan(Map.of("noise", 2, "condition-channels", 2), DataType.FLOAT, 4);
        b.sd().setLossVariables(GanObjective.D_LOSS);
        b.sd().createGradFunction();
        Map<String, INDArray> feeds = new HashMap<>(b.feeds());
        Map<String, INDArray> grads = b.sd().calculateGradients(feeds, b.bySlot().get("gan-condition"));
        assertTrue(grads.values().stream().anyMatch(g -> g.amaxNumber().doubleValue() > 0), "D's condition layer gets gradients");
        // ... the stop-gradient op itself gives zero
        SameDiff sd = SameDiff.create();
        SDVariable v = sd.var("v", Nd4j.createFromArray(1.0f, 2.0f));
        SDVariable stopped = new org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient(sd, v).outputVariable();
        SDVariable loss = stopped.mul(v).sum("loss"); // d/dv = stopped = v
        sd.setLossVariables(loss);
        INDArray g = sd.calculateGradients(Map.of(), "v").get("v");
        assertEquals(1.0, g.getDouble(0), 1e-6);
        assertEquals(2.0, g.getDouble(1), 1e-6);
    }

    @ParameterizedTest
    @CsvSource({"false,mse", "true,binary-cross-entropy"})
    void vaeLossMatchesCentralDifferences(boolean conditional, String reconstruction) {
        DataType before = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            Map<String, Block> slots = new HashMap<>(Map.of("encoder", new MlpEncoder(), "decoder", new DcganDecoder()));
            Map<String, Params> params = new HashMap<>(Map.of(
                    "encoder", Params.defaults(MlpEncoder.SPEC, Map.of("hidden", java.util.List.of(3), "width", 3, "activation", "tanh")),
                    "decoder", Params.defaults(DcganDecoder.SPEC, Map.of("height", 4, "width", 4, "stages", 1, "filters", 2))));
            if (conditional) {
                slots.put("condition", new MlpEncoder());
                params.put("condition", Params.defaults(MlpEncoder.SPEC, Map.of("hidden", java.util.List.of(), "width", 2, "activation", "tanh")));
            }
            Built b = build(new VaeObjective(), Map.of("latent", 2, "conditional", conditional, "reconstruction", reconstruction,
                    "beta", 0.7, "warmup-epochs", 4), slots, params, Signature.of(Modality.FEATURES, 3), Signature.of(Modality.IMAGE, 1, 4, 4),
                    DataType.DOUBLE, 3);
            assertTrue(check(b, b.plan().phases().get(0).loss(), Set.of("input", "target")), conditional + "/" + reconstruction);
            // the warm-up: 0 in the first epoch, beta from epoch warmup + 1, beta at evaluation
            assertEquals(0.0, VaeObjective.klWeight(0.7, 4, 1, true));
            assertEquals(0.35, VaeObjective.klWeight(0.7, 4, 3, true), 1e-12);
            assertEquals(0.7, VaeObjective.klWeight(0.7, 4, 9, true));
            assertEquals(0.7, VaeObjective.klWeight(0.7, 4, 1, false));
        } finally {
            Nd4j.setDefaultDataTypes(before, before);
        }
    }

    private static Set<String> variables(SameDiff sd) {
        Set<String> s = new HashSet<>();
        sd.variables().stream().filter(v -> v.getVariableType() == VariableType.VARIABLE).forEach(v -> s.add(v.name()));
        return s;
    }
}
