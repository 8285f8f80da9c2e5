package io.xmodal.engine.internal.descriptor;

import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.api.runtime.Problem;

import java.util.Arrays;
import java.util.List;

/**
 * Command-line settings {@code dotted.path=value} applied over a descriptor before it is checked.
 * The value is read as YAML, so {@code 3} is a number, {@code true} a boolean and {@code [16,32]} a list.
 */
public final class Overrides {
    private Overrides() {
    }

    public static void apply(Node root, List<String> settings) throws DescriptorException {
        for (String s : settings) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new DescriptorException(new Problem("--set " + s, 0, 0, "", "expected --set PATH=VALUE, e.g. --set train.epochs=5"));
            }
            String path = s.substring(0, eq).trim();
            // a[2].b is the same as a.2.b: the third item of list a
            List<String> parts = Arrays.asList(path.replaceAll("\\[(\\d+)]", ".$1").split("\\."));
            if (parts.stream().anyMatch(String::isEmpty)) {
                throw new DescriptorException(new Problem("--set " + s, 0, 0, path, "'" + path + "' is not a dotted path like model.encoder.with.blocks"));
            }
            Node value;
            try {
                value = YamlTree.parse("--set " + s, "v: " + s.substring(eq + 1)).get("v");
            } catch (DescriptorException e) {
                throw new DescriptorException(new Problem("--set " + s, 0, 0, path, "the value is not valid YAML"));
            }
            try {
                root.set(parts, value == null ? Node.scalar(null, Node.ScalarType.NULL, 0, 0) : value.detached());
            } catch (IllegalArgumentException e) {
                throw new DescriptorException(new Problem("--set " + s, 0, 0, path, e.getMessage()));
            }
        }
    }
}
