package io.xmodal.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void escapesStrings() {
        StringBuilder b = new StringBuilder();
        Json.string(b, "a\"b\\c\nd\te\u0001f\u2028é");
        assertEquals("\"a\\\"b\\\\c\\nd\\te\\u0001f\\u2028é\"", b.toString());
    }

    @Test
    void writesNestedValues() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("int", 3);
        m.put("real", 0.001);
        m.put("whole", 2.0);
        m.put("nan", Double.NaN);
        m.put("yes", true);
        m.put("none", null);
        m.put("list", List.of(1, "two"));
        m.put("empty", List.of());
        m.put("map", Map.of());
        assertEquals("""
                {
                  "int": 3,
                  "real": 0.001,
                  "whole": 2,
                  "nan": null,
                  "yes": true,
                  "none": null,
                  "list": [
                    1,
                    "two"
                  ],
                  "empty": [],
                  "map": {}
                }""", Json.write(m));
        assertEquals("[\n  null\n]", Json.write(Arrays.asList((Object) null)));
    }
}
