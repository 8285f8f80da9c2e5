package io.xmodal.launcher;

import io.xmodal.api.runtime.DescriptorException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Installing a distribution's features into a framework that someone else started (embedding xmodal;
 * the Pax Exam itests): what {@code xmodal} does at start, with the same rules and messages.
 */
public final class Features {
    /**
     * What happened.
     *
     * @param installed bundles installed, in install order
     * @param problems  one line per thing that went wrong (as xmodal prints them at start)
     * @param failures  bundle symbolic name to why it is missing or not active
     */
    public record Result(List<Bundle> installed, List<String> problems, Map<String, String> failures) {
    }

    private Features() {
    }

    /**
     * Installs and starts the features of {@code home/features} (bundles from {@code home/bundles}) and
     * the jars of {@code dropins}.
     *
     * @param descriptor whose {@code requires.features} chooses the features, or null for every feature
     * @param overrides  the descriptor's {@code --set} settings
     * @throws DescriptorException an unknown feature, or a chosen one whose bundles are missing or do not
     *                             resolve (what xmodal reports with exit status 2)
     */
    public static Result install(BundleContext context, Path home, Path dropins, Path descriptor, List<String> overrides)
            throws IOException, InterruptedException, DescriptorException {
        Optional<FeatureRequest> request = descriptor == null ? Optional.empty() : FeatureRequest.read(descriptor, overrides);
        FeatureInstaller.Report r = FeatureInstaller.installDistribution(context, new Distribution(home), dropins,
                Duration.ofSeconds(20), request);
        return new Result(r.installed(), r.problems(), r.failures());
    }
}
