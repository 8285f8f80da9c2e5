package io.xmodal.engine.internal.registry;

import io.xmodal.api.Component;
import io.xmodal.api.Role;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry as one descriptor sees it: a component pinned to a version range ({@code use: vgg@[1.2,2)})
 * is the highest version of that name inside the range, and a component whose bundle the descriptor's
 * {@code requires:} names comes from a bundle version inside that range. Everything else is the
 * registry's own choice (the highest bundle version).
 */
public final class PinnedLookup implements ComponentLookup {
    private final ComponentRegistry registry;
    private final Map<String, VersionRange> components;
    private final Map<String, VersionRange> bundles;

    /**
     * @param components component name to the range of its bundle's version
     * @param bundles    bundle symbolic name to a range
     */
    public PinnedLookup(ComponentRegistry registry, Map<String, VersionRange> components, Map<String, VersionRange> bundles) {
        this.registry = registry;
        this.components = Map.copyOf(components);
        this.bundles = Map.copyOf(bundles);
    }

    /** Whether a registration satisfies the pins on its name and on its bundle. */
    public boolean admits(Registered r) {
        Version v = version(r.version());
        VersionRange byName = components.get(r.component().spec().name());
        VersionRange byBundle = bundles.get(r.bundle());
        return (byName == null || (v != null && byName.includes(v))) && (byBundle == null || (v != null && byBundle.includes(v)));
    }

    public Optional<Registered> entry(Role role, String name) {
        return registry.entries(name).stream().filter(r -> r.component().spec().role() == role).filter(this::admits).findFirst();
    }

    @Override
    public Optional<Component> find(Role role, String name) {
        return entry(role, name).map(Registered::component);
    }

    @Override
    public List<String> names(Role role) {
        return registry.names(role);
    }

    @Override
    public String version(Role role, String name) {
        return entry(role, name).map(Registered::version).orElse("?");
    }

    static Version version(String text) {
        try {
            return Version.parseVersion(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
