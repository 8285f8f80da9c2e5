package io.xmodal.launcher;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The features found in the distribution, put in install order: a feature comes after those it
 * requires. A feature whose requirement is absent, or that takes part in a cycle, is left out and
 * reported.
 */
final class FeatureSet {
    private final List<Feature> features;

    FeatureSet(List<Feature> features) {
        this.features = List.copyOf(features);
    }

    /** The highest version of {@code ref.name()} inside {@code ref.range()}. */
    Optional<Feature> find(Feature.Ref ref) {
        return features.stream().filter(f -> ref.matches(f.name(), f.version()))
                .max(Comparator.comparing(Feature::version));
    }

    /**
     * Every feature in install order.
     *
     * @param problems receives one line per feature left out
     */
    List<Feature> installOrder(List<String> problems) {
        return installOrder(features, problems);
    }

    /**
     * Some features (those a descriptor names) and every feature they require, in install order.
     *
     * @param roots    features of this set
     * @param problems receives one line per feature left out
     */
    List<Feature> installOrder(List<Feature> roots, List<String> problems) {
        Set<Feature> ordered = new LinkedHashSet<>();
        Set<Feature> failed = new LinkedHashSet<>();
        for (Feature f : roots) {
            visit(f, ordered, failed, new ArrayList<>(), problems);
        }
        return List.copyOf(ordered);
    }

    /** Every feature of the set, in the order given. */
    List<Feature> all() {
        return features;
    }

    private boolean visit(Feature f, Set<Feature> ordered, Set<Feature> failed, List<Feature> path, List<String> problems) {
        if (ordered.contains(f)) {
            return true;
        }
        if (failed.contains(f)) {
            return false;
        }
        if (path.contains(f)) {
            problems.add("feature " + f + " (" + f.source().getFileName() + ") not installed: requirement cycle "
                    + String.join(" -> ", path.subList(path.indexOf(f), path.size()).stream().map(Feature::name).toList())
                    + " -> " + f.name());
            failed.add(f);
            return false;
        }
        path.add(f);
        for (Feature.Ref req : f.requires()) {
            Optional<Feature> dep = find(req);
            if (dep.isEmpty()) {
                problems.add("feature " + f + " (" + f.source().getFileName() + ") not installed: it requires feature "
                        + req + ", which is not in features/");
                failed.add(f);
                path.remove(f);
                return false;
            }
            if (!visit(dep.get(), ordered, failed, path, problems)) {
                if (failed.add(f)) {
                    problems.add("feature " + f + " not installed: its required feature " + dep.get() + " was not installed");
                }
                path.remove(f);
                return false;
            }
        }
        path.remove(f);
        ordered.add(f);
        return true;
    }
}
