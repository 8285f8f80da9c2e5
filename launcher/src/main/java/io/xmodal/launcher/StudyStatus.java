package io.xmodal.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * {@code study status DIR} (in the shell): what a study directory's {@code study.json} says, while the
 * study runs (it is rewritten whenever a run starts, advances or ends) or after: every run with its
 * status, the counts, and the best finished run so far by the study's first metric (the first of
 * {@code evaluate:}; its direction from {@code higher_is_better}).
 */
final class StudyStatus {
    /** study.json that cannot be used; the message names the file and what is wrong. */
    static final class StatusException extends Exception {
        private static final long serialVersionUID = 1L;

        StatusException(String message) {
            super(message);
        }
    }

    private StudyStatus() {
    }

    /** The text printed for the study directory {@code dir}. */
    static String text(Path dir) throws StatusException {
        Path file = dir.resolve("study.json");
        if (!Files.isRegularFile(file)) {
            throw new StatusException(file + " does not exist: " + (Files.isDirectory(dir)
                    ? dir + " is not a study directory (xmodal study FILE --out DIR makes one)"
                    : "no folder " + dir));
        }
        Map<String, Object> study;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(64 * 1024 * 1024);
            Object loaded = new Yaml(options).load(Files.readString(file, StandardCharsets.UTF_8)); // JSON is YAML
            if (!(loaded instanceof Map<?, ?>)) {
                throw new StatusException(file + ": not a study record (expected a JSON object)");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) loaded;
            study = m;
        } catch (IOException | YAMLException e) {
            throw new StatusException(file + ": cannot be read: " + e.getMessage());
        }
        if (!(study.get("runs") instanceof List<?> runs)) {
            throw new StatusException(file + ": has no 'runs' list; is it a study.json written by xmodal study?");
        }
        String metric = null;
        boolean higher = true;
        if (study.get("higher_is_better") instanceof Map<?, ?> dirs && !dirs.isEmpty()) {
            Map.Entry<?, ?> first = dirs.entrySet().iterator().next();
            metric = String.valueOf(first.getKey());
            higher = "higher".equals(String.valueOf(first.getValue()));
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        Map<?, ?> best = null;
        double bestValue = Double.NaN;
        for (Object o : runs) {
            if (!(o instanceof Map<?, ?> run)) {
                continue;
            }
            String status = String.valueOf(run.get("status"));
            counts.merge(status, 1, Integer::sum);
            Double value = metric == null ? null : testValue(run, metric);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %3s %-8s %s", run.get("index"), status, run.get("name")));
            if (value != null) {
                line.append(String.format(Locale.ROOT, " | %s %.4f", metric, value));
            }
            if (run.get("seconds") instanceof Number n) {
                line.append(String.format(Locale.ROOT, " | %.1f s", n.doubleValue()));
            }
            if ("failed".equals(status) && run.get("error") != null) {
                line.append(" | ").append(run.get("error"));
            }
            lines.add(line.toString());
            if ("ok".equals(status) && value != null && !value.isNaN()
                    && (best == null || (higher ? value > bestValue : value < bestValue))) {
                best = run;
                bestValue = value;
            }
        }
        int variants = runs.stream().filter(o -> o instanceof Map<?, ?>).map(o -> ((Map<?, ?>) o).get("variant"))
                .distinct().toList().size();
        StringBuilder b = new StringBuilder();
        b.append("study ").append(study.get("experiment")).append(" (").append(study.get("study")).append(")\n");
        b.append(String.format(Locale.ROOT, "%d runs (%d variants%s): ", runs.size(), variants,
                study.get("seeds") instanceof List<?> seeds && seeds.size() > 1 ? " x " + seeds.size() + " seeds" : ""));
        List<String> parts = new ArrayList<>();
        for (String s : List.of("ok", "failed", "running", "pending")) {
            if (counts.containsKey(s)) {
                parts.add(counts.remove(s) + " " + s);
            }
        }
        counts.forEach((s, n) -> parts.add(n + " " + s));
        b.append(String.join(", ", parts)).append("; updated ").append(study.get("updated")).append('\n');
        if (best != null) {
            b.append(String.format(Locale.ROOT, "best so far (%s, %s is better): run %s %s, %s %.4f%n", metric,
                    higher ? "higher" : "lower", best.get("index"), best.get("name"), metric, bestValue));
        } else {
            b.append("best so far: none (no run has finished with ").append(metric == null ? "a metric" : metric).append(")\n");
        }
        lines.forEach(l -> b.append(l).append('\n'));
        return b.toString().stripTrailing();
    }

    private static Double testValue(Map<?, ?> run, String metric) {
        if (run.get("test") instanceof Map<?, ?> test && test.get(metric) instanceof Number n) {
            return n.doubleValue();
        }
        return null;
    }
}
