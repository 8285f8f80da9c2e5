package io.xmodal.launcher.fake;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** A bundle activator that always fails, packed into a drop-in by DropinsTest. */
public class RefusingActivator implements BundleActivator {
    @Override
    public void start(BundleContext context) {
        throw new IllegalStateException("this activator refuses to start");
    }

    @Override
    public void stop(BundleContext context) {
        // never started
    }
}
