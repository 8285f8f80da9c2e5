package io.xmodal.engine.internal.report;

import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.api.runtime.Problem;
import io.xmodal.engine.internal.store.RunDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The runs a report covers, read from study directories ({@code study.json} and its {@code runs/})
 * and run directories ({@code metrics.json}; a folder of run directories also counts). A study's run
 * is described by the values its variant sets; a lone run by its resolved {@code descriptor.yaml},
 * flattened to dotted paths.
 */
public final class Sources {
    private final List<Path> dirs;
    private final List<RunRecord> runs;

    private Sources(List<Path> dirs, List<RunRecord> runs) {
        this.dirs = dirs;
        this.runs = runs;
    }

    /** Reads every directory; unchecked, for a study's own report (its directory is known to be one). */
    public static Sources load(List<Path> dirs) {
        try {
            return read(dirs);
        } catch (DescriptorException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public static Sources read(List<Path> dirs) throws DescriptorException {
        List<RunRecord> runs = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<Path> abs = new ArrayList<>();
        boolean several = dirs.size() > 1;
        for (Path d : dirs) {
            Path dir = d.toAbsolutePath().normalize();
            abs.add(dir);
            try {
                if (Files.isRegularFile(dir.resolve("study.json"))) {
                    runs.addAll(study(dir, several));
                } else if (Files.isRegularFile(dir.resolve("metrics.json"))) {
                    runs.add(run(dir, dir.getFileName().toString()));
                } else if (Files.isDirectory(dir) && !runDirsIn(dir).isEmpty()) {
                    for (Path r : runDirsIn(dir)) {
                        runs.add(run(r, dir.getFileName() + "/" + r.getFileName()));
                    }
                } else {
                    problems.add(new Problem(d.toString(), 0, 0, "", Files.isDirectory(dir)
                            ? "neither a study directory (study.json) nor a run directory (metrics.json); give the folder "
                            + "'xmodal study' or 'xmodal run' wrote"
                            : "no such directory"));
                }
            } catch (IOException e) {
                problems.add(new Problem(d.toString(), 0, 0, "", "cannot read: " + e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new DescriptorException(problems);
        }
        if (runs.isEmpty()) {
            throw new DescriptorException(new Problem(String.valueOf(dirs), 0, 0, "", "no runs found"));
        }
        return new Sources(List.copyOf(abs), List.copyOf(runs));
    }

    public List<Path> dirs() {
        return dirs;
    }

    public List<RunRecord> runs() {
        return runs;
    }

    private static List<Path> runDirsIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("metrics.json"))).sorted().toList();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<RunRecord> study(Path dir, boolean several) throws IOException {
        Map<String, Object> json = RunDirectory.open(dir).readJson("study.json");
        List<RunRecord> out = new ArrayList<>();
        String prefix = several ? dir.getFileName().toString() + ": " : "";
        for (Object o : (List<Object>) json.getOrDefault("runs", List.of())) {
            Map<String, Object> r = (Map<String, Object>) o;
            Path runDir = dir.resolve("runs").resolve(String.valueOf(r.get("dir")));
            Map<String, String> params = new LinkedHashMap<>();
            if (several) {
                params.put("study", dir.getFileName().toString());
            }
            ((Map<String, Object>) r.getOrDefault("settings", Map.of())).forEach((k, v) -> params.put(k, String.valueOf(v)));
            long seed = r.get("seed") instanceof Number n ? n.longValue() : 0;
            params.put("seed", Long.toString(seed));
            Map<String, Object> metrics = readMetrics(runDir);
            String status = metrics != null ? String.valueOf(metrics.get("status")) : String.valueOf(r.getOrDefault("status", "pending"));
            if (metrics == null && "running".equals(status)) {
                status = "cut off";
            }
            Object error = metrics != null ? metrics.get("error") : r.get("error");
            out.add(new RunRecord(prefix + r.get("name"), runDir, params, seed, status, error == null ? null : error.toString(),
                    test(metrics), baselines(metrics), seconds(metrics)));
        }
        return out;
    }

    private static RunRecord run(Path dir, String name) throws IOException {
        Map<String, Object> metrics = readMetrics(dir);
        Map<String, String> params = new LinkedHashMap<>();
        Path descriptor = dir.resolve("descriptor.yaml");
        if (Files.isRegularFile(descriptor)) {
            flatten("", RunDirectory.YAML.readValue(descriptor.toFile(), Object.class), params);
        }
        long seed;
        try {
            seed = Long.parseLong(params.getOrDefault("seed", "0"));
        } catch (NumberFormatException e) {
            seed = 0;
        }
        Object error = metrics == null ? null : metrics.get("error");
        return new RunRecord(name, dir, params, seed, metrics == null ? "cut off" : String.valueOf(metrics.get("status")),
                error == null ? null : error.toString(), test(metrics), baselines(metrics), seconds(metrics));
    }

    /** Dotted paths to values; a list is one value in flow style. */
    @SuppressWarnings("unchecked")
    static void flatten(String prefix, Object v, Map<String, String> out) {
        if (v instanceof Map<?, ?> m && !m.isEmpty()) {
            ((Map<String, Object>) m).forEach((k, x) -> flatten(prefix.isEmpty() ? k : prefix + "." + k, x, out));
        } else if (!prefix.isEmpty()) {
            out.put(prefix, flow(v));
        }
    }

    private static String flow(Object v) {
        if (v instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            l.forEach(x -> parts.add(flow(x)));
            return "[" + String.join(", ", parts) + "]";
        }
        if (v instanceof Map<?, ?> m) {
            List<String> parts = new ArrayList<>();
            m.forEach((k, x) -> parts.add(k + ": " + flow(x)));
            return "{" + String.join(", ", parts) + "}";
        }
        return String.valueOf(v);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readMetrics(Path runDir) {
        Path f = runDir.resolve("metrics.json");
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            return RunDirectory.JSON.readValue(f.toFile(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Double> numbers(Object o) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (v instanceof Number n) {
                    out.put(String.valueOf(k), n.doubleValue());
                }
            });
        }
        return out;
    }

    /** The test metrics, then a generating run's scoring figures as {@code generative.*} ({@link GenerativeFigures}). */
    private static Map<String, Double> test(Map<String, Object> metrics) {
        Map<String, Double> out = numbers(metrics == null ? null : metrics.get("test"));
        if (metrics != null) {
            out.putAll(GenerativeFigures.metrics(metrics.get("generative")));
        }
        return out;
    }

    /** The baselines, and a generating run's chance as the {@code majority} baseline of its classifier accuracies. */
    private static Map<String, Map<String, Double>> baselines(Map<String, Object> metrics) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        if (metrics != null && metrics.get("baselines") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), numbers(v)));
        }
        if (metrics != null) {
            Map<String, Double> majority = GenerativeFigures.majority(metrics.get("generative"));
            if (!majority.isEmpty()) {
                out.computeIfAbsent(GenerativeFigures.MAJORITY, k -> new LinkedHashMap<>()).putAll(majority);
            }
        }
        return out;
    }

    private static double seconds(Map<String, Object> metrics) {
        return metrics != null && metrics.get("train_seconds") instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
