package io.xmodal.engine.internal.study;

import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.api.runtime.Problem;
import io.xmodal.engine.internal.descriptor.DescriptorChecker;
import io.xmodal.engine.internal.descriptor.Experiment;
import io.xmodal.engine.internal.descriptor.Node;
import io.xmodal.engine.internal.descriptor.Overrides;
import io.xmodal.engine.internal.descriptor.YamlTree;
import io.xmodal.engine.internal.registry.ComponentLookup;
import io.xmodal.engine.internal.run.Preparation;
import io.xmodal.engine.internal.run.Prepared;
import io.xmodal.engine.internal.store.RunDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A study with every run checked and resolved: the first run of each variant is prepared as a run
 * would be (data opened, shapes checked), the others (other seeds) are checked against the schemas.
 * Problems are gathered over all runs and each names the variants it applies to.
 */
public final class StudyPlan {
    /**
     * One run, resolved.
     *
     * @param run        the run as the study file defines it
     * @param dir        its folder under {@code runs/}
     * @param experiment the checked experiment, every default filled in
     * @param resolved   the resolved descriptor as YAML (what the run's descriptor.yaml will hold)
     * @param sha256     the SHA-256 of {@code resolved}: a change means the run is not the same experiment
     */
    public record Planned(StudyFile.Run run, String dir, Experiment experiment, String resolved, String sha256) {
    }

    private final Path file;
    private final String fileSha256;
    private final StudyFile study;
    private final List<Planned> runs;

    private StudyPlan(Path file, String fileSha256, StudyFile study, List<Planned> runs) {
        this.file = file;
        this.fileSha256 = fileSha256;
        this.study = study;
        this.runs = runs;
    }

    /** Reads the study file; refuses a descriptor without study keys. */
    public static StudyFile read(Path file) throws DescriptorException {
        Node root = YamlTree.read(file);
        if (!StudyFile.isStudy(root)) {
            throw new DescriptorException(new Problem(file.toString(), root.line(), root.column(), "",
                    "not a study: it has none of " + String.join(", ", StudyFile.KEYS) + "; add vary: {path: [values]} "
                            + "or run it with 'xmodal run " + file + "'"));
        }
        return StudyFile.parse(root, file.toString());
    }

    /** Reads, expands and checks every run of a study. */
    public static StudyPlan make(Path file, List<String> overrides, ComponentLookup components) throws DescriptorException {
        StudyFile study = read(file);
        String name = file.toString();
        Path baseDir = file.toAbsolutePath().getParent();
        Preparation preparation = new Preparation(components);
        Map<String, Set<String>> problems = new LinkedHashMap<>();
        Map<String, Problem> firstOf = new LinkedHashMap<>();
        Set<Integer> prepared = new LinkedHashSet<>();
        List<Planned> runs = new ArrayList<>();
        for (StudyFile.Run run : study.runs()) {
            Node root = study.descriptor(run);
            try {
                Experiment exp;
                if (prepared.add(run.variant())) {
                    try (Prepared p = preparation.prepare(root, name, baseDir, overrides, line -> { })) {
                        exp = p.experiment();
                    }
                } else {
                    Overrides.apply(root, overrides);
                    exp = new DescriptorChecker(components, baseDir).check(root, name);
                }
                String yaml = RunDirectory.YAML.writeValueAsString(exp.toPlain());
                runs.add(new Planned(run, run.dirName(study.indexWidth()), exp, yaml, sha256(yaml.getBytes(StandardCharsets.UTF_8))));
            } catch (DescriptorException e) {
                for (Problem p : e.problems().isEmpty() ? List.of(new Problem(name, 0, 0, "", e.getMessage())) : e.problems()) {
                    String key = p.toString();
                    firstOf.putIfAbsent(key, p);
                    problems.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(run.label().isEmpty() ? "the base descriptor" : run.label());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!problems.isEmpty()) {
            int variants = study.variants();
            List<Problem> out = new ArrayList<>();
            problems.forEach((key, labels) -> {
                Problem p = firstOf.get(key);
                String who = labels.size() == variants && variants > 1 ? "every variant" : (labels.size() == 1 ? "variant " : "variants ")
                        + String.join(" | ", labels);
                out.add(new Problem(p.file(), p.line(), p.column(), p.path(), who + ": " + p.message()));
            });
            throw new DescriptorException(out);
        }
        return new StudyPlan(file, sha256(readBytes(file)), study, List.copyOf(runs));
    }

    public Path file() {
        return file;
    }

    public String fileSha256() {
        return fileSha256;
    }

    public StudyFile study() {
        return study;
    }

    public List<Planned> runs() {
        return runs;
    }

    /** The experiment's name (the base descriptor's). */
    public String experiment() {
        return runs.get(0).experiment().name();
    }

    /** {@code validate}'s answer: one line for the study, one per variant. */
    public String summary() {
        StringBuilder b = new StringBuilder();
        b.append("study ").append(experiment()).append(": ").append(runs.size()).append(runs.size() == 1 ? " run" : " runs")
                .append(" (").append(study.variants()).append(study.variants() == 1 ? " variant" : " variants");
        if (!study.seeds().isEmpty()) {
            b.append(" x ").append(study.seeds().size()).append(study.seeds().size() == 1 ? " seed" : " seeds");
        }
        b.append("), all valid");
        if (!study.varied().isEmpty()) {
            b.append("; varies ").append(String.join(", ", study.varied()));
        }
        for (Planned p : runs) {
            if (p.run().seed() == null || p.run().seed().equals(study.seeds().get(0))) {
                b.append("\n  ").append(p.run().variant()).append(". ").append(p.run().label().isEmpty() ? "(the base descriptor)" : p.run().label())
                        .append(": ").append(p.experiment().train().epochs()).append(" epochs");
            }
        }
        return b.toString();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
