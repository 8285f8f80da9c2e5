package io.xmodal.engine.internal.descriptor;

import io.xmodal.api.runtime.DescriptorException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class YamlTreeTest {
    @Test
    void remembersLinesColumnsAndScalarTypes() throws Exception {
        Node root = YamlTree.parse("x.yaml", "experiment: a\nmodel:\n  encoder: {use: vgg, with: {blocks: 3, bn: true, lr: 0.5, s: \"3\"}}\n");
        Node with = root.get("model").get("encoder").get("with");
        assertEquals(Node.ScalarType.INT, with.get("blocks").scalarType());
        assertEquals(Node.ScalarType.BOOL, with.get("bn").scalarType());
        assertEquals(Node.ScalarType.FLOAT, with.get("lr").scalarType());
        assertEquals(Node.ScalarType.TEXT, with.get("s").scalarType());
        assertEquals(3, with.get("blocks").line());
        int[] key = root.get("model").keyPosition("encoder");
        assertEquals(3, key[0]);
        assertEquals(3, key[1]);
    }

    @Test
    void duplicateKeysAndBrokenYamlAreProblemsWithAPlace() {
        DescriptorException dup = assertThrows(DescriptorException.class, () -> YamlTree.parse("d.yaml", "a: 1\nb: 2\na: 3\n"));
        assertEquals(3, dup.problems().get(0).line());
        assertTrue(dup.problems().get(0).message().contains("appears twice"));
        DescriptorException bad = assertThrows(DescriptorException.class, () -> YamlTree.parse("b.yaml", "a: [1, 2\nb: 3\n"));
        assertTrue(bad.problems().get(0).message().startsWith("not valid YAML"));
        assertTrue(bad.problems().get(0).line() > 0);
    }

    @Test
    void overridesAreTypedAndDetached() throws Exception {
        Node root = YamlTree.parse("x.yaml", "train: {epochs: 3}\n");
        Overrides.apply(root, java.util.List.of("train.epochs=5", "model.encoder.with.widths=[16, 32]"));
        assertEquals("5", root.get("train").get("epochs").text());
        assertEquals(0, root.get("train").get("epochs").line());
        assertEquals(2, root.get("model").get("encoder").get("with").get("widths").items().size());
        assertThrows(DescriptorException.class, () -> Overrides.apply(root, java.util.List.of("no-equals-sign")));
    }
}
