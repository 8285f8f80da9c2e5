package io.xmodal.launcher;

import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.api.runtime.Problem;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.framework.VersionRange;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The features a descriptor names, read by the launcher before the framework has any bundle (the
 * engine, which reads the rest of the descriptor, is itself in a feature):
 * <pre>{@code
 * requires:
 *   features: [audio, "vision-extra@[2,3)"]     # NAME or NAME@RANGE, like component pins
 *   io.xmodal.vision: "[0.1,1)"                  # bundle pins, as before (checked by the engine)
 * }</pre>
 * or the map form {@code features: {audio: "[0.1,1)", dropins: any}}. Feature {@code core} is always
 * installed (it holds the engine). {@code --set requires.features=[audio]} replaces the file's list.
 * A descriptor without {@code requires.features} gets every feature (the default).
 */
record FeatureRequest(String file, List<Item> items) {
    /** The key under {@code requires:}. */
    static final String KEY = "features";
    /** The feature always installed: it holds the engine. */
    static final String CORE = "core";
    /** The range of a feature named without one. */
    static final VersionRange ANY = new VersionRange("0.0.0");
    private static final Pattern PINNED = Pattern.compile("([A-Za-z0-9][A-Za-z0-9._-]*)(?:@(.+))?");

    /**
     * One feature asked for, with where it was asked (for messages).
     *
     * @param ref    its name and the versions that will do
     * @param line   1-based, 0 when it came from --set
     * @param column 1-based, 0 when it came from --set
     */
    record Item(Feature.Ref ref, int line, int column) {
        Problem problem(String file, String message) {
            return new Problem(file, line, column, "requires." + KEY, message);
        }
    }

    /**
     * @param descriptor the experiment or study descriptor
     * @param overrides  the command's {@code --set PATH=VALUE} settings ({@code requires.features=...} counts)
     * @return empty when the descriptor names no features (every feature is installed)
     * @throws DescriptorException when {@code requires.features} is malformed (nothing is read further)
     */
    static Optional<FeatureRequest> read(Path descriptor, List<String> overrides) throws DescriptorException {
        String file = descriptor.toString();
        Node node = null;
        for (String s : overrides) {
            int eq = s.indexOf('=');
            if (eq > 0 && s.substring(0, eq).strip().equals("requires." + KEY)) {
                node = compose("--set " + s, new StringReader("v: " + s.substring(eq + 1)), file, true);
                node = node == null ? null : value((MappingNode) node, "v");
                file = "--set " + s;
            }
        }
        if (node == null) {
            String text;
            try {
                text = Files.readString(descriptor, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return Optional.empty(); // the engine reports an unreadable file in its own words
            }
            Node root = compose(file, new StringReader(text), file, false);
            if (!(root instanceof MappingNode map)) {
                return Optional.empty();
            }
            Node requires = value(map, "requires");
            if (!(requires instanceof MappingNode r)) {
                return Optional.empty(); // absent, or malformed: the engine reports a requires: that is not a map
            }
            node = value(r, KEY);
            if (node == null) {
                return Optional.empty();
            }
        }
        boolean fromSet = file.startsWith("--set ");
        List<Item> items = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        if (node instanceof SequenceNode seq) {
            for (Node n : seq.getValue()) {
                if (!(n instanceof ScalarNode s) || s.getValue().isBlank()) {
                    problems.add(at(file, n, fromSet, "requires.features: each entry is a feature name, or NAME@RANGE such as "
                            + "\"audio@[0.1,1)\""));
                    continue;
                }
                Matcher m = PINNED.matcher(s.getValue().strip());
                if (!m.matches()) {
                    problems.add(at(file, n, fromSet, "requires.features: '" + s.getValue() + "' is not a feature name (letters, "
                            + "digits, '.', '-', '_'), optionally followed by @RANGE"));
                    continue;
                }
                item(file, n, fromSet, m.group(1), m.group(2), items, problems);
            }
        } else if (node instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                String name = t.getKeyNode() instanceof ScalarNode k ? k.getValue().strip() : "";
                Node v = t.getValueNode();
                if (!(v instanceof ScalarNode range)) {
                    problems.add(at(file, v, fromSet, "requires.features." + name + " must be a version range such as \"[0.1,1)\", "
                            + "or any"));
                    continue;
                }
                String text = range.getValue().strip();
                item(file, v, fromSet, name, text.isEmpty() || text.equals("any") || text.equals("null") ? null : text, items,
                        problems);
            }
        } else {
            problems.add(at(file, node, fromSet, "requires.features must be a list of feature names, e.g. "
                    + "requires: {features: [audio, dropins]} (a name may carry a range: \"audio@[0.1,1)\")"));
        }
        if (!problems.isEmpty()) {
            throw new DescriptorException(problems);
        }
        return Optional.of(new FeatureRequest(file, List.copyOf(items)));
    }

    /** The features asked for as written, e.g. {@code audio}, {@code dropins@[0.1.0,1.0.0)} (for messages). */
    List<String> names() {
        return items.stream().map(i -> i.ref().range().equals(ANY) ? i.ref().name() : i.ref().name() + "@" + i.ref().range()).toList();
    }

    private static void item(String file, Node n, boolean fromSet, String name, String range, List<Item> items,
                             List<Problem> problems) {
        VersionRange r;
        try {
            r = range == null ? ANY : new VersionRange(range.strip());
        } catch (IllegalArgumentException e) {
            problems.add(at(file, n, fromSet, "requires.features: '" + range + "' is not a version range (OSGi syntax: "
                    + "[1.2,2) means 1.2 or later, below 2; a bare 1.2 means 1.2 or later)"));
            return;
        }
        int[] lc = position(n, fromSet);
        items.add(new Item(new Feature.Ref(name, r), lc[0], lc[1]));
    }

    private static Problem at(String file, Node n, boolean fromSet, String message) {
        int[] lc = position(n, fromSet);
        return new Problem(file, lc[0], lc[1], "requires." + KEY, message);
    }

    private static int[] position(Node n, boolean fromSet) {
        if (fromSet || n == null || n.getStartMark() == null) {
            return new int[] {0, 0};
        }
        return new int[] {n.getStartMark().getLine() + 1, n.getStartMark().getColumn() + 1};
    }

    private static Node value(MappingNode map, String key) {
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && key.equals(k.getValue())) {
                return t.getValueNode();
            }
        }
        return null;
    }

    /**
     * The YAML tree, or null for an empty document. Syntax errors in a file are left to the engine (it
     * names them the same way for every key); in a --set value they are reported here.
     */
    private static Node compose(String name, Reader in, String file, boolean strict) throws DescriptorException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try {
            return new Yaml(options).compose(in);
        } catch (MarkedYAMLException e) {
            if (!strict) {
                return null;
            }
            throw new DescriptorException(new Problem(name, 0, 0, "requires." + KEY, "not valid YAML: " + e.getProblem()));
        } catch (YAMLException e) {
            if (!strict) {
                return null;
            }
            throw new DescriptorException(new Problem(name, 0, 0, "requires." + KEY, "not valid YAML: " + e.getMessage()));
        }
    }
}
