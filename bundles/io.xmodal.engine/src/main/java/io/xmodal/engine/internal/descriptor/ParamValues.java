package io.xmodal.engine.internal.descriptor;

import io.xmodal.api.Param;
import io.xmodal.api.ParamType;
import io.xmodal.api.Role;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the YAML values of a {@code with:} map into typed parameter values, checked against a
 * schema: unknown names, wrong types, out-of-range values and missing required values each give
 * one problem. Absent parameters take their defaults.
 */
public final class ParamValues {
    private ParamValues() {
    }

    /**
     * @param owner  how to name the owner in messages, e.g. "encoder 'vgg'"
     * @param with   the {@code with:} map, or null when absent
     * @param path   the dotted path of {@code with}, e.g. "model.encoder.with"
     * @param anchor where to point when a required parameter is missing
     */
    public static Map<String, Object> resolve(String owner, List<Param> schema, Node with, String path, Node anchor,
                                              Problems problems) {
        Map<String, Param> byName = new LinkedHashMap<>();
        schema.forEach(p -> byName.put(p.name(), p));
        Map<String, Object> out = new LinkedHashMap<>();
        if (with != null && !with.isNull() && !with.isMap()) {
            problems.at(with, path, path + " must be a map of parameters of " + owner + ", not " + YamlTree.describe(with));
            with = null;
        }
        if (with != null && with.isMap()) {
            for (Map.Entry<String, Node> e : with.entries().entrySet()) {
                if (!byName.containsKey(e.getKey())) {
                    problems.atKey(with, e.getKey(), path + "." + e.getKey(), owner + " has no parameter '" + e.getKey() + "';"
                            + Suggest.didYouMean(e.getKey(), byName.keySet())
                            + (byName.isEmpty() ? " it takes no parameters" : " (parameters: " + String.join(", ", byName.keySet()) + ")"));
                }
            }
        }
        for (Param p : schema) {
            Node v = with != null && with.isMap() ? with.get(p.name()) : null;
            if (v == null || v.isNull()) {
                if (p.required()) {
                    problems.at(v != null ? v : anchor, path + "." + p.name(), owner + " needs '" + p.name() + "' (" + p.type().id()
                            + (p.doc().isEmpty() ? "" : ": " + p.doc()) + "); add it under " + path);
                }
                out.put(p.name(), p.defaultValue());
                continue;
            }
            out.put(p.name(), coerce(owner, p, v, path + "." + p.name(), problems));
        }
        return out;
    }

    /** One value of one parameter; on a problem, reports it and returns the default. */
    public static Object coerce(String owner, Param p, Node v, String path, Problems problems) {
        String where = path + ": ";
        switch (p.type()) {
            case INT: {
                Long n = integer(v);
                if (n == null || n > Integer.MAX_VALUE || n < Integer.MIN_VALUE) {
                    problems.at(v, path, where + "expected an integer for '" + p.name() + "' of " + owner + ", got " + YamlTree.describe(v));
                    return p.defaultValue();
                }
                return inRange(owner, p, n.intValue(), v, path, problems) ? n.intValue() : p.defaultValue();
            }
            case FLOAT: {
                Double d = number(v);
                if (d == null) {
                    problems.at(v, path, where + "expected a number for '" + p.name() + "' of " + owner + ", got " + YamlTree.describe(v));
                    return p.defaultValue();
                }
                return inRange(owner, p, d, v, path, problems) ? d : p.defaultValue();
            }
            case BOOL:
                if (v.isScalar() && v.scalarType() == Node.ScalarType.BOOL) {
                    return Boolean.parseBoolean(v.text());
                }
                problems.at(v, path, where + "expected true or false for '" + p.name() + "' of " + owner + ", got " + YamlTree.describe(v));
                return p.defaultValue();
            case ENUM: {
                if (!v.isScalar() || !p.allowed().contains(v.text())) {
                    String got = v.isScalar() ? v.text() : YamlTree.describe(v);
                    problems.at(v, path, where + "'" + got + "' is not a valid " + p.name() + " of " + owner + "; use one of "
                            + String.join(", ", p.allowed()) + "." + (v.isScalar() ? Suggest.didYouMean(v.text(), p.allowed()) : ""));
                    return p.defaultValue();
                }
                return v.text();
            }
            case STRING:
            case PATH:
                if (!v.isScalar() || v.scalarType() == Node.ScalarType.BOOL) {
                    problems.at(v, path, where + "expected text for '" + p.name() + "' of " + owner + ", got " + YamlTree.describe(v));
                    return p.defaultValue();
                }
                return v.text();
            case INT_LIST:
            case FLOAT_LIST: {
                List<Node> items = v.isList() ? v.items() : v.isScalar() ? List.of(v) : null;
                if (items == null) {
                    problems.at(v, path, where + "expected a list of numbers for '" + p.name() + "' of " + owner + ", got " + YamlTree.describe(v));
                    return p.defaultValue();
                }
                List<Object> out = new ArrayList<>();
                for (Node item : items) {
                    // not a ?: of Integer and Double: that unboxes both, so every int-list element became a Double
                    // (and a non-integer an unboxing NullPointerException)
                    Number n;
                    if (p.type() == ParamType.INT_LIST) {
                        n = integerAsInt(item);
                    } else {
                        n = number(item);
                    }
                    if (n == null) {
                        problems.at(item, path, where + "expected " + (p.type() == ParamType.INT_LIST ? "integers" : "numbers")
                                + " in '" + p.name() + "' of " + owner + ", got " + YamlTree.describe(item));
                        return p.defaultValue();
                    }
                    if (!inRange(owner, p, n.doubleValue(), item, path, problems)) {
                        return p.defaultValue();
                    }
                    out.add(n);
                }
                return out;
            }
            case STRING_LIST: {
                List<Node> items = v.isList() ? v.items() : v.isScalar() ? List.of(v) : null;
                if (items == null) {
                    problems.at(v, path, where + "expected a list of words for '" + p.name() + "' of " + owner + ", got " + YamlTree.describe(v));
                    return p.defaultValue();
                }
                List<Object> out = new ArrayList<>();
                for (Node item : items) {
                    if (!item.isScalar() || item.isNull() || item.scalarType() == Node.ScalarType.BOOL) {
                        problems.at(item, path, where + "expected words in '" + p.name() + "' of " + owner + ", got " + YamlTree.describe(item));
                        return p.defaultValue();
                    }
                    if (!p.allowed().isEmpty() && !p.allowed().contains(item.text())) {
                        problems.at(item, path, where + "'" + item.text() + "' is not allowed in '" + p.name() + "' of " + owner
                                + "; use any of " + String.join(", ", p.allowed()) + "." + Suggest.didYouMean(item.text(), p.allowed()));
                        return p.defaultValue();
                    }
                    out.add(item.text());
                }
                return out;
            }
            case COMPONENT:
                // resolved against the registry by the DescriptorChecker, which knows the installed components
                if (!v.isMap() && !(v.isScalar() && v.scalarType() == Node.ScalarType.TEXT)) {
                    Role role = p.componentRole();
                    problems.at(v, path, where + "expected a " + (role == null ? "component" : role.id()) + " for '" + p.name() + "' of "
                            + owner + ", written {use: NAME, with: {...}} or NAME, got " + YamlTree.describe(v));
                    return p.defaultValue();
                }
                return v;
            default:
                throw new IllegalStateException("unhandled type " + p.type());
        }
    }

    private static boolean inRange(String owner, Param p, double value, Node at, String path, Problems problems) {
        if ((p.min() != null && value < p.min()) || (p.max() != null && value > p.max())) {
            problems.at(at, path, path + ": " + at.text() + " is out of range for '" + p.name() + "' of " + owner + "; use " + p.rangeText());
            return false;
        }
        return true;
    }

    static Long integer(Node v) {
        if (v.isScalar() && v.scalarType() == Node.ScalarType.INT) {
            try {
                return Long.parseLong(v.text().replace("_", ""));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Integer integerAsInt(Node v) {
        Long l = integer(v);
        return l == null || l > Integer.MAX_VALUE || l < Integer.MIN_VALUE ? null : l.intValue();
    }

    static Double number(Node v) {
        if (v.isScalar() && (v.scalarType() == Node.ScalarType.INT || v.scalarType() == Node.ScalarType.FLOAT)) {
            try {
                return Double.parseDouble(v.text().replace("_", ""));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
