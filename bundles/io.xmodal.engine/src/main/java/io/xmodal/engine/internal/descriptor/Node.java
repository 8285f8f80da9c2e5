package io.xmodal.engine.internal.descriptor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value with the place it was written, so that every problem can name file:line:col.
 * Exactly one of {@link #scalar}, {@link #map}, {@link #list} is set (a null scalar is YAML null).
 */
public final class Node {
    public enum Kind { SCALAR, MAP, LIST }

    /** How YAML typed a scalar: {@code 3} is INT, {@code "3"} is TEXT. */
    public enum ScalarType { TEXT, INT, FLOAT, BOOL, NULL }

    private final Kind kind;
    private final String scalar;
    private final ScalarType scalarType;
    private final Map<String, Node> map;
    private final Map<String, int[]> keyPositions;
    private final List<Node> list;
    private final int line;
    private final int column;

    private Node(Kind kind, String scalar, ScalarType scalarType, Map<String, Node> map, Map<String, int[]> keyPositions,
                 List<Node> list, int line, int column) {
        this.kind = kind;
        this.scalar = scalar;
        this.scalarType = scalarType;
        this.map = map;
        this.keyPositions = keyPositions;
        this.list = list;
        this.line = line;
        this.column = column;
    }

    public static Node scalar(String value, ScalarType type, int line, int column) {
        return new Node(Kind.SCALAR, value, value == null ? ScalarType.NULL : type, null, null, null, line, column);
    }

    public static Node map(int line, int column) {
        return new Node(Kind.MAP, null, null, new LinkedHashMap<>(), new LinkedHashMap<>(), null, line, column);
    }

    public static Node list(int line, int column) {
        return new Node(Kind.LIST, null, null, null, null, new ArrayList<>(), line, column);
    }

    public Kind kind() {
        return kind;
    }

    public boolean isMap() {
        return kind == Kind.MAP;
    }

    public boolean isList() {
        return kind == Kind.LIST;
    }

    public boolean isScalar() {
        return kind == Kind.SCALAR;
    }

    public boolean isNull() {
        return kind == Kind.SCALAR && scalar == null;
    }

    /** The text of a scalar (null for YAML null). */
    public String text() {
        return scalar;
    }

    /** How YAML typed this scalar (null for maps and lists). */
    public ScalarType scalarType() {
        return scalarType;
    }

    public Map<String, Node> entries() {
        return map == null ? Map.of() : Collections.unmodifiableMap(map);
    }

    public Node get(String key) {
        return map == null ? null : map.get(key);
    }

    public List<Node> items() {
        return list == null ? List.of() : Collections.unmodifiableList(list);
    }

    /** Line and column of a key in this map (where a "did you mean" should point). */
    public int[] keyPosition(String key) {
        int[] p = keyPositions == null ? null : keyPositions.get(key);
        return p == null ? new int[] {line, column} : p;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    void put(String key, int keyLine, int keyColumn, Node value) {
        map.put(key, value);
        keyPositions.put(key, new int[] {keyLine, keyColumn});
    }

    /** Removes a key of this map (a section read and taken out before checking, e.g. requires:). */
    public void remove(String key) {
        if (map != null) {
            map.remove(key);
            keyPositions.remove(key);
        }
    }

    void add(Node value) {
        list.add(value);
    }

    /**
     * Sets or replaces a value (command-line overrides), creating maps along the way. A segment that
     * is a whole number indexes an existing list (0-based).
     *
     * @throws IllegalArgumentException when an index is out of range or used on something not a list
     */
    public void set(List<String> path, Node value) {
        Node at = this;
        for (int i = 0; i < path.size(); i++) {
            String seg = path.get(i);
            boolean last = i == path.size() - 1;
            if (at.isList()) {
                int k = index(seg, at, path.subList(0, i));
                if (last) {
                    at.list.set(k, value);
                    return;
                }
                at = at.list.get(k);
                continue;
            }
            if (last) {
                at.put(seg, value.line, value.column, value);
                return;
            }
            Node next = at.get(seg);
            if (next == null || !(next.isMap() || next.isList())) {
                next = Node.map(value.line, value.column);
                at.put(seg, value.line, value.column, next);
            }
            at = next;
        }
    }

    private static int index(String seg, Node list, List<String> before) {
        String where = String.join(".", before);
        try {
            int k = Integer.parseInt(seg);
            if (k >= 0 && k < list.list.size()) {
                return k;
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + " is a list; index it with a number, e.g. " + where + "[0]");
        }
        throw new IllegalArgumentException(where + " has " + list.list.size() + " items; index 0 to " + (list.list.size() - 1)
                + ", not " + seg);
    }

    /** A deep copy that keeps every line and column, less the given top-level keys of a map. */
    public Node copyWithout(java.util.Collection<String> keys) {
        switch (kind) {
            case MAP: {
                Node m = Node.map(line, column);
                map.forEach((k, v) -> {
                    if (!keys.contains(k)) {
                        int[] p = keyPositions.get(k);
                        m.put(k, p[0], p[1], v.copyWithout(List.of()));
                    }
                });
                return m;
            }
            case LIST: {
                Node l = Node.list(line, column);
                list.forEach(v -> l.add(v.copyWithout(List.of())));
                return l;
            }
            default:
                return Node.scalar(scalar, scalarType, line, column);
        }
    }

    /** The value in YAML flow style, e.g. {@code {use: dense, with: {steps: 64}}}: how a study names it. */
    public String flow() {
        switch (kind) {
            case MAP: {
                StringBuilder b = new StringBuilder("{");
                map.forEach((k, v) -> b.append(b.length() > 1 ? ", " : "").append(k).append(": ").append(v.flow()));
                return b.append('}').toString();
            }
            case LIST: {
                StringBuilder b = new StringBuilder("[");
                list.forEach(v -> b.append(b.length() > 1 ? ", " : "").append(v.flow()));
                return b.append(']').toString();
            }
            default:
                return scalar == null ? "null" : scalar;
        }
    }

    /** A deep copy placed at line 0, column 0: for values that come from the command line, not the file. */
    public Node detached() {
        switch (kind) {
            case MAP: {
                Node m = Node.map(0, 0);
                map.forEach((k, v) -> m.put(k, 0, 0, v.detached()));
                return m;
            }
            case LIST: {
                Node l = Node.list(0, 0);
                list.forEach(v -> l.add(v.detached()));
                return l;
            }
            default:
                return Node.scalar(scalar, scalarType, 0, 0);
        }
    }

    /** Plain Java values (String/Map/List/null) for writing back out. */
    public Object toPlain() {
        switch (kind) {
            case MAP: {
                Map<String, Object> m = new LinkedHashMap<>();
                map.forEach((k, v) -> m.put(k, v.toPlain()));
                return m;
            }
            case LIST: {
                List<Object> l = new ArrayList<>();
                list.forEach(v -> l.add(v.toPlain()));
                return l;
            }
            default:
                return scalar;
        }
    }

    @Override
    public String toString() {
        return kind == Kind.SCALAR ? String.valueOf(scalar) : String.valueOf(toPlain());
    }
}
