package io.xmodal.engine.internal.generative;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Params;
import io.xmodal.api.model.BlockContext;
import io.xmodal.api.model.IncompatibleInputException;
import io.xmodal.api.model.Port;
import io.xmodal.api.train.BuildContext;
import io.xmodal.api.train.Objective;
import io.xmodal.api.train.PlanContext;
import io.xmodal.api.train.Slot;
import io.xmodal.api.train.TrainingPlan;
import io.xmodal.engine.internal.build.Assembled;
import io.xmodal.engine.internal.build.ModelAssembler;
import io.xmodal.engine.internal.descriptor.Experiment;
import io.xmodal.engine.internal.descriptor.Sections;
import io.xmodal.engine.internal.train.Predictor;
import io.xmodal.engine.internal.train.SplitData;
import io.xmodal.engine.internal.train.SupervisedObjective;
import io.xmodal.engine.internal.train.TargetScaler;
import io.xmodal.engine.internal.train.Trainer;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The classifier that scores generated samples (Chen et al. 2017): the engine's own supervised objective
 * with cross-entropy over the plan's encoder and a {@code classification} head, assembled by
 * {@link ModelAssembler}, seeded by the experiment's seed, trained by {@link Trainer} on the real training
 * split of the target modality (sample -> class), the best val.loss restored. Its features are the
 * encoder's output, the input of the classification head.
 */
public final class ScoringClassifier {
    private static final DataType TYPE = DataType.FLOAT;

    private final Assembled model;
    private final String features;
    private final int evalBatch;

    private ScoringClassifier(Assembled model, String features, int evalBatch) {
        this.model = model;
        this.features = features;
        this.evalBatch = evalBatch;
    }

    /** Outputs of the classifier over a set of samples: class probabilities [n][classes] and features [n][d]. */
    public record Outputs(float[][] probabilities, double[][] features) {
    }

    /** Builds and trains the classifier on {@code data} (input: the target modality; target: the labels). */
    public static ScoringClassifier train(ScoringPlan plan, Experiment exp, SplitData data, Consumer<String> progress) {
        String[] tapped = new String[1];
        Objective objective = new FeatureTap(new SupervisedObjective(), tapped);
        Assembled model = ModelAssembler.assemble(objective, ScoringSetup.classifierParams(), plan.classifier(), data.input(), data.target(),
                exp.seed(), TYPE);
        Experiment.Scoring cfg = plan.config();
        Map<String, Object> adam = new LinkedHashMap<>();
        Sections.OPTIMIZERS.get("adam").forEach(p -> adam.put(p.name(), p.defaultValue()));
        adam.put("lr", cfg.lr());
        Experiment.Train train = new Experiment.Train(new Experiment.Use("supervised", ScoringSetup.classifierParams().asMap()),
                new Experiment.Use("adam", adam), cfg.epochs(), cfg.batch(), exp.train().evalBatch(), null);
        Experiment clsExp = new Experiment(exp.name() + "-scoring-classifier", "", exp.seed(), exp.data(), model(plan, exp), train, List.of(),
                0, exp.file());
        progress.accept(String.format(Locale.ROOT, "scoring classifier: %s on real %s -> %s (%,d parameters), %d epochs, batch %d",
                plan.describe(), exp.model().target(), plan.labels(), model.parameterCount(), cfg.epochs(), cfg.batch()));
        Trainer.Result r = new Trainer(model, data, TargetScaler.identity(), clsExp, Map.of(), TYPE, e -> progress.accept(String.format(Locale.ROOT,
                "  classifier epoch %d/%d  train.loss %.4f%s%s", e.epoch(), cfg.epochs(), e.trainLoss(),
                e.val().containsKey("val.loss") ? String.format(Locale.ROOT, "  val.loss %.4f", e.val().get("val.loss")) : "",
                e.best() ? "  *" : ""))).train();
        progress.accept(String.format(Locale.ROOT, "  classifier trained in %.1f s; %s%s", r.seconds(), r.stoppedBecause(),
                r.bestEpoch() > 0 ? "; best epoch " + r.bestEpoch() + " restored" : ""));
        return new ScoringClassifier(model, tapped[0], exp.train().evalBatch());
    }

    private static Experiment.Model model(ScoringPlan plan, Experiment exp) {
        Map<String, List<Experiment.Use>> slots = new LinkedHashMap<>();
        slots.put("encoder", List.of(plan.config().classifier()));
        return new Experiment.Model(exp.model().target(), plan.labels(), slots);
    }

    /** The trained graph (for {@code model/scoring-classifier.sd}). */
    public SameDiff graph() {
        return model.graph();
    }

    /** The variable holding the features. */
    public String featuresVariable() {
        return features;
    }

    /** The variable holding the class probabilities. */
    public String probabilitiesVariable() {
        return model.plan().prediction();
    }

    public long parameterCount() {
        return model.parameterCount();
    }

    /** Probabilities and features of the rows of {@code part} (inputs flat in original units, targets class indices). */
    public Outputs apply(SplitData data, SplitData.Part part) {
        return apply(model.graph(), model.input(), model.target(), model.plan().prediction(), features, data, part, evalBatch);
    }

    /** The same with a reloaded graph (xmodal evaluate). */
    public static Outputs apply(SameDiff sd, String input, String target, String probabilities, String features, SplitData data,
                                SplitData.Part part, int batch) {
        INDArray p = new Predictor(sd, input, target, probabilities, TYPE).run(data, part, TargetScaler.identity(), batch, null).predictions();
        INDArray f = new Predictor(sd, input, target, features, TYPE).run(data, part, TargetScaler.identity(), batch, null).predictions();
        INDArray flat = f.reshape('c', f.size(0), f.length() / Math.max(1, f.size(0)));
        return new Outputs(p.toFloatMatrix(), flat.castTo(DataType.DOUBLE).toDoubleMatrix());
    }

    /** Runs an objective and remembers the variable that enters its {@code head} slot. */
    private record FeatureTap(Objective delegate, String[] tapped) implements Objective {
        @Override
        public ComponentSpec spec() {
            return delegate.spec();
        }

        @Override
        public List<Slot> slots() {
            return delegate.slots();
        }

        @Override
        public void check(PlanContext ctx, Params params) throws IncompatibleInputException {
            delegate.check(ctx, params);
        }

        @Override
        public TrainingPlan build(BuildContext ctx, Params params) {
            return delegate.build(new BuildContext() {
                @Override
                public SameDiff graph() {
                    return ctx.graph();
                }

                @Override
                public DataType dataType() {
                    return ctx.dataType();
                }

                @Override
                public Port input() {
                    return ctx.input();
                }

                @Override
                public Port target() {
                    return ctx.target();
                }

                @Override
                public boolean has(String slot) {
                    return ctx.has(slot);
                }

                @Override
                public Port build(String slot, Port in) {
                    if (slot.equals("head")) {
                        tapped[0] = in.variable().name();
                    }
                    return ctx.build(slot, in);
                }

                @Override
                public Set<String> parametersOf(String slot) {
                    return ctx.parametersOf(slot);
                }

                @Override
                public BlockContext owned(String scope) {
                    return ctx.owned(scope);
                }
            }, params);
        }
    }
}
