package io.xmodal.api;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The resolved parameters of one component in one experiment: every parameter of its
 * {@link ComponentSpec} has a value (the descriptor's, else the default), already checked against
 * the schema. Relative paths are resolved against the descriptor's folder.
 */
public final class Params {
    private final Map<String, Object> values;
    private final Path baseDir;

    public Params(Map<String, Object> values, Path baseDir) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.baseDir = baseDir;
    }

    /** Parameters with every default of {@code spec}, for tests and programmatic use. */
    public static Params defaults(ComponentSpec spec) {
        return defaults(spec, Map.of());
    }

    /** Defaults of {@code spec} overridden by {@code overrides} (no validation). */
    public static Params defaults(ComponentSpec spec, Map<String, Object> overrides) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Param p : spec.params()) {
            m.put(p.name(), p.defaultValue());
        }
        m.putAll(overrides);
        return new Params(m, Path.of("."));
    }

    public Map<String, Object> asMap() {
        return values;
    }

    public boolean has(String name) {
        return values.get(name) != null;
    }

    private Object get(String name) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException("no parameter '" + name + "' (have " + values.keySet() + ")");
        }
        return values.get(name);
    }

    public int getInt(String name) {
        return ((Number) get(name)).intValue();
    }

    public long getLong(String name) {
        return ((Number) get(name)).longValue();
    }

    public double getDouble(String name) {
        return ((Number) get(name)).doubleValue();
    }

    public boolean getBool(String name) {
        return (Boolean) get(name);
    }

    public String getString(String name) {
        Object v = get(name);
        return v == null ? null : v.toString();
    }

    /** A PATH parameter resolved against the descriptor's folder, or null when unset. */
    public Path getPath(String name) {
        String s = getString(name);
        if (s == null || s.isEmpty()) {
            return null;
        }
        Path p = Path.of(s.startsWith("~/") ? System.getProperty("user.home") + s.substring(1) : s);
        return p.isAbsolute() ? p : baseDir.resolve(p).normalize();
    }

    @SuppressWarnings("unchecked")
    public List<Integer> getIntList(String name) {
        return (List<Integer>) get(name);
    }

    @SuppressWarnings("unchecked")
    public List<Double> getFloatList(String name) {
        return (List<Double>) get(name);
    }

    @SuppressWarnings("unchecked")
    public List<String> getStringList(String name) {
        return (List<String>) get(name);
    }

    /**
     * A COMPONENT parameter: the component the descriptor names there, with its resolved parameters.
     *
     * @throws IllegalArgumentException when the value is not a resolved component (e.g. the plain
     *                                  name in {@link #defaults} without a registry)
     * @since 0.3.0
     */
    public NestedComponent getComponent(String name) {
        Object v = get(name);
        if (v instanceof NestedComponent n) {
            return n;
        }
        throw new IllegalArgumentException("parameter '" + name + "' holds " + v + ", not a resolved component; "
                + "pass a NestedComponent (the engine resolves descriptors' components from its registry)");
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
