package io.xmodal.engine.internal.run;

import io.xmodal.api.Modality;
import io.xmodal.api.Params;
import io.xmodal.api.Role;
import io.xmodal.api.Signature;
import io.xmodal.api.data.DataContext;
import io.xmodal.api.data.DataException;
import io.xmodal.api.data.Dataset;
import io.xmodal.api.data.Reader;
import io.xmodal.api.data.Transform;
import io.xmodal.api.model.IncompatibleInputException;
import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.api.runtime.Problem;
import io.xmodal.api.train.Metric;
import io.xmodal.api.train.RetrievalMetric;
import io.xmodal.api.train.Objective;
import io.xmodal.api.train.Slot;
import io.xmodal.engine.internal.build.ShapeCheck;
import io.xmodal.engine.internal.build.SlotBlocks;
import io.xmodal.engine.internal.data.TransformedDataset;
import io.xmodal.engine.internal.descriptor.DescriptorChecker;
import io.xmodal.engine.internal.descriptor.Experiment;
import io.xmodal.engine.internal.descriptor.Node;
import io.xmodal.engine.internal.descriptor.Overrides;
import io.xmodal.engine.internal.descriptor.Problems;
import io.xmodal.engine.internal.descriptor.Suggest;
import io.xmodal.engine.internal.descriptor.YamlTree;
import io.xmodal.engine.internal.generative.ScoringPlan;
import io.xmodal.engine.internal.generative.ScoringSetup;
import io.xmodal.engine.internal.descriptor.VersionPins;
import io.xmodal.engine.internal.registry.ComponentLookup;
import io.xmodal.engine.internal.registry.ComponentRegistry;
import io.xmodal.engine.internal.study.StudyFile;
import io.xmodal.engine.internal.train.SplitData;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Everything that happens before a graph exists: read the YAML, apply overrides, check it against
 * the component schemas, open the data (so missing or corrupt files are found now), and check that
 * the blocks fit the data and each other. Every failure is a {@link DescriptorException} (exit 2).
 */
public final class Preparation {
    private final ComponentLookup components;
    private final Function<String, List<String>> installedBundles;

    public Preparation(ComponentLookup components) {
        this(components, null);
    }

    /**
     * @param installedBundles bundle symbolic name to the versions installed (for {@code requires:});
     *                         null: the bundles that provide registered components
     */
    public Preparation(ComponentLookup components, Function<String, List<String>> installedBundles) {
        this.components = components;
        this.installedBundles = installedBundles;
    }

    public Prepared prepare(Path descriptor, List<String> overrides, Consumer<String> progress) throws DescriptorException {
        String file = descriptor.toString();
        Node root = YamlTree.read(descriptor);
        if (StudyFile.isStudy(root)) {
            int[] at = root.keyPosition(StudyFile.KEYS.stream().filter(k -> root.get(k) != null).findFirst().orElseThrow());
            throw new DescriptorException(new Problem(file, at[0], at[1], "vary",
                    "this is a study (it has " + String.join("/", StudyFile.KEYS) + "); run it with 'xmodal study " + file
                            + "', or one of its runs with 'xmodal run " + file + " --variant NAME'"));
        }
        return prepare(root, file, descriptor.toAbsolutePath().getParent(), overrides, progress);
    }

    /** Prepares a descriptor already read (a study's variant), with overrides applied over it. */
    public Prepared prepare(Node root, String file, Path baseDir, List<String> overrides, Consumer<String> progress)
            throws DescriptorException {
        Overrides.apply(root, overrides);
        // version pins (use: vgg@[1.2,2), requires:) choose among the installed versions before anything is checked
        VersionPins pins = VersionPins.extract(root, file);
        ComponentLookup lookup = components;
        if (!pins.isEmpty() && components instanceof ComponentRegistry registry) {
            lookup = pins.apply(registry, installedBundles != null ? installedBundles
                    : bsn -> registry.all().stream().filter(i -> i.bundle().equals(bsn)).map(i -> i.version()).distinct().toList());
        }
        Experiment exp = new DescriptorChecker(lookup, baseDir).check(root, file);
        return new Preparation(lookup, installedBundles).prepare(exp, root, baseDir, progress);
    }

    /** Prepares an already checked experiment (a run's resolved descriptor). */
    public Prepared prepare(Experiment exp, Node root, Path baseDir, Consumer<String> progress) throws DescriptorException {
        Problems problems = new Problems(exp.file());
        Reader reader = (Reader) components.find(Role.READER, exp.data().reader().use()).orElseThrow();
        Dataset ds;
        try {
            ds = reader.open(dataContext(exp, progress), new Params(exp.data().reader().with(), baseDir));
        } catch (DataException e) {
            Node data = root.get("data");
            Node at = data == null ? root : data.get("with") != null ? data.get("with") : data;
            problems.at(at, "data", "data: " + e.getMessage());
            problems.throwIfAny();
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            problems.at(root.get("data"), "data", "reader '" + exp.data().reader().use() + "' failed to open its data: " + e);
            problems.throwIfAny();
            throw e;
        }
        boolean ok = false;
        try {
            if (!exp.data().transforms().isEmpty()) {
                ds = transformed(exp, root, baseDir, ds, problems, progress);
            }
            Prepared p = check(exp, root, baseDir, ds, problems);
            ok = true;
            return p;
        } finally {
            if (!ok) {
                ds.close();
            }
        }
    }

    /** Wraps the reader's dataset in the descriptor's transforms (values are computed on first use). */
    private Dataset transformed(Experiment exp, Node root, Path baseDir, Dataset ds, Problems problems, Consumer<String> progress)
            throws DescriptorException {
        List<TransformedDataset.Step> steps = new ArrayList<>();
        for (Experiment.Step st : exp.data().transforms()) {
            String name = st.transform().use();
            Transform t = (Transform) components.find(Role.TRANSFORM, name).orElseThrow();
            String cacheId = name + "@" + components.version(Role.TRANSFORM, name) + " " + new TreeMap<>(st.transform().with());
            steps.add(new TransformedDataset.Step(name, t, new Params(st.transform().with(), baseDir), st.on(), st.as(), cacheId));
        }
        String readerKey = exp.data().reader().use() + "@" + components.version(Role.READER, exp.data().reader().use()) + " "
                + new TreeMap<>(exp.data().reader().with()) + " seed " + exp.seed();
        Node data = root.get("data");
        Node at = data == null ? root : data.get("transforms") != null ? data.get("transforms") : data;
        try {
            long n = ds.size();
            long[] train = n < 0 ? new long[0]
                    : SplitData.assign(ds, exp.data().split(), exp.seed()).getOrDefault("train", new long[0]);
            return new TransformedDataset(ds, steps, readerKey, train, cacheRoot().resolve("transforms"),
                    Runtime.getRuntime().availableProcessors(), progress);
        } catch (DataException e) {
            problems.at(at, "data.transforms", "data.transforms: " + e.getMessage());
            problems.throwIfAny();
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            problems.at(at, "data.transforms", "data.transforms: a transform failed to open: " + e);
            problems.throwIfAny();
            throw e;
        }
    }

    /** Where readers and transforms cache derived data: the system property xmodal.cache, else ~/.cache/xmodal. */
    static Path cacheRoot() {
        String p = System.getProperty("xmodal.cache");
        return p != null && !p.isBlank() ? Path.of(p) : Path.of(System.getProperty("user.home"), ".cache", "xmodal");
    }

    private Prepared check(Experiment exp, Node root, Path baseDir, Dataset ds, Problems problems) throws DescriptorException {
        Map<String, Signature> modalities = ds.modalities();
        Node model = root.get("model");
        Signature input = modality(modalities, exp.model().input(), model, "input", exp, problems);
        Signature target = modality(modalities, exp.model().target(), model, "target", exp, problems);
        Objective objective = (Objective) components.find(Role.OBJECTIVE, exp.train().objective().use()).orElseThrow();
        Map<String, Role> roles = new LinkedHashMap<>();
        for (Slot s : objective.slots()) {
            roles.put(s.name(), s.role());
        }
        SlotBlocks blocks = new SlotBlocks(exp.model(), components, roles, baseDir);
        Params objectiveParams = new Params(exp.train().objective().with(), baseDir);

        if (!exp.train().optimizers().isEmpty()) {
            List<String> groups = objective.groups(objectiveParams);
            Node perGroup = root.get("train") == null ? null : root.get("train").get("optimizers");
            for (String g : exp.train().optimizers().keySet()) {
                if (!groups.contains(g)) {
                    String msg = "objective '" + exp.train().objective().use() + "' has no optimizer group '" + g + "';"
                            + Suggest.didYouMean(g, groups) + " (its groups: " + String.join(", ", groups) + ")";
                    if (perGroup != null && perGroup.isMap()) {
                        problems.atKey(perGroup, g, "train.optimizers." + g, msg);
                    } else {
                        problems.at(perGroup, "train.optimizers." + g, msg);
                    }
                }
            }
        }

        List<String> metricNames = new ArrayList<>(exp.metrics());
        if (metricNames.isEmpty() && target != null && objective.embeds()) {
            metricNames.addAll(RetrievalRun.DEFAULT_METRICS);
            metricNames.removeIf(m -> components.find(Role.METRIC, m).isEmpty());
        } else if (metricNames.isEmpty() && target != null) {
            metricNames.addAll(target.modality() == Modality.LABEL ? List.of("accuracy", "macro-f1") : List.of("mse", "mae", "r2", "pearson"));
            metricNames.removeIf(m -> components.find(Role.METRIC, m).isEmpty());
        }
        Map<String, Metric> metrics = new LinkedHashMap<>();
        Map<String, RetrievalMetric> retrieval = new LinkedHashMap<>();
        for (String m : List.copyOf(metricNames)) {
            io.xmodal.api.Component found = components.find(Role.METRIC, m).orElseThrow();
            if (found instanceof RetrievalMetric rm) {
                if (!objective.embeds()) {
                    problems.at(root.get("evaluate"), "evaluate", "metric '" + m + "' scores retrieval between embeddings; objective '"
                            + exp.train().objective().use() + "' embeds nothing (use objective: contrastive)");
                }
                retrieval.put(m, rm);
                metricNames.remove(m); // scored on the embeddings of whole splits, not on predictions
                continue;
            }
            Metric metric = (Metric) found;
            if (objective.embeds()) {
                problems.at(root.get("evaluate"), "evaluate", "metric '" + m + "' scores predictions, but objective '"
                        + exp.train().objective().use() + "' embeds input and target; use retrieval metrics such as "
                        + String.join(", ", RetrievalRun.DEFAULT_METRICS));
                continue;
            }
            if (target != null && !metric.spec().admits(target)) {
                problems.at(root.get("evaluate"), "evaluate", "metric '" + m + "' does not apply to the target " + target
                        + "; it scores " + metric.spec().accepts().stream().map(Modality::id).sorted().toList());
            }
            metrics.put(m, metric);
        }
        if (exp.train().earlyStop() != null) {
            String w = exp.train().earlyStop().metric();
            List<String> watchable = new ArrayList<>(List.of("val.loss"));
            metricNames.forEach(m -> watchable.add("val." + m));
            if (objective.embeds() && input != null && target != null) {
                watchable.addAll(RetrievalRun.watchable(retrieval, exp.model().input(), exp.model().target()).keySet());
            }
            Node es = root.get("train") == null ? null : root.get("train").get("early-stop");
            if (!watchable.contains(w)) {
                problems.at(es == null ? null : es.get("metric"), "train.early-stop.metric", "cannot watch '" + w + "';"
                        + Suggest.didYouMean(w, watchable) + " (watchable: " + String.join(", ", watchable) + ")");
            }
            if (!exp.data().split().containsKey("val") || exp.data().split().get("val") <= 0) {
                problems.at(es, "train.early-stop", "early stopping needs a validation split; add val to data.split, e.g. {train: 0.8, val: 0.1, test: 0.1}");
            }
        }
        if (input != null && target != null && problems.isEmpty()) {
            List<io.xmodal.api.ComponentSpec> transformSpecs = new ArrayList<>();
            for (String t : components.names(Role.TRANSFORM)) {
                components.find(Role.TRANSFORM, t).ifPresent(c -> transformSpecs.add(c.spec()));
            }
            String labels = Prepared.labelsModality(objective, objectiveParams, modalities);
            ShapeCheck shapes = new ShapeCheck(input, target, blocks, transformSpecs).withLabels(labels == null ? null : modalities.get(labels));
            try {
                objective.check(shapes, objectiveParams);
            } catch (IncompatibleInputException e) {
                String slot = shapes.lastSlot();
                Node at = model == null ? root : slot != null && model.get(slot) != null ? model.get(slot) : model;
                String path = slot == null ? "model" : "model." + slot;
                if (at.isList() && shapes.lastIndex() >= 0 && shapes.lastIndex() < at.items().size()) {
                    at = at.items().get(shapes.lastIndex()); // the block of the chain that refused its input
                    path += "[" + shapes.lastIndex() + "]";
                }
                problems.at(at, path, path + ": " + e.getMessage());
            }
        }
        ScoringPlan scoring = null;
        if (objective.generates() && problems.isEmpty()) {
            // the generated samples are scored by a classifier of their class (docs/generative.md)
            ScoringSetup.Result r = ScoringSetup.resolve(exp, root, modalities, target, objective, objectiveParams, components, baseDir, problems);
            exp = r.experiment();
            scoring = r.plan();
        }
        problems.throwIfAny();
        return new Prepared(exp, baseDir, ds, input, target, objective, objectiveParams, blocks, metrics, retrieval, scoring);
    }

    private static Signature modality(Map<String, Signature> modalities, String name, Node model, String key, Experiment exp,
                                      Problems problems) {
        Signature s = name == null ? null : modalities.get(name);
        if (s == null && name != null) {
            problems.at(model == null ? null : model.get(key), "model." + key, "reader '" + exp.data().reader().use() + "' has no modality '"
                    + name + "';" + Suggest.didYouMean(name, modalities.keySet()) + " (it gives: " + describe(modalities) + ")");
        }
        return s;
    }

    private static String describe(Map<String, Signature> m) {
        List<String> out = new ArrayList<>();
        m.forEach((k, v) -> out.add(k + " " + v));
        return String.join(", ", out);
    }

    private static DataContext dataContext(Experiment exp, Consumer<String> progress) {
        Path cache = cacheRoot().resolve(exp.data().reader().use());
        return new DataContext() {
            @Override
            public long seed() {
                return exp.seed();
            }

            @Override
            public Path cacheDir() {
                return cache;
            }

            @Override
            public Consumer<String> progress() {
                return progress;
            }
        };
    }
}
