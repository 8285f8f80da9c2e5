package io.xmodal.launcher;

import io.xmodal.api.runtime.DescriptorException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Installs the bundles of every feature (and every drop-in) into a running framework, then starts
 * them all. A bundle that is missing, or fails to install, resolve or start, costs one line in the
 * report and does not stop the others.
 */
final class FeatureInstaller {
    /**
     * What happened.
     *
     * @param installed bundles installed, in install order
     * @param problems  one line per thing that went wrong
     * @param failures  symbolic name to why it is missing or not active (for later messages)
     * @param startMillis symbolic name to the time its start took (resolution, activator, immediate components)
     */
    record Report(List<Bundle> installed, List<String> problems, Map<String, String> failures, Map<String, Long> startMillis) {
        /** The slowest starts, e.g. {@code io.xmodal.engine 420 ms, ...}. */
        String slowest(int n) {
            return startMillis.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
                    .map(e -> e.getKey() + " " + e.getValue() + " ms").collect(Collectors.joining(", "));
        }
    }

    private final BundleContext context;

    FeatureInstaller(BundleContext context) {
        this.context = context;
    }

    /**
     * Installs and starts every feature of {@code features/} (bundles from {@code bundles/}) and every
     * jar of the distribution's {@code dropins/}.
     */
    static Report installDistribution(BundleContext context, Distribution dist) throws IOException, InterruptedException {
        return installDistribution(context, dist, dist.dropins(), Duration.ofSeconds(20));
    }

    /**
     * Installs and starts every feature of {@code features/} (bundles from {@code bundles/}), then the
     * drop-ins of {@code dropins}: through FileInstall when the {@code dropins} feature made it active
     * (the folder stays watched; this waits up to {@code scanTimeout} for its first scan), else once,
     * here, with a line saying that the folder is not watched.
     */
    static Report installDistribution(BundleContext context, Distribution dist, Path dropins, Duration scanTimeout)
            throws IOException, InterruptedException {
        try {
            return installDistribution(context, dist, dropins, scanTimeout, Optional.empty());
        } catch (DescriptorException e) {
            throw new IllegalStateException(e); // only a descriptor's request can fail this way
        }
    }

    /**
     * As {@link #installDistribution(BundleContext, Distribution, Path, Duration)}, but with a descriptor's
     * {@code requires.features}: only the features it chooses (with core and what they require) are
     * installed, and a chosen feature that is unknown, or whose bundles are missing or do not resolve or
     * start, stops the launch.
     *
     * @param request empty: every feature (the default)
     * @throws DescriptorException naming the feature and what it lacks (exit status 2)
     */
    static Report installDistribution(BundleContext context, Distribution dist, Path dropins, Duration scanTimeout,
                                      Optional<FeatureRequest> request) throws IOException, InterruptedException, DescriptorException {
        List<String> problems = new ArrayList<>();
        List<Feature> features = new ArrayList<>();
        for (Path file : FeatureFile.list(dist.features())) {
            try {
                features.add(FeatureFile.read(file));
            } catch (FeatureFile.FeatureException e) {
                problems.add("feature file " + e.getMessage() + " (skipped)");
            }
        }
        if (features.isEmpty()) {
            problems.add("no feature files in " + dist.features());
        }
        FeatureSet set = new FeatureSet(features);
        FeatureSelection selection = request.isPresent() ? FeatureSelection.choose(request.get(), set) : null;
        List<Feature> ordered = selection != null ? selection.chosen() : set.installOrder(problems);
        BundleCatalog bundles = BundleCatalog.scan(List.of(dist.bundles()), problems);
        FeatureInstaller installer = new FeatureInstaller(context);
        Report report = installer.install(ordered, bundles, List.of(), problems);
        List<String> lines = new ArrayList<>(report.problems());
        Map<String, String> failures = new LinkedHashMap<>(report.failures());
        if (selection != null) {
            selection.check(report.failures());
        }
        if (Dropins.watched(context)) {
            Dropins.awaitFirstScan(context, dropins, scanTimeout, lines, failures);
            return new Report(report.installed(), List.copyOf(lines), Map.copyOf(failures), report.startMillis());
        }
        List<String> dropinLines = new ArrayList<>();
        BundleCatalog jars = BundleCatalog.scan(List.of(dropins), dropinLines);
        if (jars.entries().isEmpty() && dropinLines.isEmpty()) {
            return report;
        }
        lines.add(dropins + " is not watched (" + (selection != null && !selection.includes("dropins")
                ? "the descriptor's requires.features does not name feature dropins"
                : "bundle " + Dropins.FILEINSTALL + " of feature dropins is not active") + "): its jars are installed once, now");
        Report more = installer.install(List.of(), bundles, jars.entries(), dropinLines);
        lines.addAll(more.problems());
        failures.putAll(more.failures());
        List<Bundle> all = new ArrayList<>(report.installed());
        all.addAll(more.installed());
        Map<String, Long> millis = new LinkedHashMap<>(report.startMillis());
        millis.putAll(more.startMillis());
        return new Report(List.copyOf(all), List.copyOf(lines), Map.copyOf(failures), millis);
    }

    /**
     * @param features in install order
     * @param catalog  the bundles the features may use
     * @param dropins  bundles installed whatever the features say
     * @param problems lines already found (unreadable features, non-bundle jars); kept in the report
     */
    Report install(List<Feature> features, BundleCatalog catalog, List<BundleCatalog.Entry> dropins, List<String> problems) {
        List<String> lines = new ArrayList<>(problems);
        Map<String, String> failures = new LinkedHashMap<>();
        Map<BundleCatalog.Entry, Bundle> installed = new LinkedHashMap<>();
        Map<String, Long> startMillis = new LinkedHashMap<>();
        for (Feature feature : features) {
            for (Feature.Ref ref : feature.bundles()) {
                Optional<BundleCatalog.Entry> entry = catalog.find(ref);
                if (entry.isEmpty()) {
                    String found = catalog.versionsOf(ref.name()).stream().map(Object::toString).collect(Collectors.joining(", "));
                    String why = "not in bundles/" + (found.isEmpty() ? "" : " (found version " + found + ", outside " + ref.range() + ")");
                    lines.add("bundle " + ref + " of feature " + feature.name() + " is missing: " + why);
                    failures.putIfAbsent(ref.name(), "missing: " + why);
                } else if (!installed.containsKey(entry.get())) {
                    installOne(entry.get(), installed, lines, failures);
                }
            }
        }
        for (BundleCatalog.Entry entry : dropins) {
            installOne(entry, installed, lines, failures);
        }
        // one resolution for all (faster than one per start); what fails is explained by start() below
        context.getBundle(0).adapt(FrameworkWiring.class).resolveBundles(installed.values());
        for (Map.Entry<BundleCatalog.Entry, Bundle> e : installed.entrySet()) {
            if (e.getKey().fragment()) {
                continue;
            }
            long t0 = System.nanoTime();
            try {
                e.getValue().start();
                startMillis.put(e.getKey().symbolicName(), (System.nanoTime() - t0) / 1_000_000);
            } catch (BundleException | RuntimeException ex) {
                String why = ex instanceof BundleException be ? ResolutionMessage.explain(be) : ex.toString();
                lines.add("bundle " + e.getKey() + " did not start: " + why);
                failures.put(e.getKey().symbolicName(), why);
            }
        }
        return new Report(List.copyOf(installed.values()), List.copyOf(lines), Map.copyOf(failures), startMillis);
    }

    private void installOne(BundleCatalog.Entry entry, Map<BundleCatalog.Entry, Bundle> installed, List<String> lines,
                            Map<String, String> failures) {
        try {
            // reference: the framework reads the jar where it lies instead of copying it into its storage
            Bundle b = context.installBundle("reference:" + entry.jar().toUri());
            installed.put(entry, b);
        } catch (BundleException | RuntimeException e) {
            String why = e instanceof BundleException be ? ResolutionMessage.explain(be) : e.toString();
            lines.add("bundle " + entry + " (" + entry.jar().getFileName() + ") could not be installed: " + why);
            failures.put(entry.symbolicName(), why);
        }
    }
}
