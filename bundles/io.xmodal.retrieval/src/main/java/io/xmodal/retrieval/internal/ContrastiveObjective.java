package io.xmodal.retrieval.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Param;
import io.xmodal.api.Params;
import io.xmodal.api.Role;
import io.xmodal.api.Signature;
import io.xmodal.api.model.BlockContext;
import io.xmodal.api.model.IncompatibleInputException;
import io.xmodal.api.model.Init;
import io.xmodal.api.model.Port;
import io.xmodal.api.train.BuildContext;
import io.xmodal.api.train.Objective;
import io.xmodal.api.train.Phase;
import io.xmodal.api.train.PlanContext;
import io.xmodal.api.train.Slot;
import io.xmodal.api.train.TrainingPlan;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.osgi.service.component.annotations.Component;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A joint embedding space for two modalities: the model's input through slot {@code encoder} and a
 * projection head, the target through slot {@code target-encoder} and its own projection head, both
 * L2-normalised to {@code dim} values; trained with a symmetric contrastive loss so that pairs lie close
 * and non-pairs far apart. The engine then scores retrieval in both directions over the test split.
 */
@Component(service = Objective.class)
public class ContrastiveObjective implements Objective {
    static final String NAME = "contrastive";
    static final String INPUT_EMBEDDING = "embedding/input";
    static final String TARGET_EMBEDDING = "embedding/target";
    static final double MAX_SCALE = 100.0;

    static final ComponentSpec SPEC = ComponentSpec.of(Role.OBJECTIVE, NAME)
            .doc("embed input and target in one space (an encoder and a projection head each, L2-normalised) with a contrastive loss; scored by cross-modal retrieval")
            .param(Param.integer("dim", 64).range(2, 4096).doc("size of the joint embedding space"))
            .param(Param.integer("hidden", 0).range(0, 8192)
                    .doc("hidden ReLU units of each projection head (0: one affine map)"))
            .param(Param.choice("loss", "info-nce", "info-nce", "triplet")
                    .doc("info-nce: symmetric InfoNCE / NT-Xent over the batch; triplet: margin loss on squared distances in both directions"))
            .param(Param.real("temperature", 0.07).range(0.01, 10)
                    .doc("info-nce: softmax temperature (its start value when learned)"))
            .param(Param.bool("learn-temperature", true)
                    .doc("info-nce: learn the temperature (as log(1/T), capped at 1/T = 100)"))
            .param(Param.real("margin", 0.2).range(0, 4).doc("triplet: margin between a pair's and a negative's squared distance"))
            .param(Param.choice("mining", "batch-hard", "batch-hard", "batch-all")
                    .doc("triplet: the hardest negative of the batch per anchor, or the mean over all negatives"))
            .param(Param.choice("supervision", "pairs", "pairs", "classes")
                    .doc("pairs: a sample's only positive is its own pair; classes: every sample of its class (class-supervised, as SupCon; needs labels)"))
            .param(Param.choice("relevance", "instance", "instance", "class")
                    .doc("evaluation: a query's relevant item is its own pair (instance) or every item of its class (class)"))
            .param(Param.string("labels", "label")
                    .doc("the modality holding each sample's class (needed for supervision: classes and relevance: class; shown in samples and the index when present)"))
            .build();

    private static final List<Slot> SLOTS = List.of(
            new Slot("encoder", Role.ENCODER, true),
            new Slot("target-encoder", Role.ENCODER, true));

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public List<Slot> slots() {
        return SLOTS;
    }

    @Override
    public boolean embeds() {
        return true;
    }

    @Override
    public void check(PlanContext ctx, Params params) throws IncompatibleInputException {
        if (params.getString("supervision").equals("classes") && ctx.labels().isEmpty()) {
            throw new IncompatibleInputException("train.objective.with.supervision: classes needs the class of each sample, but the data has no"
                    + " label modality '" + params.getString("labels") + "'; set train.objective.with.labels to the reader's label modality");
        }
        for (String[] side : new String[][] {{"encoder", "input"}, {"target-encoder", "target"}}) {
            Signature in = side[0].equals("encoder") ? ctx.input() : ctx.target();
            Signature out = ctx.infer(side[0], in);
            if (out.size() <= 0) {
                throw new IncompatibleInputException("the " + side[1] + " encoder gives " + out
                        + ", whose size is not fixed; the projection head needs a fixed number of features");
            }
        }
    }

    @Override
    public TrainingPlan build(BuildContext ctx, Params params) {
        SameDiff sd = ctx.graph();
        int dim = params.getInt("dim");
        int hidden = params.getInt("hidden");
        SDVariable a = embed(ctx, "encoder", "projection", ctx.input(), hidden, dim);
        SDVariable b = embed(ctx, "target-encoder", "target-projection", ctx.target(), hidden, dim);
        SDVariable za = sd.identity(INPUT_EMBEDDING, a);
        SDVariable zb = sd.identity(TARGET_EMBEDDING, b);
        SDVariable loss;
        Map<String, String> logged;
        SDVariable labels = params.getString("supervision").equals("classes") ? ctx.labels().variable() : null;
        if (params.getString("loss").equals("triplet")) {
            boolean hard = params.getString("mining").equals("batch-hard");
            loss = labels == null ? Losses.triplet(sd, "loss", za, zb, params.getDouble("margin"), hard)
                    : Losses.supervisedTriplet(sd, "loss", za, zb, labels, params.getDouble("margin"), hard);
            logged = Map.of();
        } else {
            SDVariable scale = scale(ctx, params);
            loss = labels == null ? Losses.infoNce(sd, "loss", za, zb, scale) : Losses.supervisedInfoNce(sd, "loss", za, zb, scale, labels);
            logged = Map.of("temperature", sd.math.reciprocal(scale).rename("temperature").name());
        }
        return new TrainingPlan(za.name(), List.of(new Phase("main", loss.name(), Set.of(), 1, "main")), logged,
                Map.of(TrainingPlan.INPUT, za.name(), TrainingPlan.TARGET, zb.name()));
    }

    /** Encoder, flattening, projection head and L2 normalisation of one modality. */
    private static SDVariable embed(BuildContext ctx, String slot, String projection, Port in, int hidden, int dim) {
        Port enc = ctx.build(slot, in);
        long width = enc.signature().size();
        SDVariable flat = enc.signature().rank() == 1 ? enc.variable() : ctx.graph().reshape(enc.variable(), -1, width);
        BlockContext head = ctx.owned(projection);
        return Losses.l2Normalize(ctx.graph(), Projection.build(head, flat, width, hidden, dim));
    }

    /**
     * 1 / temperature: a constant, or exp(log(1/T0) + s) with a trainable s (starting at 0), capped at
     * {@value #MAX_SCALE} as in CLIP so the logits cannot run away.
     */
    static SDVariable scale(BuildContext ctx, Params params) {
        SameDiff sd = ctx.graph();
        double start = 1.0 / params.getDouble("temperature");
        if (!params.getBool("learn-temperature")) {
            return sd.constant("logit-scale", org.nd4j.linalg.factory.Nd4j.scalar(ctx.dataType(), start));
        }
        SDVariable s = ctx.owned("temperature").param("log-scale", Init.ZEROS, 1, 1, 1);
        SDVariable logScale = s.add(Math.log(start));
        return sd.math.exp(sd.math.clipByValue(logScale, -Math.log(MAX_SCALE), Math.log(MAX_SCALE)));
    }
}
