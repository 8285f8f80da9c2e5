package io.xmodal.launcher;

import java.nio.file.Path;
import org.osgi.framework.BundleContext;

/**
 * A command that needs the framework itself besides the engine (to list bundles that are not
 * active, features, the drop-in folder). {@link Launch} calls {@link #attach} before executing it.
 */
interface FrameworkAware {
    /**
     * @param context the running framework's system bundle context
     * @param dist    the distribution (its features/ and bundles/)
     * @param dropins the drop-in folder in use
     */
    void attach(BundleContext context, Distribution dist, Path dropins);
}
