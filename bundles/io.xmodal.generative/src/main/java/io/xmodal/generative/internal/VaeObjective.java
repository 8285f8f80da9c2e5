package io.xmodal.generative.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Modality;
import io.xmodal.api.Param;
import io.xmodal.api.Params;
import io.xmodal.api.Role;
import io.xmodal.api.Signature;
import io.xmodal.api.model.IncompatibleInputException;
import io.xmodal.api.model.Init;
import io.xmodal.api.model.Port;
import io.xmodal.api.train.BuildContext;
import io.xmodal.api.train.Feed;
import io.xmodal.api.train.Objective;
import io.xmodal.api.train.Phase;
import io.xmodal.api.train.PlanContext;
import io.xmodal.api.train.Slot;
import io.xmodal.api.train.TrainingPlan;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.osgi.service.component.annotations.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A variational autoencoder (Kingma and Welling 2014). Plain: slot {@code encoder} reads the model's
 * input, two affine heads give the mean and log-variance of q(z | input), z = mean + exp(logvar / 2) *
 * eps, and slot {@code decoder} (optionally followed by slot {@code head}) maps z to the target (an autoencoder when input and target are the same
 * modality); at evaluation z is the mean. Conditional ({@code conditional: true}, Sohn et al. 2015):
 * the encoder reads the target sample, slot {@code condition} the input; the heads see both, the decoder
 * gets z ++ the condition's features; at evaluation z is drawn from the prior N(0, I), so the prediction
 * is a sample generated for the condition. Loss per sample: the reconstruction error summed over the
 * sample's values plus beta * KL(q || N(0, I)), beta warmed up linearly over {@code warmup-epochs}.
 */
@Component(service = Objective.class)
public class VaeObjective implements Objective {
    static final String NOISE = "vae/noise";
    static final String POSTERIOR = "vae/posterior";
    static final String KL_WEIGHT = "vae/kl-weight";
    static final String PREDICTION = "vae/generated";
    static final String LOSS = "vae/loss";
    static final String RECONSTRUCTION = "vae/reconstruction";
    static final String KL = "vae/kl";

    static final ComponentSpec SPEC = ComponentSpec.of(Role.OBJECTIVE, "vae")
            .doc("variational autoencoder: encoder -> mean, log-variance -> z -> decoder; reconstruction + beta * KL with warm-up; "
                    + "conditional: generates the target from the prior and the input's features")
            .param(Param.integer("latent", 16).range(1, 4096).doc("dimensions of z"))
            .param(Param.real("beta", 1.0).range(0, 1000).doc("weight of the KL term once warmed up"))
            .param(Param.integer("warmup-epochs", 0).range(0, 100_000)
                    .doc("epochs over which the KL weight rises linearly from 0 to beta (0: beta from the start)"))
            .param(Param.choice("reconstruction", "mse", "mse", "binary-cross-entropy")
                    .doc("reconstruction error per sample, summed over its values: squared error, or binary cross-entropy for values "
                            + "in [0, 1] (a decoder with sigmoid output)"))
            .param(Param.bool("conditional", false)
                    .doc("true: the encoder reads the target, slot condition reads the input, and the prediction is generated from the prior"))
            .param(Param.string("labels", "label")
                    .doc("the label modality the generated samples are scored by (a classifier of their class, docs/generative.md); \"\" for data without classes: no such scoring"))
            .build();

    private static final List<Slot> SLOTS = List.of(
            new Slot("encoder", Role.ENCODER, true),
            new Slot("decoder", Role.DECODER, true),
            new Slot("condition", Role.ENCODER, false),
            new Slot("head", Role.HEAD, false));

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public List<Slot> slots() {
        return SLOTS;
    }

    @Override
    public boolean generates() {
        return true;
    }

    @Override
    public void check(PlanContext ctx, Params params) throws IncompatibleInputException {
        boolean conditional = params.getBool("conditional");
        if (conditional != ctx.has("condition")) {
            throw new IncompatibleInputException(conditional
                    ? "conditional: true needs a condition encoder in model.condition (it reads the input)"
                    : "model.condition is set but the vae is not conditional; set train.objective.with.conditional: true or remove it");
        }
        Signature encoded = ctx.infer("encoder", conditional ? ctx.target() : ctx.input());
        if (encoded.size() <= 0) {
            throw new IncompatibleInputException("the encoder gives " + encoded + ", whose size is not fixed");
        }
        long extra = 0;
        if (conditional) {
            Signature c = ctx.infer("condition", ctx.input());
            if (c.size() <= 0) {
                throw new IncompatibleInputException("the condition encoder gives " + c + ", whose size is not fixed");
            }
            extra = c.size();
        }
        Signature out = ctx.infer("decoder", Signature.of(Modality.FEATURES, params.getInt("latent") + extra));
        if (ctx.has("head")) {
            out = ctx.infer("head", out);
        }
        if (!sameShape(out, ctx.target())) {
            throw new IncompatibleInputException("the decoder makes " + out + " but the target is " + ctx.target()
                    + "; set the decoder's size parameters to the target's shape");
        }
    }

    @Override
    public TrainingPlan build(BuildContext ctx, Params params) {
        SameDiff sd = ctx.graph();
        DataType type = ctx.dataType();
        boolean conditional = params.getBool("conditional");
        int latent = params.getInt("latent");
        double beta = params.getDouble("beta");
        int warmup = params.getInt("warmup-epochs");

        Port enc = ctx.build("encoder", conditional ? ctx.target() : ctx.input());
        SDVariable e = flat(sd, enc);
        long width = enc.signature().size();
        SDVariable c = null;
        long cWidth = 0;
        if (conditional) {
            Port cond = ctx.build("condition", ctx.input());
            c = flat(sd, cond);
            cWidth = cond.signature().size();
            e = sd.concat(1, e, c);
        }
        SDVariable mean = Nets.dense(ctx.owned("vae-mean"), e, width + cWidth, latent, Init.XAVIER_UNIFORM);
        // bounded so that exp() stays finite early in training
        SDVariable logVar = sd.math().clipByValue(Nets.dense(ctx.owned("vae-log-variance"), e, width + cWidth, latent, Init.XAVIER_UNIFORM),
                -12, 12);
        SDVariable eps = sd.placeHolder(NOISE, type, -1, latent);
        SDVariable z = mean.add(sd.math().exp(logVar.mul(0.5)).mul(eps));
        Map<String, Feed> feeds = new LinkedHashMap<>();
        if (conditional) {
            // 1 in training (z from the posterior), 0 at evaluation (z = eps, drawn from the prior)
            SDVariable posterior = sd.placeHolder(POSTERIOR, type, 1);
            z = z.mul(posterior).add(eps.mul(posterior.rsub(1.0)));
            z = sd.concat(1, z, c);
            feeds.put(NOISE, (batch, epoch, step, training, random) -> GanObjective.gaussian(type, batch, latent, random));
            feeds.put(POSTERIOR, (batch, epoch, step, training, random) -> Nd4j.valueArrayOf(new long[] {1}, training ? 1.0 : 0.0, type));
        } else {
            // at evaluation z is the posterior mean
            feeds.put(NOISE, (batch, epoch, step, training, random) -> training
                    ? GanObjective.gaussian(type, batch, latent, random) : Nd4j.zeros(type, batch, latent));
        }
        feeds.put(KL_WEIGHT, (batch, epoch, step, training, random) ->
                Nd4j.valueArrayOf(new long[] {1}, klWeight(beta, warmup, epoch, training), type));
        Port out = ctx.build("decoder", new Port(z, Signature.of(Modality.FEATURES, latent + cWidth)));
        if (ctx.has("head")) {
            out = ctx.build("head", out);
        }
        SDVariable x = sd.identity(PREDICTION, out.variable());
        SDVariable target = ctx.target().variable();
        long size = ctx.target().signature().size();

        SDVariable perValue;
        if (params.getString("reconstruction").equals("binary-cross-entropy")) {
            SDVariable p = sd.math().clipByValue(x, 1e-7, 1 - 1e-7);
            perValue = target.mul(sd.math().log(p)).add(target.rsub(1.0).mul(sd.math().log(p.rsub(1.0)))).neg();
        } else {
            SDVariable d = x.sub(target);
            perValue = d.mul(d);
        }
        SDVariable reconstruction = sd.reshape(perValue, -1, size).sum(1).mean(RECONSTRUCTION);
        SDVariable kl = logVar.add(1.0).sub(mean.mul(mean)).sub(sd.math().exp(logVar)).sum(1).mean().mul(-0.5);
        kl = sd.identity(KL, kl);
        SDVariable weight = sd.placeHolder(KL_WEIGHT, type, 1);
        SDVariable loss = reconstruction.add(kl.mul(weight.sum())).rename(LOSS);
        Map<String, String> logged = new LinkedHashMap<>();
        logged.put("reconstruction", RECONSTRUCTION);
        logged.put("kl", KL);
        return new TrainingPlan(PREDICTION, List.of(new Phase("main", loss.name(), Set.of(), 1, "main")), logged, Map.of())
                .withFeeds(feeds).withEvaluationLoss(RECONSTRUCTION);
    }

    /** beta * min(1, (epoch - 1) / warmup) in training, beta at evaluation. */
    static double klWeight(double beta, int warmup, int epoch, boolean training) {
        if (!training || warmup == 0) {
            return beta;
        }
        return beta * Math.min(1.0, (epoch - 1) / (double) warmup);
    }

    /** Same modality and shape (a target's frame rate is metadata a generator need not repeat). */
    static boolean sameShape(Signature a, Signature b) {
        return a.modality() == b.modality() && java.util.Arrays.equals(a.shape(), b.shape());
    }

    private static SDVariable flat(SameDiff sd, Port p) {
        return p.signature().rank() == 1 ? p.variable() : sd.reshape(p.variable(), -1, p.signature().size());
    }
}
