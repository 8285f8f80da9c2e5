package io.xmodal.itests;

import static org.junit.Assert.fail;

import io.xmodal.api.runtime.Workbench;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The Workbench service as the in-framework tests reach it: one tracker per framework (a test class's
 * container loads this class afresh), waited for up to 30 s, with the bundles' states in the failure.
 * Each test class calls {@link #close()} after its tests.
 */
final class ProbeWorkbench {
    static final long TIMEOUT_MS = 30_000;

    private static ServiceTracker<Workbench, Workbench> tracker;

    private ProbeWorkbench() {
    }

    static Workbench get(BundleContext context) throws InterruptedException {
        ServiceTracker<Workbench, Workbench> t;
        synchronized (ProbeWorkbench.class) {
            if (tracker == null) {
                tracker = new ServiceTracker<>(context, Workbench.class, null);
                tracker.open();
            }
            t = tracker;
        }
        Workbench w = t.waitForService(TIMEOUT_MS);
        if (w == null) {
            fail("no Workbench service within " + TIMEOUT_MS / 1000 + " s; bundles: " + Arrays.stream(context.getBundles())
                    .map(b -> b.getSymbolicName() + " " + b.getVersion() + " " + state(b)).collect(Collectors.joining(", ")));
        }
        return w;
    }

    static synchronized void close() {
        if (tracker != null) {
            tracker.close();
            tracker = null;
        }
    }

    private static String state(Bundle b) {
        return switch (b.getState()) {
            case Bundle.ACTIVE -> "active";
            case Bundle.RESOLVED -> "resolved";
            case Bundle.INSTALLED -> "installed (unresolved)";
            case Bundle.STARTING -> "starting";
            case Bundle.STOPPING -> "stopping";
            default -> "uninstalled";
        };
    }
}
