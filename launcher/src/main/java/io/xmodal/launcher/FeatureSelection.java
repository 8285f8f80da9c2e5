package io.xmodal.launcher;

import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.api.runtime.Problem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;

/**
 * The features a descriptor's {@code requires.features} chooses (see {@link FeatureRequest}): those it
 * names, feature {@code core}, and everything they require, in install order. An unknown feature, a
 * version range no feature file meets, a required feature that is missing, or (after install) a bundle
 * of a chosen feature that is missing or does not resolve or start is a descriptor problem: exit status
 * 2 before anything is trained, naming the feature and what it lacks.
 *
 * @param request the descriptor's request
 * @param chosen  the features to install, in install order
 * @param via     each chosen feature to the request item that brought it in (core: the first item)
 */
record FeatureSelection(FeatureRequest request, List<Feature> chosen, Map<Feature, FeatureRequest.Item> via) {

    /**
     * @throws DescriptorException naming every requested feature that cannot be chosen
     */
    static FeatureSelection choose(FeatureRequest request, FeatureSet features) throws DescriptorException {
        List<Problem> problems = new ArrayList<>();
        Map<Feature, FeatureRequest.Item> roots = new LinkedHashMap<>();
        String known = features.all().stream().sorted(Comparator.comparing(Feature::name).thenComparing(Feature::version))
                .map(Feature::toString).collect(Collectors.joining(", "));
        for (FeatureRequest.Item item : request.items()) {
            Optional<Feature> f = features.find(item.ref());
            if (f.isPresent()) {
                roots.putIfAbsent(f.get(), item);
                continue;
            }
            List<Feature> named = features.all().stream().filter(x -> x.name().equals(item.ref().name())).toList();
            problems.add(item.problem(request.file(), named.isEmpty()
                    ? "requires.features: unknown feature '" + item.ref().name() + "' (features: " + (known.isEmpty() ? "none" : known)
                        + "; xmodal features lists them)"
                    : "requires.features: no version of feature '" + item.ref().name() + "' is in " + item.ref().range()
                        + " (found: " + named.stream().map(x -> x.version().toString()).collect(Collectors.joining(", ")) + ")"));
        }
        FeatureRequest.Item first = request.items().isEmpty() ? new FeatureRequest.Item(
                new Feature.Ref(FeatureRequest.CORE, FeatureRequest.ANY), 0, 0) : request.items().get(0);
        Optional<Feature> core = features.find(new Feature.Ref(FeatureRequest.CORE, FeatureRequest.ANY));
        Map<Feature, FeatureRequest.Item> all = new LinkedHashMap<>();
        core.ifPresent(c -> all.put(c, roots.getOrDefault(c, first)));
        all.putAll(roots);
        Map<Feature, FeatureRequest.Item> via = new LinkedHashMap<>();
        List<Feature> chosen = new ArrayList<>();
        for (Map.Entry<Feature, FeatureRequest.Item> root : all.entrySet()) {
            List<String> lines = new ArrayList<>();
            List<Feature> order = features.installOrder(List.of(root.getKey()), lines);
            if (!lines.isEmpty()) {
                problems.add(root.getValue().problem(request.file(), "requires.features: " + String.join("; ", lines)));
                continue;
            }
            for (Feature f : order) {
                if (!chosen.contains(f)) {
                    chosen.add(f);
                    via.put(f, root.getValue());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new DescriptorException(problems);
        }
        return new FeatureSelection(request, List.copyOf(chosen), Map.copyOf(via));
    }

    /** Whether a feature of this name was chosen. */
    boolean includes(String name) {
        return chosen.stream().anyMatch(f -> f.name().equals(name));
    }

    /**
     * After install: every bundle of a chosen feature must be there and active.
     *
     * @param failures bundle symbolic name to why it is missing or not active ({@link FeatureInstaller.Report#failures()})
     * @throws DescriptorException one problem per chosen feature that cannot be used
     */
    void check(Map<String, String> failures) throws DescriptorException {
        List<Problem> problems = new ArrayList<>();
        for (Feature f : chosen) {
            List<String> lacks = new ArrayList<>();
            for (Feature.Ref ref : f.bundles()) {
                String why = failures.get(ref.name());
                if (why != null) {
                    lacks.add("bundle " + ref + ": " + why);
                }
            }
            if (!lacks.isEmpty()) {
                problems.add(via.get(f).problem(request.file(), "requires.features: feature " + f + " (" + f.source().getFileName()
                        + ") cannot be used: " + String.join("; ", lacks)));
            }
        }
        if (!problems.isEmpty()) {
            throw new DescriptorException(problems);
        }
    }

    /**
     * In a running framework (the shell, where every feature was installed at start): why each bundle of
     * a chosen feature is missing or not active, by symbolic name; empty when all are usable.
     */
    Map<String, String> liveFailures(BundleContext context, BundleCatalog catalog) {
        Map<String, String> inactive = new LinkedHashMap<>();
        for (Dropins.Inactive i : Dropins.inactive(context)) {
            inactive.putIfAbsent(i.symbolicName() + " " + i.version(), i.why());
        }
        Map<String, String> failures = new LinkedHashMap<>();
        for (Feature f : chosen) {
            for (Feature.Ref ref : f.bundles()) {
                Optional<BundleCatalog.Entry> entry = catalog.find(ref);
                if (entry.isEmpty()) {
                    String found = catalog.versionsOf(ref.name()).stream().map(Object::toString).collect(Collectors.joining(", "));
                    failures.put(ref.name(), "missing: not in bundles/" + (found.isEmpty() ? "" : " (found version " + found
                            + ", outside " + ref.range() + ")"));
                    continue;
                }
                Optional<Bundle> live = Arrays.stream(context.getBundles())
                        .filter(b -> ref.name().equals(b.getSymbolicName()) && ref.range().includes(b.getVersion()))
                        .findFirst();
                if (live.isEmpty()) {
                    failures.put(ref.name(), "not installed");
                } else if (live.get().getHeaders("").get(Constants.FRAGMENT_HOST) == null
                        && live.get().getState() != Bundle.ACTIVE && live.get().getState() != Bundle.STARTING) {
                    String key = live.get().getSymbolicName() + " " + live.get().getVersion();
                    failures.put(ref.name(), inactive.getOrDefault(key, "not active (" + EngineLocator.stateName(live.get().getState())
                            + ")"));
                }
            }
        }
        return failures;
    }

    /**
     * In a running framework (the shell): the descriptor's features must be among those installed and
     * their bundles active; nothing is installed or removed.
     *
     * @throws DescriptorException naming each feature that is unknown or cannot be used, and why
     */
    static void checkRunning(FeatureRequest request, Distribution dist, BundleContext context)
            throws DescriptorException, java.io.IOException {
        List<Feature> features = new ArrayList<>();
        for (java.nio.file.Path file : FeatureFile.list(dist.features())) {
            try {
                features.add(FeatureFile.read(file));
            } catch (FeatureFile.FeatureException e) {
                // reported at start and by xmodal features; here it is simply not a feature
            }
        }
        FeatureSelection selection = choose(request, new FeatureSet(features));
        selection.check(selection.liveFailures(context, BundleCatalog.scan(List.of(dist.bundles()), new ArrayList<>())));
    }
}
