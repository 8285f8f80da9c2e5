package io.xmodal.engine.internal.descriptor;

import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.engine.internal.registry.ComponentRegistry;
import io.xmodal.engine.internal.registry.PinnedLookup;
import io.xmodal.engine.internal.registry.Registered;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Version pins of a descriptor, read and taken out of the tree before it is checked:
 * <ul>
 *   <li>a component name followed by {@code @} and an OSGi version range, wherever a component is
 *       named ({@code use: vgg@[1.2,2)}, {@code reader: idx@[0.1,1)}, {@code decoder: gru@1.0}; not
 *       inside {@code with:}), pins that component to bundle versions inside the range;</li>
 *   <li>a top-level {@code requires:} map, bundle symbolic name to range
 *       ({@code requires: {io.xmodal.vision: "[0.1,1)"}}), pins the bundle: it must be installed in a
 *       version inside the range, and its components come from that version;</li>
 *   <li>its key {@code features} ({@code requires: {features: [audio, "dropins@[0.1,1)"]}}) names the
 *       features the launcher installs for this descriptor; the launcher checks them before the engine
 *       starts, this class only their form.</li>
 * </ul>
 * A pin that cannot be met is a descriptor problem (exit status 2, nothing trained) that says which
 * versions are installed. Quote a range in YAML when it starts with {@code [} or {@code (}.
 */
public final class VersionPins {
    private static final Pattern PINNED = Pattern.compile("([a-z0-9][a-z0-9-]*)@(.+)");
    /** The key of {@code requires:} that names features instead of pinning a bundle. */
    public static final String FEATURES = "features";
    private static final Pattern FEATURE = Pattern.compile("([A-Za-z0-9][A-Za-z0-9._-]*)(?:@(.+))?");

    private record Pin(String name, VersionRange range, Node node, String path) {
    }

    private final String file;
    private final List<Pin> components = new ArrayList<>();
    private final List<Pin> bundles = new ArrayList<>();
    private final Problems problems;

    private VersionPins(String file) {
        this.file = file;
        this.problems = new Problems(file);
    }

    /**
     * Reads the pins and rewrites the tree without them (plain names, no {@code requires:}).
     *
     * @throws DescriptorException for a malformed range or {@code requires:} block
     */
    public static VersionPins extract(Node root, String file) throws DescriptorException {
        VersionPins pins = new VersionPins(file);
        if (root.isMap()) {
            Node requires = root.get("requires");
            if (requires != null) {
                pins.requires(requires);
                root.remove("requires");
            }
            pins.walk(root, root, new ArrayList<>());
        }
        pins.problems.throwIfAny();
        return pins;
    }

    public boolean isEmpty() {
        return components.isEmpty() && bundles.isEmpty();
    }

    private void requires(Node node) {
        if (!node.isMap()) {
            problems.at(node, "requires", "requires must be a map of bundle symbolic name to version range, e.g. "
                    + "requires: {io.xmodal.vision: \"[0.1,1)\"}; not " + YamlTree.describe(node));
            return;
        }
        node.entries().forEach((bsn, value) -> {
            if (bsn.equals(FEATURES)) {
                features(value);
                return;
            }
            if (!value.isScalar() || value.isNull()) {
                problems.at(value, "requires." + bsn, "requires." + bsn + " must be a version range such as \"[0.1,1)\" or 1.2");
                return;
            }
            VersionRange r = range(value.text(), value, "requires." + bsn);
            if (r != null) {
                bundles.add(new Pin(bsn, r, value, "requires." + bsn));
            }
        });
    }

    /**
     * {@code requires.features}: the features the launcher installs for this descriptor (it reads and
     * checks them before the engine starts; here only their form is checked, so that validate and run
     * agree): a list of NAME or NAME@RANGE, or a map NAME to a range or {@code any}.
     */
    private void features(Node node) {
        String path = "requires." + FEATURES;
        if (node.isList()) {
            for (Node item : node.items()) {
                Matcher m = item.isScalar() && item.text() != null ? FEATURE.matcher(item.text().strip()) : null;
                if (m == null || !m.matches()) {
                    problems.at(item, path, path + ": each entry is a feature name, or NAME@RANGE such as \"audio@[0.1,1)\"; not "
                            + YamlTree.describe(item));
                } else if (m.group(2) != null) {
                    range(m.group(2), item, path);
                }
            }
        } else if (node.isMap()) {
            node.entries().forEach((name, value) -> {
                if (!value.isScalar()) {
                    problems.at(value, path + "." + name, path + "." + name + " must be a version range such as \"[0.1,1)\", or any");
                } else if (!value.isNull() && !"any".equals(value.text().strip())) {
                    range(value.text(), value, path + "." + name);
                }
            });
        } else {
            problems.at(node, path, path + " must be a list of feature names, e.g. requires: {features: [audio, dropins]}; not "
                    + YamlTree.describe(node));
        }
    }

    private void walk(Node root, Node node, List<String> path) {
        if (node.isMap()) {
            for (Map.Entry<String, Node> e : new ArrayList<>(node.entries().entrySet())) {
                if (e.getKey().equals("with")) {
                    continue; // parameters, not component names
                }
                path.add(e.getKey());
                visit(root, e.getValue(), path);
                path.remove(path.size() - 1);
            }
        } else if (node.isList()) {
            for (int i = 0; i < node.items().size(); i++) {
                path.add(Integer.toString(i));
                visit(root, node.items().get(i), path);
                path.remove(path.size() - 1);
            }
        }
    }

    private void visit(Node root, Node value, List<String> path) {
        if (!value.isScalar()) {
            walk(root, value, path);
            return;
        }
        if (value.scalarType() != Node.ScalarType.TEXT || value.text() == null) {
            return;
        }
        Matcher m = PINNED.matcher(value.text().strip());
        if (!m.matches()) {
            return;
        }
        String where = String.join(".", path);
        VersionRange r = range(m.group(2), value, where);
        if (r == null) {
            return;
        }
        for (Pin p : components) {
            if (p.name().equals(m.group(1)) && !p.range().equals(r)) {
                problems.at(value, where, where + ": '" + m.group(1) + "' is pinned twice, to " + p.range() + " (" + p.path()
                        + ") and to " + r + "; pin it once");
                return;
            }
        }
        components.add(new Pin(m.group(1), r, value, where));
        root.set(path, Node.scalar(m.group(1), Node.ScalarType.TEXT, value.line(), value.column()));
    }

    private VersionRange range(String text, Node at, String path) {
        try {
            return new VersionRange(text.strip());
        } catch (IllegalArgumentException e) {
            problems.at(at, path, path + ": '" + text + "' is not a version range (OSGi syntax: [1.2,2) means 1.2 or later, "
                    + "below 2; a bare 1.2 means 1.2 or later)");
            return null;
        }
    }

    /**
     * The registry as this descriptor pins it; a pin nothing installed meets is a problem naming what
     * is installed.
     *
     * @param installed bundle symbolic name to the versions installed (any state), e.g. from the framework
     * @throws DescriptorException when a pin cannot be met
     */
    public PinnedLookup apply(ComponentRegistry registry, Function<String, List<String>> installed) throws DescriptorException {
        Map<String, VersionRange> byName = new LinkedHashMap<>();
        components.forEach(p -> byName.put(p.name(), p.range()));
        Map<String, VersionRange> byBundle = new LinkedHashMap<>();
        bundles.forEach(p -> byBundle.put(p.name(), p.range()));
        PinnedLookup lookup = new PinnedLookup(registry, byName, byBundle);
        for (Pin p : bundles) {
            List<String> versions = installed.apply(p.name());
            boolean met = versions.stream().map(VersionPins::version).anyMatch(v -> v != null && p.range().includes(v));
            if (!met) {
                problems.at(p.node(), p.path(), p.path() + ": no version of bundle " + p.name() + " in " + p.range() + " is installed ("
                        + (versions.isEmpty() ? "none is; xmodal plugins and xmodal features list what is" : "installed: "
                        + String.join(", ", versions)) + ")");
            }
        }
        for (Pin p : components) {
            List<Registered> all = registry.entries(p.name());
            if (all.isEmpty()) {
                continue; // unknown name: the checker reports it with the closest names
            }
            if (all.stream().noneMatch(lookup::admits)) {
                String have = all.stream().map(r -> r.component().spec().role().id() + " " + p.name() + " " + r.version() + " (bundle "
                        + r.bundle() + ")").collect(Collectors.joining(", "));
                VersionRange viaBundle = all.stream().map(r -> byBundle.get(r.bundle())).filter(x -> x != null).findFirst().orElse(null);
                problems.at(p.node(), p.path(), p.path() + ": no installed version of '" + p.name() + "' is in " + p.range()
                        + (viaBundle == null ? "" : " and in requires' " + viaBundle) + "; installed: " + have);
            }
        }
        problems.throwIfAny();
        return lookup;
    }

    private static Version version(String text) {
        try {
            return Version.parseVersion(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    String file() {
        return file;
    }
}
