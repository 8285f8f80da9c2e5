package io.xmodal.engine.internal.descriptor;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.api.runtime.Problem;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads YAML into {@link Node}s that remember line and column. Jackson's tree model forgets
 * locations, so this walks the token stream itself.
 */
public final class YamlTree {
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private YamlTree() {
    }

    public static Node read(Path file) throws DescriptorException {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new DescriptorException(new Problem(name, 0, 0, "", "no such file; check the path"));
        } catch (IOException e) {
            throw new DescriptorException(new Problem(name, 0, 0, "", "cannot read: " + e.getMessage()));
        }
        return parse(name, text);
    }

    public static Node parse(String name, String text) throws DescriptorException {
        try (Reader r = new StringReader(text); JsonParser p = FACTORY.createParser(r)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new DescriptorException(new Problem(name, 1, 1, "", "the descriptor is empty; start with 'experiment: <name>'"));
            }
            Node root = value(name, p, t);
            if (!root.isMap()) {
                throw new DescriptorException(new Problem(name, root.line(), root.column(), "",
                        "the descriptor must be a map of keys (experiment:, data:, model:, train:), not " + describe(root)));
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String msg = e.getOriginalMessage().replaceAll("\\s+", " ").trim();
            throw new DescriptorException(new Problem(name, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), "",
                    "not valid YAML: " + msg));
        } catch (IOException e) {
            throw new DescriptorException(new Problem(name, 0, 0, "", "cannot read: " + e.getMessage()));
        }
    }

    private static Node value(String name, JsonParser p, JsonToken t) throws IOException, DescriptorException {
        JsonLocation at = p.currentTokenLocation();
        int line = at.getLineNr();
        int col = at.getColumnNr();
        switch (t) {
            case START_OBJECT: {
                Node m = Node.map(line, col);
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    JsonLocation kl = p.currentTokenLocation();
                    String key = p.currentName();
                    if (m.get(key) != null) {
                        throw new DescriptorException(new Problem(name, kl.getLineNr(), kl.getColumnNr(), key,
                                "key '" + key + "' appears twice in the same map; keep one"));
                    }
                    Node v = value(name, p, p.nextToken());
                    m.put(key, kl.getLineNr(), kl.getColumnNr(), v);
                }
                return m;
            }
            case START_ARRAY: {
                Node l = Node.list(line, col);
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    l.add(value(name, p, e));
                }
                return l;
            }
            case VALUE_NULL:
                return Node.scalar(null, Node.ScalarType.NULL, line, col);
            case VALUE_NUMBER_INT:
                return Node.scalar(p.getText(), Node.ScalarType.INT, line, col);
            case VALUE_NUMBER_FLOAT:
                return Node.scalar(p.getText(), Node.ScalarType.FLOAT, line, col);
            case VALUE_TRUE:
            case VALUE_FALSE:
                return Node.scalar(p.getText(), Node.ScalarType.BOOL, line, col);
            default:
                return Node.scalar(p.getText(), Node.ScalarType.TEXT, line, col);
        }
    }

    static String describe(Node n) {
        if (n.isMap()) {
            return "a map";
        }
        if (n.isList()) {
            return "a list";
        }
        return n.isNull() ? "nothing (null)" : "'" + n.text() + "'";
    }
}
