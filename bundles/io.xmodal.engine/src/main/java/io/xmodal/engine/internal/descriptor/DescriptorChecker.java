package io.xmodal.engine.internal.descriptor;

import io.xmodal.api.Component;
import io.xmodal.api.Param;
import io.xmodal.api.ParamType;
import io.xmodal.api.Params;
import io.xmodal.api.Role;
import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.api.train.Objective;
import io.xmodal.api.train.Slot;
import io.xmodal.engine.internal.registry.ComponentLookup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a descriptor's structure and every component and parameter against the installed
 * components' schemas, and resolves it into an {@link Experiment} with every default filled in.
 * Nothing is opened or built here; every problem is collected before throwing.
 */
public final class DescriptorChecker {
    private final ComponentLookup components;
    private final Path baseDir;

    /** @param baseDir the folder relative paths are resolved against (the descriptor's) */
    public DescriptorChecker(ComponentLookup components, Path baseDir) {
        this.components = components;
        this.baseDir = baseDir;
    }

    public Experiment check(Node root, String file) throws DescriptorException {
        Problems problems = new Problems(file);
        unknownKeys(root, "", Sections.TOP, problems);
        Map<String, Object> top = scalars(root, "", Sections.TOP_SCALARS, "the descriptor", problems);
        String name = (String) top.get("experiment");
        if (name != null && !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            problems.at(root.get("experiment"), "experiment", "experiment name '" + name
                    + "' must be letters, digits, '.', '_' or '-' (it names the run folder)");
        }

        Node data = section(root, "data", problems, true);
        Node model = section(root, "model", problems, true);
        Node train = section(root, "train", problems, true);

        Experiment.Data dataCfg = data == null ? null : data(data, problems);
        Experiment.Train trainCfg = train == null ? null : train(train, problems);
        Experiment.Model modelCfg = model == null || trainCfg == null || trainCfg.objective() == null
                ? null : model(model, trainCfg.objective().use(), problems);
        List<String> metrics = metrics(root.get("evaluate"), problems);
        Node scoringNode = section(root, "scoring", problems, false);
        Experiment.Scoring scoring = scoringNode == null ? null : scoring(root, scoringNode, trainCfg, problems);
        problems.throwIfAny();
        return new Experiment(name, (String) top.get("description"), ((Integer) top.get("seed")).longValue(), dataCfg, modelCfg,
                trainCfg, metrics, (Integer) top.get("samples"), file, scoring);
    }

    /**
     * {@code scoring:} (docs/generative.md): only for an objective that generates samples; the classifier is
     * an encoder like a slot's ({@code {use: NAME, with: {...}}} or {@code NAME}), absent: chosen later by
     * the target modality.
     */
    private Experiment.Scoring scoring(Node root, Node node, Experiment.Train train, Problems problems) {
        unknownKeys(node, "scoring", Sections.SCORING, problems);
        if (train != null && train.objective() != null) {
            Optional<Component> obj = components.find(Role.OBJECTIVE, train.objective().use());
            if (obj.isPresent() && !((Objective) obj.get()).generates()) {
                problems.atKey(root, "scoring", "scoring", "scoring: scores generated samples, but objective '"
                        + train.objective().use() + "' generates none (it predicts its target); remove scoring:, or use an objective such as gan or vae");
            }
        }
        Map<String, Object> s = scalars(node, "scoring", Sections.SCORING_SCALARS, "scoring", problems);
        Node c = node.get("classifier");
        Experiment.Use classifier = null;
        if (c != null && !c.isNull()) {
            if (c.isMap()) {
                unknownKeys(c, "scoring.classifier", List.of("use", "with"), problems);
                classifier = use(Role.ENCODER, c.get("use"), c.get("with"), "scoring.classifier.use", "scoring.classifier.with", c, problems);
            } else if (c.isList()) {
                problems.at(c, "scoring.classifier", "scoring.classifier must be one encoder ({use: NAME, with: {...}}), not a list");
            } else {
                classifier = use(Role.ENCODER, c, null, "scoring.classifier", "scoring.classifier.with", node, problems);
            }
        }
        return new Experiment.Scoring(classifier, (Integer) s.get("hidden"), (Integer) s.get("epochs"), (Integer) s.get("batch"),
                (Double) s.get("lr"), (Integer) s.get("columns"));
    }

    private Experiment.Data data(Node data, Problems problems) {
        unknownKeys(data, "data", Sections.DATA, problems);
        Experiment.Use reader = use(Role.READER, data.get("reader"), data.get("with"), "data.reader", "data.with", data, problems);
        List<Experiment.Step> transforms = transforms(data.get("transforms"), problems);
        Map<String, Double> split = split(data.get("split"), problems);
        return new Experiment.Data(reader, transforms, split);
    }

    /** data.transforms: a list of {use, on, as, with}; modality names are checked against the data later. */
    private List<Experiment.Step> transforms(Node node, Problems problems) {
        List<Experiment.Step> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isList()) {
            problems.at(node, "data.transforms", "data.transforms must be a list like [{use: log-mel, on: audio, as: spectrogram}], not "
                    + YamlTree.describe(node));
            return out;
        }
        for (int i = 0; i < node.items().size(); i++) {
            Node item = node.items().get(i);
            String path = "data.transforms[" + i + "]";
            if (!item.isMap()) {
                problems.at(item, path, path + " must be a map like {use: log-mel, on: audio}, not " + YamlTree.describe(item));
                continue;
            }
            unknownKeys(item, path, Sections.TRANSFORM, problems);
            Experiment.Use u = use(Role.TRANSFORM, item.get("use"), item.get("with"), path + ".use", path + ".with", item, problems);
            String on = text(item, "on", path, "the modality the transform reads, e.g. on: audio", problems);
            Node as = item.get("as");
            String target = on;
            if (as != null && !as.isNull()) {
                if (!as.isScalar() || as.text().isBlank()) {
                    problems.at(as, path + ".as", path + ".as must be a modality name, e.g. as: spectrogram");
                } else {
                    target = as.text();
                }
            }
            if (u != null && on != null) {
                out.add(new Experiment.Step(u, on, target));
            }
        }
        return out;
    }

    private Map<String, Double> split(Node node, Problems problems) {
        if (node == null || node.isNull()) {
            Map<String, Double> d = new LinkedHashMap<>();
            Sections.SPLIT_NAMES.forEach(s -> d.put(s, Sections.DEFAULT_SPLIT.get(s)));
            return d;
        }
        if (!node.isMap()) {
            problems.at(node, "data.split", "data.split must be a map like {train: 0.8, val: 0.1, test: 0.1}, not " + YamlTree.describe(node));
            return null;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        double sum = 0;
        for (Map.Entry<String, Node> e : node.entries().entrySet()) {
            if (!Sections.SPLIT_NAMES.contains(e.getKey())) {
                problems.atKey(node, e.getKey(), "data.split." + e.getKey(), "unknown split '" + e.getKey() + "';"
                        + Suggest.didYouMean(e.getKey(), Sections.SPLIT_NAMES) + " (splits: train, val, test)");
                continue;
            }
            Double f = ParamValues.number(e.getValue());
            if (f == null || f < 0 || f > 1) {
                problems.at(e.getValue(), "data.split." + e.getKey(), "data.split." + e.getKey() + ": expected a fraction in 0..1, got "
                        + YamlTree.describe(e.getValue()));
                continue;
            }
            out.put(e.getKey(), f);
            sum += f;
        }
        if (!out.containsKey("train") || !out.containsKey("test")) {
            problems.at(node, "data.split", "data.split needs at least train and test fractions, e.g. {train: 0.8, val: 0.1, test: 0.1}");
        } else if (Math.abs(sum - 1) > 1e-6) {
            problems.at(node, "data.split", "data.split fractions sum to " + String.format("%.4g", sum) + "; make them sum to 1");
        }
        Map<String, Double> ordered = new LinkedHashMap<>();
        Sections.SPLIT_NAMES.stream().filter(out::containsKey).forEach(s -> ordered.put(s, out.get(s)));
        return ordered;
    }

    private Experiment.Train train(Node train, Problems problems) {
        unknownKeys(train, "train", Sections.TRAIN, problems);
        Map<String, Object> s = scalars(train, "train", Sections.TRAIN_SCALARS, "train", problems);

        Node objNode = train.get("objective");
        Experiment.Use objective;
        if (objNode == null || objNode.isNull()) {
            objective = use(Role.OBJECTIVE, Node.scalar("supervised", Node.ScalarType.TEXT, train.line(), train.column()),
                    null, "train.objective", "train.objective.with", train, problems);
        } else if (objNode.isMap()) {
            unknownKeys(objNode, "train.objective", List.of("use", "with"), problems);
            objective = use(Role.OBJECTIVE, objNode.get("use"), objNode.get("with"), "train.objective.use", "train.objective.with", objNode, problems);
        } else {
            objective = use(Role.OBJECTIVE, objNode, null, "train.objective", "train.objective.with", train, problems);
        }
        Node loss = train.get("loss");
        if (loss != null && objective != null) {
            // train.loss is shorthand for the objective's 'loss' parameter
            Optional<Component> obj = components.find(Role.OBJECTIVE, objective.use());
            Optional<Param> lossParam = obj.flatMap(o -> o.spec().param("loss"));
            if (lossParam.isEmpty()) {
                problems.atKey(train, "loss", "train.loss", "objective '" + objective.use() + "' takes no 'loss'; remove train.loss");
            } else {
                Map<String, Object> with = new LinkedHashMap<>(objective.with());
                with.put("loss", ParamValues.coerce("objective '" + objective.use() + "'", lossParam.get(), loss, "train.loss", problems));
                objective = new Experiment.Use(objective.use(), with);
            }
        }

        Experiment.Use optimizer = optimizer(train.get("optimizer"), train, "train.optimizer", problems);
        Map<String, Experiment.Use> groups = new LinkedHashMap<>();
        Node perGroup = train.get("optimizers");
        if (perGroup != null && !perGroup.isNull()) {
            if (!perGroup.isMap()) {
                problems.at(perGroup, "train.optimizers", "train.optimizers must map optimizer groups to optimizers, e.g. "
                        + "{d: {use: adam, with: {lr: 0.0002, beta1: 0.5}}, g: {use: adam}}, not " + YamlTree.describe(perGroup));
            } else {
                for (Map.Entry<String, Node> e : perGroup.entries().entrySet()) {
                    Node value = e.getValue();
                    Experiment.Use u = optimizer(value == null || value.isNull() ? null : value, perGroup, "train.optimizers." + e.getKey(), problems);
                    if (u != null) {
                        groups.put(e.getKey(), u);
                    }
                }
            }
        }
        Experiment.EarlyStop earlyStop = null;
        Node es = train.get("early-stop");
        if (es != null && !es.isNull()) {
            if (!es.isMap()) {
                problems.at(es, "train.early-stop", "train.early-stop must be a map like {metric: val.loss, patience: 3}, not " + YamlTree.describe(es));
            } else {
                unknownKeys(es, "train.early-stop", List.of("metric", "patience", "min-delta"), problems);
                Map<String, Object> v = scalars(es, "train.early-stop", Sections.EARLY_STOP, "train.early-stop", problems);
                earlyStop = new Experiment.EarlyStop((String) v.get("metric"), (Integer) v.get("patience"), (Double) v.get("min-delta"));
            }
        }
        return new Experiment.Train(objective, optimizer, groups, (Integer) s.get("epochs"), (Integer) s.get("batch"),
                (Integer) s.get("eval-batch"), earlyStop);
    }

    private Experiment.Use optimizer(Node node, Node train, String path, Problems problems) {
        Node useNode;
        Node with = null;
        Node anchor = train;
        if (node == null || node.isNull()) {
            useNode = Node.scalar("adam", Node.ScalarType.TEXT, train.line(), train.column());
        } else if (node.isMap()) {
            unknownKeys(node, path, List.of("use", "with"), problems);
            useNode = node.get("use");
            with = node.get("with");
            anchor = node;
        } else {
            useNode = node;
        }
        if (useNode == null || !useNode.isScalar() || useNode.isNull()) {
            problems.at(useNode == null ? anchor : useNode, path + ".use", path + " needs 'use: adam' or 'use: sgd'");
            return null;
        }
        List<Param> schema = Sections.OPTIMIZERS.get(useNode.text());
        if (schema == null) {
            problems.at(useNode, path + ".use", "unknown optimizer '" + useNode.text() + "';"
                    + Suggest.didYouMean(useNode.text(), Sections.OPTIMIZERS.keySet()) + " (optimizers: adam, sgd)");
            return null;
        }
        Map<String, Object> values = ParamValues.resolve("optimizer '" + useNode.text() + "'", schema, with, path + ".with", anchor, problems);
        return new Experiment.Use(useNode.text(), values);
    }

    private Experiment.Model model(Node model, String objectiveName, Problems problems) {
        Optional<Component> obj = components.find(Role.OBJECTIVE, objectiveName);
        if (obj.isEmpty()) {
            return null; // already reported at train.objective
        }
        List<Slot> slots = ((Objective) obj.get()).slots();
        List<String> known = new ArrayList<>(Sections.MODEL_FIXED);
        slots.forEach(s -> known.add(s.name()));
        unknownKeys(model, "model", known, problems);
        String input = text(model, "input", "model", "the data modality the model reads, e.g. input: image", problems);
        String target = text(model, "target", "model", "the data modality the model predicts, e.g. target: series", problems);
        Map<String, List<Experiment.Use>> used = new LinkedHashMap<>();
        Map<String, Experiment.Reuse> reuse = new LinkedHashMap<>();
        for (Slot slot : slots) {
            Node n = model.get(slot.name());
            String path = "model." + slot.name();
            if (n == null || n.isNull()) {
                if (slot.required()) {
                    problems.at(model, path, "objective '" + objectiveName + "' needs a " + slot.role().id() + " in " + path
                            + " (e.g. " + slot.name() + ": {use: <name>}); installed: " + String.join(", ", components.names(slot.role())));
                }
                continue;
            }
            if (n.isList()) {
                // a chain: the blocks run in order, each taking what the one before produced
                if (n.items().isEmpty()) {
                    problems.at(n, path, path + " is an empty chain; name at least one " + slot.role().id()
                            + ", e.g. [{use: <name>}]");
                    continue;
                }
                List<Experiment.Use> chain = new ArrayList<>();
                for (int i = 0; i < n.items().size(); i++) {
                    Experiment.Use u = slotUse(slot, n.items().get(i), n, path + "[" + i + "]", problems);
                    if (u != null) {
                        chain.add(u);
                    }
                }
                if (chain.size() == n.items().size()) {
                    used.put(slot.name(), chain);
                }
                continue;
            }
            Experiment.Use u = slotUse(slot, n, model, path, problems);
            if (u != null) {
                used.put(slot.name(), List.of(u));
                if (n.isMap() && (n.get("frozen") != null || n.get("from") != null)) {
                    Experiment.Reuse r = reuse(slot, n, path, u, problems);
                    if (r != null) {
                        reuse.put(slot.name(), r);
                    }
                }
            }
        }
        return new Experiment.Model(input, target, used, reuse);
    }

    /**
     * A slot's {@code frozen} and {@code from: {run, slot}}: the earlier run must be a finished run directory
     * whose slot was configured exactly like this one (its variables are then copied by name).
     */
    private Experiment.Reuse reuse(Slot slot, Node n, String path, Experiment.Use here, Problems problems) {
        boolean frozen = false;
        Node f = n.get("frozen");
        if (f != null && !f.isNull()) {
            if (f.scalarType() != Node.ScalarType.BOOL) {
                problems.at(f, path + ".frozen", path + ".frozen must be true or false, not " + YamlTree.describe(f));
                return null;
            }
            frozen = Boolean.parseBoolean(f.text());
        }
        Node from = n.get("from");
        if (from == null || from.isNull()) {
            return new Experiment.Reuse(frozen, null, null);
        }
        if (!from.isMap()) {
            problems.at(from, path + ".from", path + ".from must be a map like {run: runs/sound-classifier, slot: encoder}, not "
                    + YamlTree.describe(from));
            return null;
        }
        unknownKeys(from, path + ".from", List.of("run", "slot"), problems);
        String run = text(from, "run", path + ".from", "the earlier run directory whose weights this slot starts from", problems);
        Node slotNode = from.get("slot");
        String fromSlot = slotNode == null || slotNode.isNull() ? slot.name() : slotNode.text();
        if (run == null) {
            return null;
        }
        Path dir = baseDir.resolve(run).normalize().toAbsolutePath();
        Path earlier = dir.resolve("descriptor.yaml");
        if (!Files.isDirectory(dir)) {
            problems.at(from.get("run"), path + ".from.run", "no run directory " + dir + "; give a folder a finished 'xmodal run' wrote "
                    + "(it holds descriptor.yaml and model/graph.sd)");
            return null;
        }
        if (!Files.isRegularFile(earlier) || !Files.isRegularFile(dir.resolve("model/graph.sd"))) {
            problems.at(from.get("run"), path + ".from.run", dir + " is not a finished run directory (it needs descriptor.yaml and "
                    + "model/graph.sd); give the folder a successful 'xmodal run' wrote");
            return null;
        }
        Node old;
        try {
            old = YamlTree.read(earlier);
        } catch (DescriptorException e) {
            problems.at(from.get("run"), path + ".from.run", earlier + " cannot be read: " + e.getMessage());
            return null;
        }
        Node oldModel = old.get("model");
        Node oldSlot = oldModel == null ? null : oldModel.get(fromSlot);
        if (oldSlot == null || !oldSlot.isMap()) {
            List<String> have = new ArrayList<>();
            if (oldModel != null && oldModel.isMap()) {
                oldModel.entries().forEach((k, v) -> {
                    if (v.isMap() && v.get("use") != null) {
                        have.add(k);
                    }
                });
            }
            problems.at(slotNode != null ? slotNode : from, path + ".from.slot", "the run " + dir + " has no slot '" + fromSlot + "' of one block;"
                    + Suggest.didYouMean(fromSlot, have) + " (its slots: " + String.join(", ", have) + ")");
            return null;
        }
        List<String> differences = new ArrayList<>();
        Object oldUse = oldSlot.get("use") == null ? null : oldSlot.get("use").text();
        if (!here.use().equals(oldUse)) {
            differences.add("the block is '" + oldUse + "' there and '" + here.use() + "' here");
        } else {
            Map<String, Object> oldWith = oldSlot.get("with") != null && oldSlot.get("with").isMap()
                    ? castMap(oldSlot.get("with").toPlain()) : Map.of();
            List<String> keys = new ArrayList<>(here.with().keySet());
            oldWith.keySet().stream().filter(k -> !keys.contains(k)).forEach(keys::add);
            for (String k : keys) {
                if (!sameValue(oldWith.get(k), here.with().get(k))) {
                    differences.add("with." + k + " is " + oldWith.get(k) + " there and " + here.with().get(k) + " here");
                }
            }
        }
        if (!differences.isEmpty()) {
            problems.at(from, path + ".from", path + " must be configured exactly as model." + fromSlot + " of " + earlier
                    + " to take its weights, but " + String.join("; ", differences) + " (in " + problems.file() + ")");
            return null;
        }
        return new Experiment.Reuse(frozen, dir.toString(), fromSlot);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** Equal as the descriptor writes them: numbers by value, maps and lists element by element, the rest as text. */
    static boolean sameValue(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            if (!ma.keySet().equals(mb.keySet())) {
                return false;
            }
            for (Object k : ma.keySet()) {
                if (!sameValue(ma.get(k), mb.get(k))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            if (la.size() != lb.size()) {
                return false;
            }
            for (int i = 0; i < la.size(); i++) {
                if (!sameValue(la.get(i), lb.get(i))) {
                    return false;
                }
            }
            return true;
        }
        String x = a.toString();
        String y = b.toString();
        if (x.equals(y)) {
            return true;
        }
        try {
            return Double.parseDouble(x) == Double.parseDouble(y);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** One block of a slot: {@code {use: NAME, with: {...}}} or just {@code NAME}. */
    private Experiment.Use slotUse(Slot slot, Node n, Node parent, String path, Problems problems) {
        if (n.isMap()) {
            // frozen and from apply to a slot of one block, not to a link of a chain
            unknownKeys(n, path, parent.isList() ? List.of("use", "with") : List.of("use", "with", "frozen", "from"), problems);
            return use(slot.role(), n.get("use"), n.get("with"), path + ".use", path + ".with", n, problems);
        }
        if (n.isList()) {
            problems.at(n, path, path + " must be one " + slot.role().id() + " ({use: NAME, with: {...}}), not a list inside a chain");
            return null;
        }
        return use(slot.role(), n, null, path, path + ".with", parent, problems);
    }

    private List<String> metrics(Node node, Problems problems) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out; // chosen from the target modality later
        }
        List<Node> items = node.isList() ? node.items() : node.isScalar() ? List.of(node) : null;
        if (items == null) {
            problems.at(node, "evaluate", "evaluate must be a list of metric names, e.g. [mse, r2]");
            return out;
        }
        for (Node item : items) {
            if (!item.isScalar() || item.isNull()) {
                problems.at(item, "evaluate", "evaluate must list metric names, got " + YamlTree.describe(item));
            } else if (components.find(Role.METRIC, item.text()).isEmpty()) {
                problems.at(item, "evaluate", "unknown metric '" + item.text() + "';" + Suggest.didYouMean(item.text(), components.names(Role.METRIC))
                        + " (installed: " + String.join(", ", components.names(Role.METRIC)) + ")");
            } else {
                out.add(item.text());
            }
        }
        return out;
    }

    /** A component reference: its name must be installed in the role, its parameters must fit its schema. */
    private Experiment.Use use(Role role, Node useNode, Node with, String path, String withPath, Node anchor, Problems problems) {
        if (useNode == null || useNode.isNull()) {
            problems.at(anchor, path, path + " is missing: name a " + role.id() + " (installed: " + String.join(", ", components.names(role)) + ")");
            return null;
        }
        if (!useNode.isScalar()) {
            problems.at(useNode, path, path + " must be the name of a " + role.id() + ", not " + YamlTree.describe(useNode));
            return null;
        }
        String name = useNode.text();
        Optional<Component> c = components.find(role, name);
        if (c.isEmpty()) {
            List<String> installed = components.names(role);
            List<String> elsewhere = new ArrayList<>();
            for (Role other : Role.values()) {
                if (other != role && components.find(other, name).isPresent()) {
                    elsewhere.add(other.id());
                }
            }
            problems.at(useNode, path, "unknown " + role.id() + " '" + name + "';"
                    + (elsewhere.isEmpty() ? Suggest.didYouMean(name, installed)
                    : " '" + name + "' is " + String.join(" and ", elsewhere.stream().map(DescriptorChecker::withArticle).toList())
                    + ", not " + withArticle(role.id()) + ";")
                    + (installed.isEmpty() ? " no " + role.id() + " is installed" : " (installed: " + String.join(", ", installed) + ")"));
            return null;
        }
        Map<String, Object> values = ParamValues.resolve(role.id() + " '" + name + "'", c.get().spec().params(), with, withPath,
                with != null ? with : useNode, problems);
        for (Param p : c.get().spec().params()) {
            if (p.type() == ParamType.COMPONENT) {
                values.put(p.name(), nested(p, values.get(p.name()), name, withPath + "." + p.name(), with != null ? with : useNode, problems));
            }
        }
        // paths become absolute so the resolved descriptor (in the run directory) still finds the data
        for (Param p : c.get().spec().params()) {
            if (p.type() == ParamType.PATH && values.get(p.name()) instanceof String s && !s.isEmpty()) {
                values.put(p.name(), new Params(Map.of(p.name(), s), baseDir).getPath(p.name()).toString());
            }
        }
        return new Experiment.Use(name, values);
    }

    /**
     * A COMPONENT parameter: as written ({@code NAME} or {@code {use: NAME, with: {...}}}) or its default
     * name, checked like a slot's block against the components of the parameter's role. Resolved to the
     * plain map {@code {use: NAME, with: {every parameter}}} (what descriptor.yaml records), or null.
     */
    private Object nested(Param p, Object value, String owner, String path, Node anchor, Problems problems) {
        Role role = p.componentRole();
        if (role == null) {
            problems.at(anchor, path, "parameter '" + p.name() + "' of '" + owner + "' declares no role for its component (a bug in that bundle)");
            return null;
        }
        Experiment.Use u;
        if (value instanceof Node n && n.isMap()) {
            unknownKeys(n, path, List.of("use", "with"), problems);
            u = use(role, n.get("use"), n.get("with"), path + ".use", path + ".with", n, problems);
        } else if (value instanceof Node n) {
            u = use(role, n, null, path, path + ".with", n, problems);
        } else if (value instanceof String name) {
            u = use(role, Node.scalar(name, Node.ScalarType.TEXT, anchor.line(), anchor.column()), null, path, path + ".with", anchor, problems);
        } else {
            return null; // required and missing: already reported
        }
        return u == null ? null : u.toPlain();
    }

    private static String withArticle(String word) {
        return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
    }

    private static Node section(Node root, String key, Problems problems, boolean required) {
        Node n = root.get(key);
        if (n == null || n.isNull()) {
            if (required) {
                problems.at(root, key, "missing section '" + key + ":'; see docs/descriptor.md");
            }
            return null;
        }
        if (!n.isMap()) {
            problems.at(n, key, "'" + key + "' must be a map, not " + YamlTree.describe(n));
            return null;
        }
        return n;
    }

    private static String text(Node map, String key, String path, String what, Problems problems) {
        Node n = map.get(key);
        if (n == null || n.isNull() || !n.isScalar()) {
            problems.at(n == null ? map : n, path + "." + key, path + "." + key + " is missing: " + what);
            return null;
        }
        return n.text();
    }

    private static Map<String, Object> scalars(Node map, String path, List<Param> schema, String owner, Problems problems) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Param p : schema) {
            Node v = map.get(p.name());
            String at = path.isEmpty() ? p.name() : path + "." + p.name();
            if (v == null || v.isNull()) {
                if (p.required()) {
                    problems.at(map, at, "missing '" + p.name() + "': " + p.doc());
                }
                out.put(p.name(), p.defaultValue());
            } else {
                out.put(p.name(), ParamValues.coerce(owner, p, v, at, problems));
            }
        }
        return out;
    }

    private static void unknownKeys(Node map, String path, List<String> known, Problems problems) {
        for (String key : map.entries().keySet()) {
            if (!known.contains(key)) {
                String at = path.isEmpty() ? key : path + "." + key;
                problems.atKey(map, key, at, "unknown key '" + key + "'" + (path.isEmpty() ? "" : " in " + path) + ";"
                        + Suggest.didYouMean(key, known) + " (allowed: " + String.join(", ", known) + ")");
            }
        }
    }
}
