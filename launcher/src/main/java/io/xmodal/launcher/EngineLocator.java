package io.xmodal.launcher;

import io.xmodal.api.runtime.Workbench;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Finds the engine: the {@link Workbench} service that the bundle {@code io.xmodal.engine} registers
 * (a Declarative Services component, so it appears shortly after the bundle starts). When the engine
 * bundle is missing or not active the answer is immediate; otherwise this waits up to a timeout.
 */
final class EngineLocator {
    static final String ENGINE_BUNDLE = "io.xmodal.engine";
    static final String SCR_BUNDLE = "org.apache.felix.scr";

    /** No engine: the message says why, in one line. */
    static final class EngineNotFoundException extends Exception {
        private static final long serialVersionUID = 1L;

        EngineNotFoundException(String why) {
            super("no xmodal engine found: " + why);
        }
    }

    private final BundleContext context;
    private final Map<String, String> failures;

    /**
     * @param failures symbolic name to the reason it is missing or not active, from the installer
     */
    EngineLocator(BundleContext context, Map<String, String> failures) {
        this.context = context;
        this.failures = failures;
    }

    /** The Workbench; the tracker stays open for as long as the framework runs. */
    Workbench await(Duration timeout) throws EngineNotFoundException, InterruptedException {
        ServiceTracker<Workbench, Workbench> tracker = new ServiceTracker<>(context, Workbench.class, null);
        tracker.open();
        Workbench wb = tracker.getService();
        if (wb != null) {
            return wb;
        }
        check(ENGINE_BUNDLE);
        check(SCR_BUNDLE);
        wb = tracker.waitForService(Math.max(1, timeout.toMillis()));
        if (wb != null) {
            return wb;
        }
        check(ENGINE_BUNDLE);
        throw new EngineNotFoundException("bundle " + ENGINE_BUNDLE + " is active but registered no "
                + Workbench.class.getName() + " service within " + timeout.toSeconds()
                + " s (a component dependency is not satisfied or its activation failed; run with --verbose)");
    }

    private void check(String symbolicName) throws EngineNotFoundException {
        Optional<Bundle> bundle = Arrays.stream(context.getBundles())
                .filter(b -> symbolicName.equals(b.getSymbolicName()))
                .max(Comparator.comparing(Bundle::getVersion));
        if (bundle.isEmpty()) {
            throw new EngineNotFoundException("bundle " + symbolicName + " is not installed ("
                    + failures.getOrDefault(symbolicName, "no feature in features/ lists it and it is not in dropins/") + ")");
        }
        int state = bundle.get().getState();
        if (state != Bundle.ACTIVE && state != Bundle.STARTING) {
            String why = failures.getOrDefault(symbolicName, "state " + stateName(state));
            throw new EngineNotFoundException("bundle " + symbolicName + " is not active (" + why + ")");
        }
    }

    static String stateName(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "installed, not resolved";
            case Bundle.RESOLVED -> "resolved, not started";
            case Bundle.STARTING -> "starting";
            case Bundle.STOPPING -> "stopping";
            case Bundle.ACTIVE -> "active";
            default -> "uninstalled";
        };
    }
}
