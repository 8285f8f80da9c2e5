package io.xmodal.engine.internal.registry;

import io.xmodal.api.Component;
import io.xmodal.api.runtime.ComponentInfo;

/** A component service as the registry holds it: the object and the bundle that provides it. */
public record Registered(Component component, String bundle, String version, long serviceId) {
    public ComponentInfo info() {
        return new ComponentInfo(component.spec(), bundle, version);
    }
}
