package io.xmodal.launcher;

import io.xmodal.api.runtime.ComponentInfo;
import io.xmodal.api.runtime.Workbench;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
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
import picocli.CommandLine.Command;

@Command(name = "features",
        description = {"List the features (features/*.xml): version, what each requires, its bundles and what they contribute.",
            "%nFor every feature: installed or why not (a required feature missing or in a cycle); for every bundle: the "
                + "version chosen inside the feature's range and its state, the missing requirement when it does not "
                + "resolve, and the components it registers."})
final class FeaturesCommand implements EngineCommand, FrameworkAware {
    private BundleContext context;
    private Distribution dist;

    @Override
    public void attach(BundleContext context, Distribution dist, Path dropins) {
        this.context = context;
        this.dist = dist;
    }

    @Override
    public int execute(Workbench workbench, Console console, Map<String, String> host) {
        try {
            console.line(text(workbench.components()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 0;
    }

    String text(List<ComponentInfo> components) throws IOException {
        List<String> problems = new ArrayList<>();
        List<Feature> features = new ArrayList<>();
        for (Path file : FeatureFile.list(dist.features())) {
            try {
                features.add(FeatureFile.read(file));
            } catch (FeatureFile.FeatureException e) {
                problems.add("feature file " + e.getMessage());
            }
        }
        List<String> orderProblems = new ArrayList<>();
        List<Feature> installed = new FeatureSet(features).installOrder(orderProblems);
        BundleCatalog catalog = BundleCatalog.scan(List.of(dist.bundles()), new ArrayList<>());
        Map<String, String> inactive = new LinkedHashMap<>();
        for (Dropins.Inactive i : Dropins.inactive(context)) {
            inactive.put(i.symbolicName() + " " + i.version(), i.why());
        }
        Map<String, List<ComponentInfo>> byBundle = components.stream()
                .collect(Collectors.groupingBy(c -> c.bundle() + " " + c.version(), LinkedHashMap::new, Collectors.toList()));

        StringBuilder b = new StringBuilder();
        List<Feature> sorted = new ArrayList<>(features);
        sorted.sort(Comparator.comparing(Feature::name).thenComparing(Feature::version));
        for (Feature f : sorted) {
            if (b.length() > 0) {
                b.append('\n');
            }
            String state;
            if (installed.contains(f)) {
                state = "installed";
            } else {
                state = orderProblems.stream().filter(p -> p.startsWith("feature " + f + " ")).findFirst()
                        .map(p -> p.substring(p.indexOf("not installed"))).orElse("not installed");
            }
            b.append(f.name()).append(' ').append(f.version()).append(" (").append(f.source().getFileName()).append("): ")
                    .append(state).append('\n');
            if (!f.description().isEmpty()) {
                b.append("  ").append(f.description()).append('\n');
            }
            if (!f.requires().isEmpty()) {
                b.append("  requires: ").append(f.requires().stream().map(Feature.Ref::toString).collect(Collectors.joining(", ")))
                        .append('\n');
            }
            for (Feature.Ref ref : f.bundles()) {
                b.append("  ").append(ref).append(": ");
                Optional<BundleCatalog.Entry> entry = catalog.find(ref);
                if (entry.isEmpty()) {
                    String found = catalog.versionsOf(ref.name()).stream().map(Object::toString).collect(Collectors.joining(", "));
                    b.append("missing from bundles/").append(found.isEmpty() ? "" : " (found " + found + ", outside the range)")
                            .append('\n');
                    continue;
                }
                String key = entry.get().symbolicName() + " " + entry.get().version();
                Optional<Bundle> live = Arrays.stream(context.getBundles())
                        .filter(x -> entry.get().symbolicName().equals(x.getSymbolicName()) && entry.get().version().equals(x.getVersion()))
                        .findFirst();
                b.append(entry.get().version()).append(' ');
                if (live.isEmpty()) {
                    b.append(installed.contains(f) ? "not installed" : "not installed (the feature is not)");
                } else if (inactive.containsKey(key)) {
                    b.append("not active: ").append(inactive.get(key));
                } else {
                    b.append(EngineLocator.stateName(live.get().getState()));
                }
                List<ComponentInfo> contributed = byBundle.getOrDefault(key, List.of());
                if (!contributed.isEmpty()) {
                    b.append("; contributes ").append(contributed.stream().map(c -> c.spec().role().id() + " " + c.spec().name())
                            .collect(Collectors.joining(", ")));
                }
                b.append('\n');
            }
        }
        for (String p : problems) {
            b.append('\n').append(p).append(" (skipped)");
        }
        return b.length() == 0 ? "no features in " + dist.features() : b.toString().stripTrailing();
    }
}
