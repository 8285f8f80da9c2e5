package io.xmodal.engine.internal.study;

import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.engine.internal.descriptor.Node;
import io.xmodal.engine.internal.descriptor.Problems;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A study: an experiment descriptor plus {@code vary:} (dotted path to a list of values, crossed into
 * a matrix in the order the file gives the paths, the last path changing fastest), {@code exclude:}
 * (partial assignments whose matching combinations are dropped), {@code include:} (assignments added
 * after the matrix) and {@code seeds:} (every variant once per seed). Runs are ordered seed by seed,
 * so that after the first pass over the variants there is already one complete comparison.
 *
 * <p>Values keep the line and column they have in the file: a variant's descriptor is the base with
 * those very nodes set at their paths, so a bad value is reported where it is written.
 */
public final class StudyFile {
    /** The keys that make a descriptor a study. */
    public static final List<String> KEYS = List.of("vary", "include", "exclude", "seeds");

    /** One value set at a dotted path. */
    public record Setting(String path, Node value) {
        public String text() {
            return value.flow();
        }
    }

    /**
     * One run of the study.
     *
     * @param index    1-based position in the run order
     * @param variant  1-based index of the variant (the combination of values, seeds aside)
     * @param label    the variant's readable name, e.g. {@code model.decoder.use=gru, train.epochs=3}
     * @param settings the values this variant sets
     * @param seed     the seed, or null when the study has no {@code seeds:}
     */
    public record Run(int index, int variant, String label, List<Setting> settings, Long seed) {
        /** The run's name: the variant's label and its seed; {@code study.json} and {@code --variant} use it. */
        public String name() {
            return seed == null ? label : label.isEmpty() ? "seed=" + seed : label + ", seed=" + seed;
        }

        /** A stable folder name: the run index, then the values in a shortened, file-name-safe form. */
        public String dirName(int width) {
            StringBuilder b = new StringBuilder();
            for (Setting s : settings) {
                b.append(b.length() > 0 ? "_" : "").append(shortPath(s.path())).append('-').append(compact(s.value()));
            }
            if (seed != null) {
                b.append(b.length() > 0 ? "_" : "").append("seed-").append(seed);
            }
            String slug = b.toString().replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("-{2,}", "-")
                    .replaceAll("-?_-?", "_").replaceAll("^[-_]+|[-_]+$", "");
            if (slug.length() > 80) {
                slug = slug.substring(0, 80).replaceAll("-$", "");
            }
            String index = String.format("%0" + width + "d", this.index);
            return slug.isEmpty() ? index : index + "-" + slug;
        }
    }

    private final Node base;
    private final List<String> varied;
    private final List<Long> seeds;
    private final List<Run> runs;

    private StudyFile(Node base, List<String> varied, List<Long> seeds, List<Run> runs) {
        this.base = base;
        this.varied = varied;
        this.seeds = seeds;
        this.runs = runs;
    }

    /** True when the descriptor has any of the study keys. */
    public static boolean isStudy(Node root) {
        return KEYS.stream().anyMatch(k -> root.get(k) != null);
    }

    /** Reads the study keys of a descriptor; every problem is collected before throwing. */
    public static StudyFile parse(Node root, String file) throws DescriptorException {
        Problems problems = new Problems(file);
        Map<String, List<Node>> vary = vary(root.get("vary"), problems);
        List<Long> seeds = seeds(root.get("seeds"), vary, problems);
        List<Map<String, Node>> exclude = assignments(root.get("exclude"), "exclude", problems);
        List<Map<String, Node>> include = assignments(root.get("include"), "include", problems);
        problems.throwIfAny();

        for (int i = 0; i < exclude.size(); i++) {
            for (Map.Entry<String, Node> e : exclude.get(i).entrySet()) {
                List<Node> values = vary.get(e.getKey());
                if (values == null) {
                    problems.at(e.getValue(), "exclude", "exclude entry " + (i + 1) + " names '" + e.getKey()
                            + "', which is not under vary:" + (vary.isEmpty() ? "" : " (varied: " + String.join(", ", vary.keySet()) + ")"));
                } else if (values.stream().noneMatch(v -> same(v, e.getValue()))) {
                    problems.at(e.getValue(), "exclude", "exclude entry " + (i + 1) + ": " + e.getKey() + "=" + e.getValue().flow()
                            + " is not one of the values under vary: " + flows(values));
                }
            }
        }
        problems.throwIfAny();

        List<List<Setting>> combos = new ArrayList<>();
        cross(new ArrayList<>(vary.entrySet()), 0, new ArrayList<>(), combos);
        combos.removeIf(c -> exclude.stream().anyMatch(x -> matches(c, x)));
        if (!exclude.isEmpty() && vary.isEmpty()) {
            problems.at(root.get("exclude"), "exclude", "exclude: needs vary: to exclude from; remove it or add vary:");
        }
        Set<String> varied = new LinkedHashSet<>(vary.keySet());
        for (int i = 0; i < include.size(); i++) {
            List<Setting> c = new ArrayList<>();
            include.get(i).forEach((k, v) -> c.add(new Setting(k, v)));
            varied.addAll(include.get(i).keySet());
            for (List<Setting> other : combos) {
                if (key(other).equals(key(c))) {
                    problems.at(root.get("include").items().get(i), "include", "include entry " + (i + 1)
                            + " repeats a variant the vary: matrix already has (" + label(c) + "); remove it");
                }
            }
            combos.add(c);
        }
        if (vary.isEmpty() && include.isEmpty()) {
            combos.add(List.of());
        }
        if (combos.isEmpty()) {
            problems.at(root.get("exclude"), "exclude", "exclude: removes every combination of vary:; nothing is left to run");
        }
        problems.throwIfAny();

        List<Run> runs = new ArrayList<>();
        List<Long> seedList = seeds.isEmpty() ? Arrays.asList((Long) null) : seeds;
        for (Long seed : seedList) {
            for (int v = 0; v < combos.size(); v++) {
                runs.add(new Run(runs.size() + 1, v + 1, label(combos.get(v)), List.copyOf(combos.get(v)), seed));
            }
        }
        return new StudyFile(root.copyWithout(KEYS), List.copyOf(varied), List.copyOf(seeds), List.copyOf(runs));
    }

    /** The descriptor without the study keys. */
    public Node base() {
        return base;
    }

    /** Every path a variant sets, in file order ({@code vary:} first, then paths only {@code include:} names). */
    public List<String> varied() {
        return varied;
    }

    /** The seeds, empty when the study has none (each variant then runs once with the descriptor's seed). */
    public List<Long> seeds() {
        return seeds;
    }

    /** The runs in execution order. */
    public List<Run> runs() {
        return runs;
    }

    /** Digits of the run numbers in folder names (at least 2). */
    public int indexWidth() {
        return Math.max(2, Integer.toString(runs.size()).length());
    }

    /** The variant count (runs per seed). */
    public int variants() {
        return runs.isEmpty() ? 0 : runs.get(runs.size() - 1).variant();
    }

    /** The run with this name, or with this 1-based index; null when there is none. */
    public Run find(String nameOrIndex) {
        for (Run r : runs) {
            if (r.name().equals(nameOrIndex) || r.dirName(indexWidth()).equals(nameOrIndex)) {
                return r;
            }
        }
        if (nameOrIndex.matches("\\d{1,9}")) {
            int i = Integer.parseInt(nameOrIndex);
            return i >= 1 && i <= runs.size() ? runs.get(i - 1) : null;
        }
        return null;
    }

    /** The run's descriptor: the base with the run's values (and seed) set, keeping their places in the file. */
    public Node descriptor(Run run) {
        Node root = base.copyWithout(List.of());
        for (Setting s : run.settings()) {
            root.set(Arrays.asList(s.path().split("\\.")), s.value().copyWithout(List.of()));
        }
        if (run.seed() != null) {
            root.set(List.of("seed"), Node.scalar(Long.toString(run.seed()), Node.ScalarType.INT, 0, 0));
        }
        return root;
    }

    /** A value for a folder name: a component map {use: dense, with: {steps: 16}} becomes dense-steps-16. */
    static String compact(Node v) {
        if (v.isMap()) {
            List<String> parts = new ArrayList<>();
            v.entries().forEach((k, x) -> parts.add(k.equals("use") || k.equals("with") ? compact(x) : k + "-" + compact(x)));
            return String.join("-", parts);
        }
        if (v.isList()) {
            List<String> parts = new ArrayList<>();
            v.items().forEach(x -> parts.add(compact(x)));
            return String.join("-", parts);
        }
        return v.flow();
    }

    /** {@code a.b.c} without the words that say little in a folder name: model., train., data., with. */
    static String shortPath(String path) {
        List<String> parts = new ArrayList<>(Arrays.asList(path.split("\\.")));
        if (parts.size() > 1 && List.of("model", "train", "data").contains(parts.get(0))) {
            parts.remove(0);
        }
        parts.removeIf(p -> p.equals("with") || p.equals("use"));
        return parts.isEmpty() ? path : String.join(".", parts);
    }

    private static String label(List<Setting> settings) {
        StringBuilder b = new StringBuilder();
        for (Setting s : settings) {
            b.append(b.length() > 0 ? ", " : "").append(s.path()).append('=').append(s.text());
        }
        return b.toString();
    }

    private static String key(List<Setting> c) {
        Map<String, String> m = new java.util.TreeMap<>();
        c.forEach(s -> m.put(s.path(), s.text()));
        return m.toString();
    }

    private static boolean matches(List<Setting> combo, Map<String, Node> partial) {
        for (Map.Entry<String, Node> e : partial.entrySet()) {
            boolean hit = combo.stream().anyMatch(s -> s.path().equals(e.getKey()) && same(s.value(), e.getValue()));
            if (!hit) {
                return false;
            }
        }
        return true;
    }

    private static boolean same(Node a, Node b) {
        return a.flow().equals(b.flow());
    }

    private static String flows(List<Node> values) {
        List<String> t = new ArrayList<>();
        values.forEach(v -> t.add(v.flow()));
        return String.join(", ", t);
    }

    private static void cross(List<Map.Entry<String, List<Node>>> axes, int i, List<Setting> prefix, List<List<Setting>> out) {
        if (axes.isEmpty()) {
            return;
        }
        if (i == axes.size()) {
            out.add(List.copyOf(prefix));
            return;
        }
        for (Node v : axes.get(i).getValue()) {
            prefix.add(new Setting(axes.get(i).getKey(), v));
            cross(axes, i + 1, prefix, out);
            prefix.remove(prefix.size() - 1);
        }
    }

    private static Map<String, List<Node>> vary(Node vary, Problems problems) {
        Map<String, List<Node>> out = new LinkedHashMap<>();
        if (vary == null || vary.isNull()) {
            return out;
        }
        if (!vary.isMap()) {
            problems.at(vary, "vary", "vary: must be a map of dotted paths to lists of values, e.g. "
                    + "{model.decoder.use: [gru, lstm], train.epochs: [3, 6]}");
            return out;
        }
        for (Map.Entry<String, Node> e : vary.entries().entrySet()) {
            String path = e.getKey();
            if (!validPath(path, problems, vary, "vary")) {
                continue;
            }
            Node list = e.getValue();
            if (!list.isList() || list.items().isEmpty()) {
                problems.at(list, "vary." + path, "vary." + path + ": give a non-empty list of values, e.g. [" + (list.isScalar()
                        && !list.isNull() ? list.text() + ", ..." : "a, b") + "]");
                continue;
            }
            Set<String> seen = new LinkedHashSet<>();
            for (Node v : list.items()) {
                if (!seen.add(v.flow())) {
                    problems.at(v, "vary." + path, "vary." + path + ": the value " + v.flow() + " appears twice; keep one");
                }
            }
            out.put(path, list.items());
        }
        return out;
    }

    private static boolean validPath(String path, Problems problems, Node map, String where) {
        if (!path.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*")) {
            problems.atKey(map, path, where, where + ": '" + path + "' is not a dotted path like model.decoder.use");
            return false;
        }
        String first = path.split("\\.")[0];
        if (KEYS.contains(first)) {
            problems.atKey(map, path, where, where + ": '" + path + "' sets a study key; a variant can only set experiment keys");
            return false;
        }
        return true;
    }

    private static List<Long> seeds(Node node, Map<String, List<Node>> vary, Problems problems) {
        List<Long> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isList() || node.items().isEmpty()) {
            problems.at(node, "seeds", "seeds: must be a non-empty list of whole numbers, e.g. [1, 2, 3]");
            return out;
        }
        for (Node s : node.items()) {
            long v;
            try {
                v = s.scalarType() == Node.ScalarType.INT ? Long.parseLong(s.text()) : -1;
            } catch (NumberFormatException e) {
                v = -1;
            }
            if (v < 0 || v > Integer.MAX_VALUE) {
                problems.at(s, "seeds", "seeds: " + s.flow() + " is not a whole number in 0.." + Integer.MAX_VALUE);
            } else if (out.contains(v)) {
                problems.at(s, "seeds", "seeds: " + v + " appears twice; keep one");
            } else {
                out.add(v);
            }
        }
        if (vary.containsKey("seed")) {
            problems.at(node, "seeds", "give the seeds either as seeds: or as vary: {seed: [...]}, not both");
        }
        return out;
    }

    private static List<Map<String, Node>> assignments(Node node, String key, Problems problems) {
        List<Map<String, Node>> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isList()) {
            problems.at(node, key, key + ": must be a list of maps of dotted paths to values, e.g. [{model.decoder.use: dense}]");
            return out;
        }
        for (Node entry : node.items()) {
            if (!entry.isMap() || entry.entries().isEmpty()) {
                problems.at(entry, key, key + ": each entry must be a map of dotted paths to values, e.g. {model.decoder.use: dense}");
                continue;
            }
            Map<String, Node> m = new LinkedHashMap<>();
            entry.entries().forEach((k, v) -> {
                if (validPath(k, problems, entry, key)) {
                    m.put(k, v);
                }
            });
            out.add(m);
        }
        return out;
    }
}
