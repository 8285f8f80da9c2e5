package io.xmodal.engine.internal.registry;

import io.xmodal.api.Component;
import io.xmodal.api.Role;

import java.util.List;
import java.util.Optional;

/** Finds components by role and name; what validation and assembly need of the registry. */
public interface ComponentLookup {
    Optional<Component> find(Role role, String name);

    /** Names registered for a role, sorted. */
    List<String> names(Role role);

    /** The version of the bundle that provides a component, for cache keys and provenance; "?" when unknown. */
    default String version(Role role, String name) {
        return "?";
    }
}
