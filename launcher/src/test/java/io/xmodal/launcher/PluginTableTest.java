package io.xmodal.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xmodal.api.runtime.ComponentInfo;
import io.xmodal.launcher.fake.FakeWorkbench;
import java.util.List;
import org.junit.jupiter.api.Test;

class PluginTableTest {
    private final List<ComponentInfo> components = new FakeWorkbench().components();

    @Test
    void tableHasOneAlignedRowPerComponent() {
        String[] lines = PluginTable.text(components).split("\n");
        assertEquals(3, lines.length);
        assertEquals("ROLE     NAME  BUNDLE            VERSION     PARAMETERS", lines[0]);
        assertEquals("encoder  vgg   io.xmodal.engine  0.1.0.test  blocks=3 int, pooling=max enum, weights=<required> path", lines[1]);
        assertEquals("metric   mse   io.xmodal.engine  0.1.0.test", lines[2]);
        assertEquals("no components registered", PluginTable.text(List.of()));
    }

    @Test
    void jsonCarriesEverything() {
        String json = PluginTable.json(components);
        assertTrue(json.startsWith("[\n  {\n    \"role\": \"encoder\",\n    \"name\": \"vgg\",\n    \"doc\": \"a \\\"fake\\\" encoder\","), json);
        assertTrue(json.contains("\"accepts\": [\n      \"image\"\n    ]"), json);
        assertTrue(json.contains("\"accepts_rank\": [\n      3\n    ]"), json);
        assertTrue(json.contains("\"produces\": [\n      \"features\"\n    ]"), json);
        assertTrue(json.contains("\"name\": \"blocks\",\n        \"type\": \"int\",\n        \"default\": 3,\n"
                + "        \"min\": 1,\n        \"max\": 6,\n        \"allowed\": [],\n        \"doc\": \"conv blocks\"\n      }"), json);
        assertTrue(json.contains("\"allowed\": [\n          \"max\",\n          \"avg\"\n        ]"), json);
        assertTrue(json.contains("\"name\": \"weights\",\n        \"type\": \"path\",\n        \"default\": null"), json);
        assertTrue(json.contains("\"accepts\": [\n      \"any\"\n    ]"), "a metric accepting anything");
    }
}
