package io.xmodal.generative.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Modality;
import io.xmodal.api.Param;
import io.xmodal.api.Params;
import io.xmodal.api.Role;
import io.xmodal.api.Signature;
import io.xmodal.api.model.BlockContext;
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

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A conditional GAN (Mirza and Osindero 2014): the model's input is the condition, its target the
 * sample. The generator is slot {@code encoder} (the condition's features) and slot {@code decoder}
 * (features ++ noise -> a sample shaped as the target, optionally through slot {@code head}, e.g. a
 * regression head after a recurrent decoder); slot {@code discriminator} is any encoder that
 * turns a sample into features, which this objective scores with an affine layer. The discriminator
 * sees the condition by concatenation (a learnt projection of the condition's features, broadcast as
 * extra channels or appended values) or by projection (Miyato and Koyama 2018: the inner product of
 * an embedding of the condition with the sample's features is added to the score). It runs once on
 * real and generated samples stacked along the batch. Phase {@code d} trains the discriminator's
 * parameters only, phase {@code g} the encoder's and the decoder's; the discriminator's view of the
 * condition passes no gradient back into the encoder.
 */
@Component(service = Objective.class)
public class GanObjective implements Objective {
    static final String NOISE = "gan/noise";
    static final String PREDICTION = "gan/generated";
    static final String D_LOSS = "gan/d-loss";
    static final String G_LOSS = "gan/g-loss";
    static final String L1 = "gan/l1";
    static final String REAL_ROWS = "gan/real-rows";
    static final String INSTANCE_NOISE = "gan/instance-noise";
    static final String D_FEATURES = "gan/d-features";

    static final ComponentSpec SPEC = ComponentSpec.of(Role.OBJECTIVE, "gan")
            .doc("conditional GAN: the input conditions a generator (encoder -> decoder, with noise) of target samples; "
                    + "a discriminator scores (condition, sample) pairs; phases d and g with their own parameters and optimizers")
            .param(Param.choice("loss", "non-saturating", "non-saturating", "hinge", "least-squares")
                    .doc("non-saturating: cross-entropy on D's logits, G maximises log D(fake); hinge: max(0, 1 -+ score), G minimises -score; "
                            + "least-squares: squared distance of D's score to the labels (LSGAN)"))
            .param(Param.integer("noise", 16).range(0, 4096).doc("dimensions of the Gaussian noise appended to the condition's features (0: none)"))
            .param(Param.choice("conditioning", "concat", "concat", "projection")
                    .doc("how D sees the condition: concat = a projection of its features appended to the sample (extra channels of an image "
                            + "or spectrogram); projection = an inner product of its embedding with D's features added to the score"))
            .param(Param.integer("condition-channels", 8).range(1, 1024).doc("concat: channels (or values) the condition adds to D's input"))
            .param(Param.choice("reconstruction", "none", "none", "l1", "l2")
                    .doc("an extra generator loss between generated and real samples of the same condition (pix2pix-style)"))
            .param(Param.real("reconstruction-weight", 10.0).range(0, 1e6).doc("weight of the reconstruction loss"))
            .param(Param.real("feature-matching", 0.0).range(0, 1e6)
                    .doc("weight of a generator loss that matches, class by class, the mean of D's features over the batch's generated "
                            + "samples to their mean over its real ones (Salimans et al. 2016, per class); 0: off; needs labels"))
            .param(Param.real("instance-noise", 0.0).range(0, 100)
                    .doc("standard deviation of Gaussian noise added to every sample D sees in training, real and generated (instance "
                            + "noise, Sønderby et al. 2017), which blurs D's view of fine detail; 0: off"))
            .param(Param.real("label-smoothing", 1.0).range(0.5, 1.0)
                    .doc("one-sided label smoothing: D's target for real samples (0.9 is common; 1.0 is off); non-saturating and least-squares only"))
            .param(Param.integer("d-steps", 1).range(1, 100).doc("schedule: discriminator steps per cycle"))
            .param(Param.integer("g-steps", 1).range(1, 100).doc("schedule: generator steps per cycle"))
            .param(Param.real("class-weight", 0.0).range(0, 1e6)
                    .doc("auxiliary classifier (AC-GAN, Odena et al. 2017): D also predicts each sample's class (the labels modality) from its "
                            + "features and learns it on the real samples; D's loss adds this weight times that cross-entropy, G's loss this "
                            + "weight times D's cross-entropy on the generated samples for their condition's class. 0: off; needs labels"))
            .param(Param.string("labels", "label")
                    .doc("the label modality the generated samples are scored by (a classifier of their class, docs/generative.md); \"\" for data without classes: no such scoring"))
            .build();

    private static final List<Slot> SLOTS = List.of(
            new Slot("encoder", Role.ENCODER, true),
            new Slot("decoder", Role.DECODER, true),
            new Slot("discriminator", Role.ENCODER, true),
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
    public List<String> groups(Params params) {
        return List.of("d", "g");
    }

    @Override
    public boolean generates() {
        return true;
    }

    @Override
    public void check(PlanContext ctx, Params params) throws IncompatibleInputException {
        Signature condition = ctx.infer("encoder", ctx.input());
        if (condition.size() <= 0) {
            throw new IncompatibleInputException("the condition encoder gives " + condition + ", whose size is not fixed");
        }
        Signature generated = ctx.infer("decoder", Signature.of(Modality.FEATURES, condition.size() + params.getInt("noise")));
        if (ctx.has("head")) {
            generated = ctx.infer("head", generated);
        }
        if (!sameShape(generated, ctx.target())) {
            throw new IncompatibleInputException("the generator makes " + generated + " but the target is " + ctx.target()
                    + "; set the decoder's size parameters to the target's shape");
        }
        for (String classTerm : List.of("class-weight", "feature-matching")) {
            if (params.getDouble(classTerm) > 0 && ctx.labels().isEmpty()) {
                throw new IncompatibleInputException(classTerm + " " + params.getDouble(classTerm) + " needs each sample's class, but the data"
                        + " has no label modality named '" + params.getString("labels") + "'; set train.objective.with.labels to the reader's"
                        + " label modality, or " + classTerm + " to 0");
            }
        }
        Signature seen = discriminatorInput(ctx.target(), params);
        Signature features = ctx.infer("discriminator", seen);
        if (features.size() <= 0) {
            throw new IncompatibleInputException("the discriminator gives " + features + ", whose size is not fixed");
        }
    }

    /** What D reads: the sample, with the condition's channels (or values) when conditioning is concat. */
    static Signature discriminatorInput(Signature sample, Params params) throws IncompatibleInputException {
        if (!params.getString("conditioning").equals("concat")) {
            return sample;
        }
        long k = params.getInt("condition-channels");
        long[] s = sample.shape().clone();
        if (s.length == 3) {
            s[0] += k;
        } else if (s.length == 1) {
            s[0] += k;
        } else {
            throw new IncompatibleInputException("conditioning: concat appends the condition to samples of rank 1 or 3 ([values] or "
                    + "[channels, rows, columns]), but the target is " + sample + "; use conditioning: projection");
        }
        return Signature.of(sample.modality(), s);
    }

    @Override
    public TrainingPlan build(BuildContext ctx, Params params) {
        SameDiff sd = ctx.graph();
        DataType type = ctx.dataType();
        Signature sampleSig = ctx.target().signature();
        int noise = params.getInt("noise");
        String conditioning = params.getString("conditioning");

        // the generator: condition -> features (++ noise) -> sample
        Port cond = ctx.build("encoder", ctx.input());
        long width = cond.signature().size();
        SDVariable h = flat(sd, cond);
        SDVariable gIn = h;
        Map<String, Feed> feeds = new LinkedHashMap<>();
        if (noise > 0) {
            SDVariable z = sd.placeHolder(NOISE, type, -1, noise);
            gIn = sd.concat(1, h, z);
            feeds.put(NOISE, (batch, epoch, step, training, random) -> gaussian(type, batch, noise, random));
        }
        Port fake = ctx.build("decoder", new Port(gIn, Signature.of(Modality.FEATURES, width + noise)));
        if (ctx.has("head")) {
            fake = ctx.build("head", fake);
        }
        SDVariable generated = sd.identity(PREDICTION, fake.variable());
        SDVariable real = ctx.target().variable();

        // the discriminator, once on [real; fake] stacked along the batch; it sees the condition without
        // passing gradients back into the encoder (the encoder belongs to the generator)
        SDVariable hd = new org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient(sd, sd.concat(0, h, h)).outputVariable();
        SDVariable both = sd.concat(0, real, generated);
        double instanceNoise = params.getDouble("instance-noise");
        if (instanceNoise > 0) {
            long[] shape = sampleSig.withBatch(-1);
            SDVariable n = sd.placeHolder(INSTANCE_NOISE, type, shape);
            both = both.add(n);
            int size = (int) sampleSig.size();
            feeds.put(INSTANCE_NOISE, (batch, epoch, step, training, random) -> {
                long[] s = sampleSig.withBatch(2 * batch);
                return training ? gaussian(type, 2 * batch, size, random).mul(instanceNoise).reshape(s)
                        : Nd4j.zeros(type, s);
            });
        }
        Signature seen;
        try {
            seen = discriminatorInput(sampleSig, params);
        } catch (IncompatibleInputException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (conditioning.equals("concat")) {
            long k = params.getInt("condition-channels");
            SDVariable projected = Nets.dense(ctx.owned("gan-condition"), hd, width, k, Init.XAVIER_UNIFORM);
            if (sampleSig.rank() == 3) {
                long rows = sampleSig.dim(1);
                long cols = sampleSig.dim(2);
                SDVariable ones = sd.constant("gan/condition-ones", Nd4j.ones(type, 1, 1, rows, cols));
                both = sd.concat(1, both, sd.reshape(projected, -1, k, 1, 1).mul(ones));
            } else {
                both = sd.concat(1, both, projected);
            }
        }
        Port dOut = ctx.build("discriminator", new Port(both, seen));
        long dWidth = dOut.signature().size();
        SDVariable phi = sd.identity(D_FEATURES, flat(sd, dOut));
        SDVariable score = Nets.dense(ctx.owned("gan-score"), phi, dWidth, 1, Init.XAVIER_UNIFORM);
        if (conditioning.equals("projection")) {
            BlockContext embed = ctx.owned("gan-projection");
            SDVariable e = hd.mmul(embed.param("w", Init.XAVIER_UNIFORM, width, dWidth, width, dWidth));
            score = score.add(e.mul(phi).sum(true, 1));
        }
        // which rows of [real; fake] are real: a fed mask rather than a split of the scores (the gradient of
        // SameDiff's split reached only its first output here, so D never learnt from the fakes nor G from D)
        SDVariable isReal = sd.placeHolder(REAL_ROWS, type, -1, 1);
        feeds.put(REAL_ROWS, (batch, epoch, step, training, random) -> realRows(type, batch));
        SDVariable isFake = isReal.rsub(1.0);
        SDVariable count = isReal.sum();

        double smooth = params.getDouble("label-smoothing");
        SDVariable dPerRow;
        SDVariable gPerRow;
        double threshold;
        switch (params.getString("loss")) {
            case "hinge" -> {
                dPerRow = Nets.relu(score.rsub(1.0)).mul(isReal).add(Nets.relu(score.add(1.0)).mul(isFake));
                gPerRow = score.neg().mul(isFake);
                threshold = 0;
            }
            case "least-squares" -> {
                SDVariable dr = score.sub(smooth);
                dPerRow = dr.mul(dr).mul(isReal).add(score.mul(score).mul(isFake)).mul(0.5);
                SDVariable gf = score.sub(1.0);
                gPerRow = gf.mul(gf).mul(isFake).mul(0.5);
                threshold = 0.5;
            }
            default -> {
                // cross-entropy on logits: -[s log sigmoid(x) + (1 - s) log(1 - sigmoid(x))] = s softplus(-x) + (1 - s) softplus(x)
                SDVariable realTerm = Nets.softplus(score.neg()).mul(smooth);
                if (smooth < 1) {
                    realTerm = realTerm.add(Nets.softplus(score).mul(1 - smooth));
                }
                dPerRow = realTerm.mul(isReal).add(Nets.softplus(score).mul(isFake));
                gPerRow = Nets.softplus(score.neg()).mul(isFake);
                threshold = 0;
            }
        }
        SDVariable dLoss = dPerRow.sum().div(count);
        SDVariable gLoss = gPerRow.sum().div(count);
        SDVariable diff = generated.sub(real);
        SDVariable l1 = sd.math().abs(diff).mean(L1);
        Map<String, String> logged = new LinkedHashMap<>();
        String reconstruction = params.getString("reconstruction");
        if (!reconstruction.equals("none")) {
            SDVariable rec = reconstruction.equals("l1") ? l1 : diff.mul(diff).mean();
            gLoss = gLoss.add(rec.mul(params.getDouble("reconstruction-weight")));
        }
        double classWeight = params.getDouble("class-weight");
        double matching = params.getDouble("feature-matching");
        Map<String, String> classLogged = new LinkedHashMap<>();
        SDVariable oneHot = null;
        long classes = 0;
        if (classWeight > 0 || matching > 0) {
            // [2 batch, classes]: each row's class (a real row's and the fake generated from its condition alike)
            Port labels = ctx.labels();
            classes = labels.signature().size();
            SDVariable rowClass = sd.reshape(sd.concat(0, labels.variable(), labels.variable()), -1, 1);
            SDVariable index = sd.constant("gan/class-index", Nd4j.arange(0, classes).reshape(1, classes).castTo(type));
            oneHot = Nets.relu(sd.math().abs(rowClass.sub(index)).rsub(1.0));
        }
        if (matching > 0) {
            // per class present in the batch: mean of D's features over its real rows and over its generated rows; G's loss
            // adds the squared distance between the two, summed over the features and averaged over the classes present
            SDVariable realCount = oneHot.mul(isReal).sum(0); // [classes]
            SDVariable fakeCount = oneHot.mul(isFake).sum(0);
            SDVariable realMean = sd.mmul(oneHot.mul(isReal), phi, true, false, false).div(sd.reshape(realCount.add(1e-8), -1, 1));
            SDVariable fakeMean = sd.mmul(oneHot.mul(isFake), phi, true, false, false).div(sd.reshape(fakeCount.add(1e-8), -1, 1));
            SDVariable gap = realMean.sub(fakeMean);
            SDVariable present = sd.castTo(realCount.gt(0.5), type).sum();
            SDVariable fm = sd.math().square(gap).sum().div(present).rename("gan/feature-matching");
            gLoss = gLoss.add(fm.mul(matching));
            classLogged.put("feature-gap", fm.name());
        }
        if (classWeight > 0) {
            // AC-GAN: a class head on D's features; D learns it on the real rows, G is scored by it on the fake rows
            SDVariable logits = Nets.dense(ctx.owned("gan-classes"), phi, dWidth, classes, Init.XAVIER_UNIFORM);
            SDVariable picked = logits.mul(oneHot).sum(true, 1);
            SDVariable max = logits.max(true, 1);
            SDVariable logSumExp = sd.math().log(sd.math().exp(logits.sub(max)).sum(true, 1)).add(max);
            SDVariable ce = logSumExp.sub(picked);
            dLoss = dLoss.add(ce.mul(isReal).sum().div(count).mul(classWeight));
            gLoss = gLoss.add(ce.mul(isFake).sum().div(count).mul(classWeight));
            SDVariable right = sd.castTo(picked.gte(max), type);
            classLogged.put("d-class-acc", right.mul(isReal).sum().div(count).rename("gan/d-class-accuracy").name());
            classLogged.put("g-class-acc", right.mul(isFake).sum().div(count).rename("gan/g-class-accuracy").name());
        }
        dLoss = sd.identity(D_LOSS, dLoss);
        gLoss = sd.identity(G_LOSS, gLoss);
        SDVariable realRight = sd.castTo(score.gt(threshold), type).mul(isReal).sum().div(count).rename("gan/d-real-accuracy");
        SDVariable fakeRight = sd.castTo(score.lte(threshold), type).mul(isFake).sum().div(count).rename("gan/d-fake-accuracy");
        logged.put("d-real-acc", realRight.name());
        logged.put("d-fake-acc", fakeRight.name());
        logged.putAll(classLogged);
        logged.put("l1", l1.name());

        Set<String> d = new HashSet<>(ctx.parametersOf("discriminator"));
        d.addAll(ctx.parametersOf("gan-score"));
        d.addAll(ctx.parametersOf("gan-condition"));
        d.addAll(ctx.parametersOf("gan-projection"));
        d.addAll(ctx.parametersOf("gan-classes"));
        Set<String> g = new HashSet<>(ctx.parametersOf("encoder"));
        g.addAll(ctx.parametersOf("decoder"));
        g.addAll(ctx.parametersOf("head"));
        List<Phase> phases = List.of(
                new Phase("d", D_LOSS, d, params.getInt("d-steps"), "d"),
                new Phase("g", G_LOSS, g, params.getInt("g-steps"), "g"));
        return new TrainingPlan(PREDICTION, phases, logged, Map.of()).withFeeds(feeds).withEvaluationLoss(L1);
    }

    /** [2 batch, 1]: 1 for the first {@code batch} rows (the real samples), 0 for the rest (the generated ones). */
    static org.nd4j.linalg.api.ndarray.INDArray realRows(DataType type, int batch) {
        org.nd4j.linalg.api.ndarray.INDArray m = Nd4j.zeros(type, 2L * batch, 1);
        m.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, batch), org.nd4j.linalg.indexing.NDArrayIndex.all()).assign(1);
        return m;
    }

    /** Standard normal values [batch, n] in {@code type}. */
    static org.nd4j.linalg.api.ndarray.INDArray gaussian(DataType type, int batch, int n, java.util.Random random) {
        double[] v = new double[batch * n];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextGaussian();
        }
        return Nd4j.create(v, new long[] {batch, n}, DataType.DOUBLE).castTo(type);
    }

    /** Same modality and shape (a target's frame rate is metadata a generator need not repeat). */
    static boolean sameShape(Signature a, Signature b) {
        return a.modality() == b.modality() && java.util.Arrays.equals(a.shape(), b.shape());
    }

    private static SDVariable flat(SameDiff sd, Port p) {
        return p.signature().rank() == 1 ? p.variable() : sd.reshape(p.variable(), -1, p.signature().size());
    }
}
