package io.xmodal.engine.internal.run;

import io.xmodal.engine.internal.descriptor.ReferenceDoc;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * docs/descriptor.md holds tables generated from the schemas validation uses. This test fails when
 * they differ; run it with -Dxmodal.updateDocs=true to rewrite them.
 */
class ReferenceDocTest {
    private static final Path DOC = Path.of("../../docs/descriptor.md");

    @Test
    void descriptorReferenceMatchesTheSchemas() throws Exception {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        String updated = replace(doc, "sections", ReferenceDoc.sections());
        updated = replace(updated, "components", ReferenceDoc.components(ClasspathComponents.registry().all()));
        if (Boolean.getBoolean("xmodal.updateDocs")) {
            Files.writeString(DOC, updated, StandardCharsets.UTF_8);
            return;
        }
        assertEquals(updated, doc, "docs/descriptor.md is out of date with the component schemas; regenerate with\n"
                + "  mvn -o -q -pl bundles/io.xmodal.engine test -Dtest=ReferenceDocTest -Dxmodal.updateDocs=true");
    }

    private static String replace(String doc, String block, String content) {
        Pattern p = Pattern.compile("(<!-- BEGIN GENERATED: " + block + "[^>]*-->\n)(.*?)(<!-- END GENERATED: " + block + " -->)", Pattern.DOTALL);
        Matcher m = p.matcher(doc);
        if (!m.find()) {
            throw new AssertionError("docs/descriptor.md lacks the generated block '" + block + "'");
        }
        return doc.substring(0, m.start()) + m.group(1) + content + m.group(3) + doc.substring(m.end());
    }
}
