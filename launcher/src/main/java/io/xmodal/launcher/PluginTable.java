package io.xmodal.launcher;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Modality;
import io.xmodal.api.Param;
import io.xmodal.api.runtime.ComponentInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What {@code xmodal plugins} prints: a table for people, or JSON for programs. */
final class PluginTable {
    private static final String[] HEADINGS = {"ROLE", "NAME", "BUNDLE", "VERSION", "PARAMETERS"};

    private PluginTable() {
    }

    static String text(List<ComponentInfo> components) {
        if (components.isEmpty()) {
            return "no components registered";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADINGS);
        for (ComponentInfo c : components) {
            ComponentSpec s = c.spec();
            rows.add(new String[] {s.role().id(), s.name(), c.bundle(), c.version(),
                s.params().stream().map(PluginTable::param).collect(Collectors.joining(", "))});
        }
        int[] width = new int[HEADINGS.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder b = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : pad(row[i], width[i] + 2));
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString().stripTrailing();
    }

    /**
     * The bundles that are not active, as a section to append to the table ("" when there are none):
     * {@code broken 1.0.0 (dropins/broken.jar): missing package org.nowhere}.
     */
    static String inactive(List<Dropins.Inactive> bundles, java.nio.file.Path dropins) {
        if (bundles.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("\n\nbundles not active (they contribute nothing until fixed"
                + (dropins == null ? "" : "; drop-ins are read from " + dropins) + "):");
        for (Dropins.Inactive i : bundles) {
            b.append("\n  ").append(i);
        }
        return b.toString();
    }

    /** {@code name=default type}, e.g. {@code blocks=3 int}; {@code name=<required> type} without a default. */
    static String param(Param p) {
        return p.name() + "=" + (p.defaultValue() == null ? "<required>" : value(p.defaultValue())) + " " + p.type().id();
    }

    private static String value(Object v) {
        if (v instanceof Collection<?> c) {
            return c.stream().map(PluginTable::value).collect(Collectors.joining(",", "[", "]"));
        }
        String s = String.valueOf(v);
        return s.isEmpty() ? "\"\"" : s;
    }

    static String json(List<ComponentInfo> components) {
        List<Object> list = new ArrayList<>();
        for (ComponentInfo c : components) {
            ComponentSpec s = c.spec();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("role", s.role().id());
            m.put("name", s.name());
            m.put("doc", s.doc());
            m.put("bundle", c.bundle());
            m.put("version", c.version());
            m.put("accepts", s.accepts().stream().map(Modality::id).toList());
            m.put("accepts_rank", s.acceptsRank().stream().sorted().toList());
            m.put("produces", s.produces().stream().map(Modality::id).toList());
            List<Object> params = new ArrayList<>();
            for (Param p : s.params()) {
                Map<String, Object> pm = new LinkedHashMap<>();
                pm.put("name", p.name());
                pm.put("type", p.type().id());
                pm.put("default", p.defaultValue());
                pm.put("min", p.min());
                pm.put("max", p.max());
                pm.put("allowed", p.allowed());
                pm.put("doc", p.doc());
                params.add(pm);
            }
            m.put("params", params);
            list.add(m);
        }
        return Json.write(list);
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
