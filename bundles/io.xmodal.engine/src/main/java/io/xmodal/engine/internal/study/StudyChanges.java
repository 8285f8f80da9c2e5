package io.xmodal.engine.internal.study;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a study directory may be resumed with a plan: the runs recorded in {@code study.json} and
 * their resolved descriptors (kept in {@code plan/}) against the plan's.
 */
final class StudyChanges {
    private StudyChanges() {
    }

    /** Run folders of the study directory whose metrics.json says ok. */
    static long finishedRuns(Path dir) throws IOException {
        Path runs = dir.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return 0;
        }
        try (var s = Files.list(runs)) {
            return s.map(StudyRunner::readMetrics).filter(m -> m != null && "ok".equals(m.get("status"))).count();
        }
    }

    /**
     * What differs between the study recorded in {@code dir/study.json} and this plan, one line per run;
     * empty when every run resolves to the same experiment as before.
     */
    @SuppressWarnings("unchecked")
    static List<String> between(Map<String, Object> recorded, StudyPlan plan, Path dir) throws IOException {
        Map<String, Map<String, Object>> old = new LinkedHashMap<>();
        for (Object o : (List<Object>) recorded.getOrDefault("runs", List.of())) {
            Map<String, Object> r = (Map<String, Object>) o;
            old.put(String.valueOf(r.get("name")), r);
        }
        List<String> out = new ArrayList<>();
        for (StudyPlan.Planned p : plan.runs()) {
            Map<String, Object> r = old.remove(p.run().name());
            if (r == null) {
                out.add("run '" + p.run().name() + "' is new");
            } else if (!p.sha256().equals(r.get("descriptor_sha256"))) {
                out.add("run '" + p.run().name() + "' resolves differently: " + firstDifference(
                        dir.resolve("plan").resolve(r.get("dir") + ".yaml"), p.resolved()));
            } else if (!p.dir().equals(r.get("dir"))) {
                out.add("run '" + p.run().name() + "' moved from runs/" + r.get("dir") + " to runs/" + p.dir());
            }
        }
        old.keySet().forEach(name -> out.add("run '" + name + "' is no longer in the study"));
        return out;
    }

    private static String firstDifference(Path oldFile, String now) throws IOException {
        if (!Files.isRegularFile(oldFile)) {
            return "(the recorded descriptor " + oldFile + " is missing)";
        }
        List<String> a = Files.readAllLines(oldFile, StandardCharsets.UTF_8);
        List<String> b = now.lines().toList();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            String x = i < a.size() ? a.get(i).strip() : "(end)";
            String y = i < b.size() ? b.get(i).strip() : "(end)";
            if (!x.equals(y)) {
                return "resolved descriptor line " + (i + 1) + " was '" + x + "', is now '" + y + "'";
            }
        }
        return "(only in formatting)";
    }
}
