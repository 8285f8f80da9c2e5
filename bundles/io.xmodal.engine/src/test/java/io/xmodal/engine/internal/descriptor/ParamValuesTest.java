package io.xmodal.engine.internal.descriptor;

import io.xmodal.api.Param;
import io.xmodal.api.runtime.DescriptorException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParamValuesTest {
    private static final List<Param> SCHEMA = List.of(Param.intList("widths", List.of(8)), Param.floatList("rates", List.of(0.5)));

    /** Int lists hold Integers (Params.getIntList casts to List<Integer>), float lists Doubles. */
    @Test
    void listsKeepTheirElementTypes() throws DescriptorException {
        Node with = YamlTree.parse("t", "widths: [16, 32]\nrates: [1, 0.25]\n");
        Problems problems = new Problems("t");
        Map<String, Object> v = ParamValues.resolve("encoder 'x'", SCHEMA, with, "model.encoder.with", with, problems);
        assertTrue(problems.isEmpty());
        assertEquals(List.of(16, 32), v.get("widths"));
        assertEquals(Integer.class, ((List<?>) v.get("widths")).get(0).getClass());
        assertEquals(List.of(1.0, 0.25), v.get("rates"));
        assertEquals(Double.class, ((List<?>) v.get("rates")).get(0).getClass());
    }

    @Test
    void aNonIntegerInAnIntListIsAProblemNotACrash() throws DescriptorException {
        Node with = YamlTree.parse("t", "widths: [16, 2.5]\n");
        Problems problems = new Problems("t");
        ParamValues.resolve("encoder 'x'", SCHEMA, with, "model.encoder.with", with, problems);
        assertFalse(problems.isEmpty());
    }
}
