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
import picocli.CommandLine.Option;

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

    @Option(names = "--json",
            description = "Print a JSON array instead: one object per feature with name, version, file, description, "
                + "installed, problem, requires [{feature, range}] and bundles [{name, range, version, state, error, "
                + "components [{role, name}]}]. Unreadable feature files go to stderr.")
    boolean json;

    @Override
    public boolean announcesBackend() {
        return false;
    }

    @Override
    public int execute(Workbench workbench, Console console, Map<String, String> host) {
        try {
            if (json) {
                List<String> problems = new ArrayList<>();
                console.line(Json.write(model(workbench.components(), problems)));
                problems.forEach(p -> console.warn(p + " (skipped)"));
            } else {
                console.line(text(workbench.components()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 0;
    }

    String text(List<ComponentInfo> components) throws IOException {
        List<String> problems = new ArrayList<>();
        List<Map<String, Object>> model = model(components, problems);
        StringBuilder b = new StringBuilder();
        for (Map<String, Object> f : model) {
            if (b.length() > 0) {
                b.append('\n');
            }
            b.append(f.get("name")).append(' ').append(f.get("version")).append(" (").append(f.get("file")).append("): ")
                    .append(Boolean.TRUE.equals(f.get("installed")) ? "installed" : f.get("problem")).append('\n');
            if (!"".equals(f.get("description"))) {
                b.append("  ").append(f.get("description")).append('\n');
            }
            List<Map<String, Object>> requires = list(f.get("requires"));
            if (!requires.isEmpty()) {
                b.append("  requires: ").append(requires.stream().map(r -> r.get("feature") + " " + r.get("range"))
                        .collect(Collectors.joining(", "))).append('\n');
            }
            for (Map<String, Object> bundle : list(f.get("bundles"))) {
                b.append("  ").append(bundle.get("name")).append(' ').append(bundle.get("range")).append(": ");
                if (bundle.get("version") == null) {
                    b.append(bundle.get("error")).append('\n');
                    continue;
                }
                b.append(bundle.get("version")).append(' ').append(bundle.get("state"));
                if (bundle.get("error") != null) {
                    b.append(": ").append(bundle.get("error"));
                }
                List<Map<String, Object>> contributed = list(bundle.get("components"));
                if (!contributed.isEmpty()) {
                    b.append("; contributes ").append(contributed.stream().map(c -> c.get("role") + " " + c.get("name"))
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

    /**
     * One map per feature, sorted by name and version: name, version, file, description, installed,
     * problem (why it is not installed, or null), requires [{feature, range}], bundles [{name, range,
     * version (null when missing), state (active, missing, not active, not installed, ...), error (or
     * null), components [{role, name}]}].
     *
     * @param problems receives one line per feature file that cannot be read
     */
    List<Map<String, Object>> model(List<ComponentInfo> components, List<String> problems) throws IOException {
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
        List<Feature> sorted = new ArrayList<>(features);
        sorted.sort(Comparator.comparing(Feature::name).thenComparing(Feature::version));
        List<Map<String, Object>> out = new ArrayList<>();
        for (Feature f : sorted) {
            Map<String, Object> m = new LinkedHashMap<>();
            boolean in = installed.contains(f);
            m.put("name", f.name());
            m.put("version", f.version().toString());
            m.put("file", f.source().getFileName().toString());
            m.put("description", f.description());
            m.put("installed", in);
            m.put("problem", in ? null : orderProblems.stream().filter(p -> p.startsWith("feature " + f + " ")).findFirst()
                    .map(p -> p.substring(p.indexOf("not installed"))).orElse("not installed"));
            m.put("requires", f.requires().stream().map(r -> {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("feature", r.name());
                x.put("range", r.range().toString());
                return x;
            }).toList());
            List<Map<String, Object>> bundles = new ArrayList<>();
            for (Feature.Ref ref : f.bundles()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("name", ref.name());
                x.put("range", ref.range().toString());
                Optional<BundleCatalog.Entry> entry = catalog.find(ref);
                List<ComponentInfo> contributed = List.of();
                if (entry.isEmpty()) {
                    String found = catalog.versionsOf(ref.name()).stream().map(Object::toString).collect(Collectors.joining(", "));
                    x.put("version", null);
                    x.put("state", "missing");
                    x.put("error", "missing from bundles/" + (found.isEmpty() ? "" : " (found " + found + ", outside the range)"));
                } else {
                    String key = entry.get().symbolicName() + " " + entry.get().version();
                    Optional<Bundle> live = Arrays.stream(context.getBundles())
                            .filter(y -> entry.get().symbolicName().equals(y.getSymbolicName())
                                    && entry.get().version().equals(y.getVersion()))
                            .findFirst();
                    x.put("version", entry.get().version().toString());
                    if (live.isEmpty()) {
                        x.put("state", in ? "not installed" : "not installed (the feature is not)");
                        x.put("error", null);
                    } else if (inactive.containsKey(key)) {
                        x.put("state", "not active");
                        x.put("error", inactive.get(key));
                    } else {
                        x.put("state", EngineLocator.stateName(live.get().getState()));
                        x.put("error", null);
                    }
                    contributed = byBundle.getOrDefault(key, List.of());
                }
                x.put("components", contributed.stream().map(c -> {
                    Map<String, Object> y = new LinkedHashMap<>();
                    y.put("role", c.spec().role().id());
                    y.put("name", c.spec().name());
                    return y;
                }).toList());
                bundles.add(x);
            }
            m.put("bundles", bundles);
            out.add(m);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return (List<Map<String, Object>>) o;
    }
}
