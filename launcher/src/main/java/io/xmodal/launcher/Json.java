package io.xmodal.launcher;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * A small JSON writer, so that the host class path needs no JSON library (Jackson lives in bundles).
 * Writes maps (keys as strings, in the map's order), collections and arrays of objects, strings,
 * numbers, booleans, enums (their {@code toString}) and null, indented by two spaces. Strings are
 * escaped per RFC 8259: quote, backslash and every control character; non-finite numbers become null.
 */
final class Json {
    private Json() {
    }

    static String write(Object value) {
        StringBuilder b = new StringBuilder();
        write(b, value, 0);
        return b.toString();
    }

    private static void write(StringBuilder b, Object v, int depth) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof Boolean) {
            b.append(v);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            b.append(Double.isFinite(d) ? number(d) : "null");
        } else if (v instanceof Number) {
            b.append(v);
        } else if (v instanceof Map<?, ?> m) {
            writeMap(b, m, depth);
        } else if (v instanceof Collection<?> c) {
            writeList(b, c.iterator(), c.isEmpty(), depth);
        } else if (v instanceof Object[] a) {
            writeList(b, java.util.Arrays.asList(a).iterator(), a.length == 0, depth);
        } else {
            string(b, v.toString());
        }
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static void writeMap(StringBuilder b, Map<?, ?> m, int depth) {
        if (m.isEmpty()) {
            b.append("{}");
            return;
        }
        b.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            b.append(first ? "" : ",");
            first = false;
            newline(b, depth + 1);
            string(b, String.valueOf(e.getKey()));
            b.append(": ");
            write(b, e.getValue(), depth + 1);
        }
        newline(b, depth);
        b.append('}');
    }

    private static void writeList(StringBuilder b, Iterator<?> it, boolean empty, int depth) {
        if (empty) {
            b.append("[]");
            return;
        }
        b.append('[');
        boolean first = true;
        while (it.hasNext()) {
            b.append(first ? "" : ",");
            first = false;
            newline(b, depth + 1);
            write(b, it.next(), depth + 1);
        }
        newline(b, depth);
        b.append(']');
    }

    private static void newline(StringBuilder b, int depth) {
        b.append('\n');
        b.append("  ".repeat(depth));
    }

    static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
