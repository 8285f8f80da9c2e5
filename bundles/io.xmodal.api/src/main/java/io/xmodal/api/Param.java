package io.xmodal.api;

import java.util.List;
import java.util.Objects;

/**
 * One typed, documented parameter of a component. Values are held as: INT {@link Integer},
 * FLOAT {@link Double}, BOOL {@link Boolean}, STRING/ENUM/PATH {@link String},
 * INT_LIST {@code List<Integer>}, FLOAT_LIST {@code List<Double>}, STRING_LIST {@code List<String>}
 * (when {@code allowed} is not empty, every element must be one of it), COMPONENT (since 0.3.0) a
 * {@link NestedComponent} for the block and, in a descriptor, {@code {use: NAME, with: {...}}}: its
 * {@code allowed} holds the one role id the nested component must have, its default a component name.
 *
 * <pre>
 * Param.integer("blocks", 3).range(1, 6).doc("number of convolution blocks")
 * Param.choice("activation", "sigmoid", "sigmoid", "tanh", "linear").doc("output activation")
 * </pre>
 *
 * @param name         the key in the descriptor's {@code with:} map (kebab-case)
 * @param type         the value type
 * @param defaultValue the value used when the descriptor omits it; null makes the parameter required
 * @param min          inclusive lower bound for numbers and list elements, or null
 * @param max          inclusive upper bound for numbers and list elements, or null
 * @param allowed      the allowed values of an ENUM, else empty
 * @param doc          one line saying what it does
 */
public record Param(String name, ParamType type, Object defaultValue, Double min, Double max,
                    List<String> allowed, String doc) {

    public Param {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        allowed = List.copyOf(allowed);
        doc = doc == null ? "" : doc;
    }

    public boolean required() {
        return defaultValue == null;
    }

    public static Param integer(String name, Integer defaultValue) {
        return new Param(name, ParamType.INT, defaultValue, null, null, List.of(), "");
    }

    public static Param real(String name, Double defaultValue) {
        return new Param(name, ParamType.FLOAT, defaultValue, null, null, List.of(), "");
    }

    public static Param bool(String name, Boolean defaultValue) {
        return new Param(name, ParamType.BOOL, defaultValue, null, null, List.of(), "");
    }

    public static Param string(String name, String defaultValue) {
        return new Param(name, ParamType.STRING, defaultValue, null, null, List.of(), "");
    }

    public static Param path(String name, String defaultValue) {
        return new Param(name, ParamType.PATH, defaultValue, null, null, List.of(), "");
    }

    public static Param choice(String name, String defaultValue, String... allowed) {
        return new Param(name, ParamType.ENUM, defaultValue, null, null, List.of(allowed), "");
    }

    public static Param intList(String name, List<Integer> defaultValue) {
        return new Param(name, ParamType.INT_LIST, defaultValue == null ? null : List.copyOf(defaultValue),
                null, null, List.of(), "");
    }

    public static Param floatList(String name, List<Double> defaultValue) {
        return new Param(name, ParamType.FLOAT_LIST, defaultValue == null ? null : List.copyOf(defaultValue),
                null, null, List.of(), "");
    }

    /** A list of words; with {@code allowed}, each element must be one of them. */
    public static Param stringList(String name, List<String> defaultValue, String... allowed) {
        return new Param(name, ParamType.STRING_LIST, defaultValue == null ? null : List.copyOf(defaultValue),
                null, null, List.of(allowed), "");
    }

    /**
     * Another component of {@code role} as a parameter (e.g. the image encoder a time-distributed
     * block applies to every frame); {@code defaultUse} names the default component (with its own
     * defaults), or null to make it required. The engine resolves it from the installed components.
     *
     * @since 0.3.0
     */
    public static Param component(String name, Role role, String defaultUse) {
        return new Param(name, ParamType.COMPONENT, defaultUse, null, null, List.of(role.id()), "");
    }

    /**
     * The role a COMPONENT parameter's value must have, or null for other types.
     *
     * @since 0.3.0
     */
    public Role componentRole() {
        if (type != ParamType.COMPONENT || allowed.isEmpty()) {
            return null;
        }
        for (Role r : Role.values()) {
            if (r.id().equals(allowed.get(0))) {
                return r;
            }
        }
        return null;
    }

    /** A copy with inclusive bounds. */
    public Param range(double min, double max) {
        return new Param(name, type, defaultValue, min, max, allowed, doc);
    }

    /** A copy with an inclusive lower bound only. */
    public Param atLeast(double min) {
        return new Param(name, type, defaultValue, min, null, allowed, doc);
    }

    /** A copy with its one-line documentation. */
    public Param doc(String text) {
        return new Param(name, type, defaultValue, min, max, allowed, text);
    }

    /** The bounds as text for messages, e.g. {@code 1..6} or {@code >= 0}. */
    public String rangeText() {
        if (min != null && max != null) {
            return fmt(min) + ".." + fmt(max);
        }
        if (min != null) {
            return ">= " + fmt(min);
        }
        if (max != null) {
            return "<= " + fmt(max);
        }
        return "";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
