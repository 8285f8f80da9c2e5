package io.xmodal.engine.internal.descriptor;

import io.xmodal.api.Param;

import java.util.List;
import java.util.Map;

/**
 * The schema of the descriptor's own keys (everything that is not a component's {@code with:}).
 * docs/descriptor.md documents exactly these; a test keeps the two in step.
 */
public final class Sections {
    private Sections() {
    }

    public static final List<String> TOP = List.of("experiment", "description", "seed", "data", "model", "train", "evaluate", "samples",
            "scoring");

    public static final List<Param> TOP_SCALARS = List.of(
            Param.string("experiment", null).doc("name of the experiment; runs go to runs/<experiment>/<timestamp>"),
            Param.string("description", "").doc("free text, copied into the run"),
            Param.integer("seed", 7).range(0, Integer.MAX_VALUE).doc("seed of data generation, splits, initialisation and shuffling"),
            Param.integer("samples", 8).range(0, 1000).doc("how many test samples to draw as pictures in samples/"));

    public static final List<String> DATA = List.of("reader", "with", "transforms", "split");

    /** Keys of one entry of {@code data.transforms}. */
    public static final List<String> TRANSFORM = List.of("use", "on", "as", "with");

    public static final List<String> MODEL_FIXED = List.of("input", "target");

    public static final List<String> TRAIN = List.of("objective", "loss", "optimizer", "optimizers", "epochs", "batch", "eval-batch", "early-stop");

    public static final List<Param> TRAIN_SCALARS = List.of(
            Param.integer("epochs", 20).range(1, 1_000_000).doc("passes over the training split"),
            Param.integer("batch", 32).range(1, 1 << 20).doc("samples per training step"),
            Param.integer("eval-batch", 256).range(1, 1 << 20).doc("samples per step when predicting (validation, test)"));

    public static final List<Param> EARLY_STOP = List.of(
            Param.string("metric", "val.loss").doc("what to watch: val.loss or val.<metric> of the evaluate list; for an embedding objective also val.<retrieval metric> (mean of both directions) or val.<direction>.<metric>"),
            Param.integer("patience", 3).range(1, 1_000_000).doc("epochs without improvement before stopping"),
            Param.real("min-delta", 0.0).atLeast(0).doc("smallest change that counts as an improvement"));

    /** Optimizers by name; their parameters follow PyTorch's (weight decay added to the gradient). */
    public static final Map<String, List<Param>> OPTIMIZERS = Map.of(
            "adam", List.of(
                    Param.real("lr", 0.001).range(0, 10).doc("learning rate"),
                    Param.real("beta1", 0.9).range(0, 0.999999).doc("decay of the first-moment estimate"),
                    Param.real("beta2", 0.999).range(0, 0.99999999).doc("decay of the second-moment estimate"),
                    Param.real("epsilon", 1e-8).range(0, 1).doc("added to the denominator"),
                    Param.real("weight-decay", 0.0).range(0, 1).doc("L2 penalty added to the gradient (as torch.optim.Adam)"),
                    Param.real("clip-norm", 0.0).atLeast(0).doc("clip the global gradient norm to this value; 0 is off")),
            "sgd", List.of(
                    Param.real("lr", 0.01).range(0, 10).doc("learning rate"),
                    Param.real("momentum", 0.0).range(0, 0.999999).doc("momentum factor"),
                    Param.bool("nesterov", false).doc("Nesterov momentum"),
                    Param.real("weight-decay", 0.0).range(0, 1).doc("L2 penalty added to the gradient"),
                    Param.real("clip-norm", 0.0).atLeast(0).doc("clip the global gradient norm to this value; 0 is off")));

    /** Keys of {@code scoring:} (objectives that generate samples; docs/generative.md). */
    public static final List<String> SCORING = List.of("classifier", "hidden", "epochs", "batch", "lr", "columns");

    public static final List<Param> SCORING_SCALARS = List.of(
            Param.integer("hidden", 64).range(0, 65536).doc("hidden ReLU width of the classifier's classification head; 0 is none"),
            Param.integer("epochs", 20).range(1, 10_000).doc("epochs of the classifier on the real training split (best val.loss restored)"),
            Param.integer("batch", 32).range(1, 1 << 20).doc("the classifier's batch size"),
            Param.real("lr", 0.001).range(0, 10).doc("the classifier's Adam learning rate"),
            Param.integer("columns", 4).range(1, 32).doc("real and generated examples per class in samples/generated-grid.png"));

    /** Default split when {@code data.split} is absent. */
    public static final Map<String, Double> DEFAULT_SPLIT = Map.of("train", 0.8, "val", 0.1, "test", 0.1);

    public static final List<String> SPLIT_NAMES = List.of("train", "val", "test");
}
