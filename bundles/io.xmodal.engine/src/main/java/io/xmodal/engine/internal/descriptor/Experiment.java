package io.xmodal.engine.internal.descriptor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A checked descriptor with every default filled in. {@link #toPlain()} is what a run directory's
 * {@code descriptor.yaml} holds, and reading that file back gives the same experiment.
 */
public record Experiment(String name, String description, long seed, Data data, Model model, Train train,
                         List<String> metrics, int samples, String file, Scoring scoring) {

    /** An experiment without a {@code scoring:} section. */
    public Experiment(String name, String description, long seed, Data data, Model model, Train train,
                      List<String> metrics, int samples, String file) {
        this(name, description, seed, data, model, train, metrics, samples, file, null);
    }

    /** The same experiment with another {@code scoring:} section (the engine fills in the default classifier). */
    public Experiment withScoring(Scoring s) {
        return new Experiment(name, description, seed, data, model, train, metrics, samples, file, s);
    }

    /**
     * {@code scoring:}, how generated samples are scored (docs/generative.md): the classifier's encoder
     * (null: chosen by the target modality), the hidden width of its classification head, its training
     * (epochs, batch, Adam's learning rate), and the real and generated examples per class in the grid.
     */
    public record Scoring(Use classifier, int hidden, int epochs, int batch, double lr, int columns) {
        Map<String, Object> toPlain() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("classifier", classifier == null ? null : classifier.toPlain());
            m.put("hidden", hidden);
            m.put("epochs", epochs);
            m.put("batch", batch);
            m.put("lr", lr);
            m.put("columns", columns);
            return m;
        }
    }

    /** A component chosen by name with its resolved parameters. */
    public record Use(String use, Map<String, Object> with) {
        /** {@code {use: NAME, with: {...}}} with plain values (nested components are plain maps too). */
        public Map<String, Object> toPlain() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("use", use);
            m.put("with", new LinkedHashMap<>(with));
            return m;
        }
    }

    public record Data(Use reader, List<Step> transforms, Map<String, Double> split) {
    }

    /** One entry of {@code data.transforms}: a transform reading modality {@code on}, writing {@code as}. */
    public record Step(Use transform, String on, String as) {
        Object toPlain() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("use", transform.use());
            m.put("on", on);
            m.put("as", as);
            m.put("with", new LinkedHashMap<>(transform.with()));
            return m;
        }
    }

    /**
     * The model: the input and target modality names and, per objective slot, the block or the chain
     * of blocks (run in order) configured there.
     */
    public record Model(String input, String target, Map<String, List<Use>> slots, Map<String, Reuse> reuse) {
        public Model {
            reuse = Map.copyOf(reuse);
        }

        /** A model whose slots are all trained from scratch. */
        public Model(String input, String target, Map<String, List<Use>> slots) {
            this(input, target, slots, Map.of());
        }

        /** A model with one block per slot. */
        public static Model single(String input, String target, Map<String, Use> slots) {
            Map<String, List<Use>> m = new LinkedHashMap<>();
            slots.forEach((k, v) -> m.put(k, List.of(v)));
            return new Model(input, target, m);
        }

        /** True when no phase updates the parameters of {@code slot}. */
        public boolean frozen(String slot) {
            Reuse r = reuse.get(slot);
            return r != null && r.frozen();
        }
    }

    /**
     * How a slot starts and whether it trains: {@code frozen} keeps its parameters out of every phase;
     * {@code fromRun} (absolute, or null) is an earlier run directory whose slot {@code fromSlot} gives the
     * starting values.
     */
    public record Reuse(boolean frozen, String fromRun, String fromSlot) {
        Map<String, Object> toPlain(Map<String, Object> use) {
            Map<String, Object> m = new LinkedHashMap<>(use);
            if (fromRun != null) {
                Map<String, Object> from = new LinkedHashMap<>();
                from.put("run", fromRun);
                from.put("slot", fromSlot);
                m.put("from", from);
            }
            m.put("frozen", frozen);
            return m;
        }
    }

    /**
     * @param optimizers per optimizer group ({@code Phase.group}) the descriptor names in {@code train.optimizers};
     *                   a group not listed uses {@code optimizer}
     */
    public record Train(Use objective, Use optimizer, Map<String, Use> optimizers, int epochs, int batch, int evalBatch, EarlyStop earlyStop) {
        public Train {
            optimizers = Map.copyOf(optimizers);
        }

        public Train(Use objective, Use optimizer, int epochs, int batch, int evalBatch, EarlyStop earlyStop) {
            this(objective, optimizer, Map.of(), epochs, batch, evalBatch, earlyStop);
        }

        /** The optimizer of a group: its own from {@code train.optimizers}, else {@code train.optimizer}. */
        public Use optimizer(String group) {
            return optimizers.getOrDefault(group, optimizer);
        }
    }

    /** Stop when {@code metric} has not improved by {@code minDelta} for {@code patience} epochs; null when off. */
    public record EarlyStop(String metric, int patience, double minDelta) {
    }

    public Map<String, Object> toPlain() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("experiment", name);
        if (!description.isEmpty()) {
            m.put("description", description);
        }
        m.put("seed", seed);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("reader", data.reader().use());
        d.put("with", new LinkedHashMap<>(data.reader().with()));
        if (!data.transforms().isEmpty()) {
            List<Object> ts = new ArrayList<>();
            data.transforms().forEach(t -> ts.add(t.toPlain()));
            d.put("transforms", ts);
        }
        d.put("split", new LinkedHashMap<>(data.split()));
        m.put("data", d);
        Map<String, Object> mo = new LinkedHashMap<>();
        mo.put("input", model.input());
        mo.put("target", model.target());
        // a slot with one block is written as a map, a chain as a list
        model.slots().forEach((k, v) -> mo.put(k, v.size() == 1
                ? (model.reuse().containsKey(k) ? model.reuse().get(k).toPlain(v.get(0).toPlain()) : v.get(0).toPlain())
                : v.stream().map(Use::toPlain).toList()));
        m.put("model", mo);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("objective", train.objective().toPlain());
        t.put("optimizer", train.optimizer().toPlain());
        if (!train.optimizers().isEmpty()) {
            Map<String, Object> groups = new java.util.TreeMap<>();
            train.optimizers().forEach((g, u) -> groups.put(g, u.toPlain()));
            t.put("optimizers", groups);
        }
        t.put("epochs", train.epochs());
        t.put("batch", train.batch());
        t.put("eval-batch", train.evalBatch());
        if (train.earlyStop() != null) {
            Map<String, Object> es = new LinkedHashMap<>();
            es.put("metric", train.earlyStop().metric());
            es.put("patience", train.earlyStop().patience());
            es.put("min-delta", train.earlyStop().minDelta());
            t.put("early-stop", es);
        } else {
            t.put("early-stop", null);
        }
        m.put("train", t);
        m.put("evaluate", new ArrayList<>(metrics));
        m.put("samples", samples);
        if (scoring != null) {
            m.put("scoring", scoring.toPlain());
        }
        return m;
    }
}
