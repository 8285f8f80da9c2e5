package io.xmodal.launcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses OSGi manifest headers such as {@code Export-Package} and {@code Bundle-SymbolicName}:
 * comma-separated clauses of {@code name;name;attr=value;directive:=value}, where quoted values may
 * hold commas and semicolons.
 */
final class ManifestHeader {
    private ManifestHeader() {
    }

    /** One clause: its names (packages, a symbolic name) and its attributes and directives. */
    record Clause(List<String> names, Map<String, String> attributes, Map<String, String> directives) {
        String attribute(String key) {
            return attributes.get(key);
        }
    }

    static List<Clause> clauses(String header) {
        List<Clause> clauses = new ArrayList<>();
        for (String clause : split(header, ',')) {
            List<String> names = new ArrayList<>();
            Map<String, String> attributes = new LinkedHashMap<>();
            Map<String, String> directives = new LinkedHashMap<>();
            for (String part : split(clause, ';')) {
                int eq = part.indexOf('=');
                if (eq < 0) {
                    names.add(part);
                } else if (eq > 0 && part.charAt(eq - 1) == ':') {
                    directives.put(part.substring(0, eq - 1).trim(), unquote(part.substring(eq + 1)));
                } else {
                    attributes.put(part.substring(0, eq).trim(), unquote(part.substring(eq + 1)));
                }
            }
            if (!names.isEmpty()) {
                clauses.add(new Clause(List.copyOf(names), attributes, directives));
            }
        }
        return clauses;
    }

    /** Splits on {@code sep} outside double quotes; trims; drops empty pieces. */
    private static List<String> split(String text, char sep) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == sep && !quoted) {
                add(out, cur);
            } else {
                cur.append(c);
            }
        }
        add(out, cur);
        return out;
    }

    private static void add(List<String> out, StringBuilder cur) {
        String s = cur.toString().trim();
        if (!s.isEmpty()) {
            out.add(s);
        }
        cur.setLength(0);
    }

    private static String unquote(String value) {
        String v = value.trim();
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }
}
