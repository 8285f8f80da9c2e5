package io.xmodal.engine.internal.generative;

import io.xmodal.api.Component;
import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Modality;
import io.xmodal.api.Param;
import io.xmodal.api.ParamType;
import io.xmodal.api.Params;
import io.xmodal.api.Role;
import io.xmodal.api.Signature;
import io.xmodal.api.model.IncompatibleInputException;
import io.xmodal.api.train.Objective;
import io.xmodal.engine.internal.build.ShapeCheck;
import io.xmodal.engine.internal.build.SlotBlocks;
import io.xmodal.engine.internal.descriptor.Experiment;
import io.xmodal.engine.internal.descriptor.Node;
import io.xmodal.engine.internal.descriptor.Problems;
import io.xmodal.engine.internal.descriptor.Sections;
import io.xmodal.engine.internal.descriptor.Suggest;
import io.xmodal.engine.internal.registry.ComponentLookup;
import io.xmodal.engine.internal.train.SupervisedObjective;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks, when the data is open, everything scoring generated samples needs (problems go to the
 * descriptor's {@code file:line:col}, exit status 2): the objective's {@code labels} parameter names a
 * label modality of the data; the classifier (the descriptor's, or the default for the target modality)
 * and a {@code classification} head are installed and fit the target's shape. Returns the plan, with the
 * default classifier written into the experiment's {@code scoring:} so descriptor.yaml records it.
 */
public final class ScoringSetup {
    /** The head every classifier ends with, and the parameter the objective names the class modality with. */
    static final String HEAD = "classification";
    static final String LABELS = "labels";

    /** Default classifiers by target modality: small, so scoring costs a fraction of training the generator. */
    static final Map<Modality, Experiment.Use> DEFAULTS = Map.of(
            Modality.IMAGE, new Experiment.Use("vgg", Map.of("blocks", 3, "width", 16, "max-width", 64, "output", "global-avg", "batch-norm", true)),
            Modality.SPECTROGRAM, new Experiment.Use("spectrogram-cnn", Map.of("blocks", 3, "width", 16, "max-width", 64)));

    private ScoringSetup() {
    }

    /** The experiment with its resolved {@code scoring:} and the plan; null plan (and problems) when something is wrong. */
    public record Result(Experiment experiment, ScoringPlan plan) {
    }

    public static Result resolve(Experiment exp, Node root, Map<String, Signature> modalities, Signature target, Objective objective,
                                 Params objectiveParams, ComponentLookup components, Path baseDir, Problems problems) {
        Node train = root.get("train");
        Node objNode = train == null ? null : train.get("objective");
        Node at = objNode != null ? objNode : train != null ? train : root;
        String objName = exp.train().objective().use();
        if (objective.spec().param(LABELS).isEmpty()) {
            problems.at(at, "train.objective", "objective '" + objName + "' generates samples but declares no '" + LABELS
                    + "' parameter, so they cannot be scored by class (a bug in that objective's bundle)");
            return new Result(exp, null);
        }
        String labels = objectiveParams.has(LABELS) ? objectiveParams.getString(LABELS) : null;
        Node labelsNode = objNode != null && objNode.isMap() && objNode.get("with") != null ? objNode.get("with").get(LABELS) : null;
        List<String> labelModalities = modalities.entrySet().stream().filter(e -> e.getValue().modality() == Modality.LABEL)
                .map(Map.Entry::getKey).toList();
        if (labels != null && labels.isEmpty() && labelsNode != null) {
            return new Result(exp, null); // labels: "" says the data has no classes: nothing to score the samples by
        }
        Signature labelSig = labels == null || labels.isEmpty() ? null : modalities.get(labels);
        if (labelSig == null || labelSig.modality() != Modality.LABEL) {
            String why = labels == null || labels.isEmpty() ? "names none" : labelSig == null ? "names '" + labels + "', which the data does not have;"
                    + Suggest.didYouMean(labels, labelModalities) : "names '" + labels + "', which is " + labelSig + ", not a label";
            problems.at(labelsNode != null ? labelsNode : at, "train.objective.with." + LABELS, "objective '" + objName
                    + "' generates samples, scored by a classifier of their class: train.objective.with." + LABELS + " " + why
                    + (labelModalities.isEmpty() ? "; the data has no label modality (it gives " + modalities.keySet()
                    + "): use a reader that gives each sample's class" : "; set it to a label modality of the data: "
                    + String.join(", ", labelModalities)));
            return new Result(exp, null);
        }
        if (target == null) {
            return new Result(exp, null);
        }
        Experiment.Scoring cfg = exp.scoring() != null ? exp.scoring() : defaults();
        Node scoring = root.get("scoring");
        Node classifierNode = scoring != null && scoring.isMap() && scoring.get("classifier") != null ? scoring.get("classifier")
                : scoring != null ? scoring : at;
        Experiment.Use encoder = cfg.classifier();
        if (encoder == null) {
            Experiment.Use d = DEFAULTS.get(target.modality());
            if (d == null) {
                problems.at(classifierNode, "scoring.classifier", "scoring.classifier: there is no default classifier for a target of modality "
                        + target.modality().id() + " (" + target + "); name an encoder that reads it, e.g. scoring: {classifier: {use: NAME}}"
                        + " (installed: " + String.join(", ", components.names(Role.ENCODER)) + ")");
                return new Result(exp, null);
            }
            Component c = components.find(Role.ENCODER, d.use()).orElse(null);
            if (c == null) {
                problems.at(classifierNode, "scoring.classifier", "scoring.classifier: the default classifier for " + target.modality().id()
                        + " targets is encoder '" + d.use() + "', which is not installed; name another in scoring.classifier (installed: "
                        + String.join(", ", components.names(Role.ENCODER)) + ")");
                return new Result(exp, null);
            }
            encoder = new Experiment.Use(d.use(), withDefaults(c.spec(), d.with()));
        }
        Component head = components.find(Role.HEAD, HEAD).orElse(null);
        if (head == null) {
            problems.at(classifierNode, "scoring", "scoring needs the head '" + HEAD + "' (bundle io.xmodal.sequence), which is not installed");
            return new Result(exp, null);
        }
        Map<String, Object> headWith = new LinkedHashMap<>(withDefaults(head.spec(), Map.of()));
        headWith.put("classes", (int) labelSig.dim(0));
        headWith.put("hidden", cfg.hidden());
        Map<String, List<Experiment.Use>> slots = new LinkedHashMap<>();
        slots.put("encoder", List.of(encoder));
        slots.put("head", List.of(new Experiment.Use(HEAD, headWith)));
        Map<String, Role> roles = Map.of("encoder", Role.ENCODER, "head", Role.HEAD);
        SlotBlocks blocks = new SlotBlocks(new Experiment.Model(exp.model().target(), labels, slots), components, roles, baseDir);
        try {
            new SupervisedObjective().check(new ShapeCheck(target, labelSig, blocks), classifierParams());
        } catch (IncompatibleInputException e) {
            problems.at(classifierNode, "scoring.classifier", "scoring.classifier: the classifier of the generated " + exp.model().target()
                    + " does not fit it: " + e.getMessage());
            return new Result(exp, null);
        }
        Experiment.Scoring resolved = new Experiment.Scoring(encoder, cfg.hidden(), cfg.epochs(), cfg.batch(), cfg.lr(), cfg.columns());
        return new Result(exp.withScoring(resolved), new ScoringPlan(labels, labelSig, blocks, resolved));
    }

    /** The supervised objective's parameters for a classifier. */
    static Params classifierParams() {
        return new Params(Map.of("loss", "cross-entropy"), null);
    }

    /** {@code scoring:} with every default (the section is optional). */
    static Experiment.Scoring defaults() {
        Map<String, Object> d = new LinkedHashMap<>();
        Sections.SCORING_SCALARS.forEach(p -> d.put(p.name(), p.defaultValue()));
        return new Experiment.Scoring(null, (Integer) d.get("hidden"), (Integer) d.get("epochs"), (Integer) d.get("batch"),
                (Double) d.get("lr"), (Integer) d.get("columns"));
    }

    /** A component's parameters: every default, with {@code with} over them (nested components are not used here). */
    private static Map<String, Object> withDefaults(ComponentSpec spec, Map<String, Object> with) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Param p : spec.params()) {
            if (p.type() != ParamType.COMPONENT) {
                out.put(p.name(), with.getOrDefault(p.name(), p.defaultValue()));
            }
        }
        return out;
    }
}
