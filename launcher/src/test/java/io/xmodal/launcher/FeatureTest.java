package io.xmodal.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

class FeatureTest {
    @TempDir
    Path tmp;

    private Path file(String name, String xml) throws IOException {
        return Files.writeString(tmp.resolve(name), xml);
    }

    @Test
    void readsAFeature() throws Exception {
        Feature f = FeatureFile.read(file("f.xml", """
                <?xml version="1.0"?>
                <feature name="core" version="0.1.0">
                  <description>
                     the   core
                  </description>
                  <requires feature="base" version="[1,2)"/>
                  <bundle name="org.apache.felix.scr" version="[2.2,3)"/>
                  <bundle name="any.version"/>
                </feature>
                """));
        assertEquals("core", f.name());
        assertEquals(new Version(0, 1, 0), f.version());
        assertEquals("the core", f.description());
        assertEquals(List.of(new Feature.Ref("base", new VersionRange("[1,2)"))), f.requires());
        assertEquals(2, f.bundles().size());
        assertTrue(f.bundles().get(0).matches("org.apache.felix.scr", Version.parseVersion("2.2.10")));
        assertTrue(!f.bundles().get(0).matches("org.apache.felix.scr", Version.parseVersion("3.0.0")));
        assertTrue(!f.bundles().get(0).matches("org.apache.felix.scr", Version.parseVersion("2.1.9")));
        assertTrue(f.bundles().get(1).matches("any.version", Version.parseVersion("0.0.1")));
    }

    @Test
    void badFilesAreExplained() throws IOException {
        assertMessage("f1.xml", "<feature version=\"1\"/>", "needs the attribute 'name'");
        assertMessage("f2.xml", "<feature name=\"x\" version=\"one\"/>", "bad version 'one'");
        assertMessage("f3.xml", "<feature name=\"x\" version=\"1\"><bundle name=\"b\" version=\"[2,1\"/></feature>", "bad version range");
        assertMessage("f4.xml", "<feature name=\"x\" version=\"1\"><bundel name=\"b\"/></feature>", "unknown element <bundel>");
        assertMessage("f5.xml", "<features/>", "root element must be <feature>");
        assertMessage("f6.xml", "<feature", "not a readable feature file");
        assertMessage("f7.xml", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><feature name=\"&e;\" version=\"1\"/>",
                "not a readable feature file");
    }

    private void assertMessage(String name, String xml, String expected) throws IOException {
        Path f = file(name, xml);
        FeatureFile.FeatureException e = assertThrows(FeatureFile.FeatureException.class, () -> FeatureFile.read(f));
        assertTrue(e.getMessage().startsWith(name + ": ") && e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void featuresAreOrderedByRequirements() throws Exception {
        Feature app = feature("app", "1.0.0", "[1,2)");
        Feature base = feature("base", "1.5.0", null);
        Feature oldBase = feature("base", "0.9.0", null);
        List<String> problems = new ArrayList<>();
        List<Feature> order = new FeatureSet(List.of(app, oldBase, base)).installOrder(problems);
        assertEquals(List.of(base, app, oldBase), order);
        assertEquals(List.of(), problems);
    }

    @Test
    void missingRequirementsAndCyclesAreReported() throws Exception {
        List<String> problems = new ArrayList<>();
        Feature lonely = feature("lonely", "1.0.0", "[3,4)");
        Feature ok = feature("ok", "1.0.0", null);
        List<Feature> order = new FeatureSet(List.of(lonely, ok)).installOrder(problems);
        assertEquals(List.of(ok), order);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("requires feature base [3.0.0,4.0.0)"), problems.get(0));

        problems.clear();
        Feature a = new Feature("a", Version.emptyVersion, "", List.of(new Feature.Ref("b", new VersionRange("0"))), List.of(), tmp.resolve("a.xml"));
        Feature b = new Feature("b", Version.emptyVersion, "", List.of(new Feature.Ref("a", new VersionRange("0"))), List.of(), tmp.resolve("b.xml"));
        assertEquals(List.of(), new FeatureSet(List.of(a, b)).installOrder(problems));
        assertTrue(problems.stream().anyMatch(p -> p.contains("requirement cycle")), problems.toString());
    }

    private Feature feature(String name, String version, String requiresBase) throws Exception {
        String req = requiresBase == null ? "" : "<requires feature=\"base\" version=\"" + requiresBase + "\"/>";
        return FeatureFile.read(file(name + "-" + version + ".xml",
                "<feature name=\"" + name + "\" version=\"" + version + "\">" + req + "</feature>"));
    }

    @Test
    void bundlesAreFoundByNameAndRange() throws IOException {
        Path dir = tmp.resolve("bundles");
        TestBundles.jar(dir.resolve("a-1.jar"), Map.of("Bundle-SymbolicName", "a;singleton:=true", "Bundle-Version", "1.0.0"), Map.of());
        TestBundles.jar(dir.resolve("a-1.5.jar"), Map.of("Bundle-SymbolicName", "a", "Bundle-Version", "1.5.0.SNAPSHOT"), Map.of());
        TestBundles.jar(dir.resolve("a-2.jar"), Map.of("Bundle-SymbolicName", "a", "Bundle-Version", "2.0.0"), Map.of());
        TestBundles.jar(dir.resolve("plain.jar"), Map.of(), Map.of());
        List<String> problems = new ArrayList<>();
        BundleCatalog c = BundleCatalog.scan(List.of(dir, tmp.resolve("absent")), problems);

        assertEquals(3, c.entries().size());
        assertEquals(List.of("plain.jar in bundles/ is not an OSGi bundle (no Bundle-SymbolicName): ignored"), problems);
        assertEquals(Version.parseVersion("1.5.0.SNAPSHOT"), c.find(new Feature.Ref("a", new VersionRange("[1,2)"))).orElseThrow().version());
        assertEquals(Version.parseVersion("2.0.0"), c.find(new Feature.Ref("a", new VersionRange("1.0"))).orElseThrow().version());
        assertTrue(c.find(new Feature.Ref("a", new VersionRange("[3,4)"))).isEmpty());
        assertTrue(c.find(new Feature.Ref("b", new VersionRange("0"))).isEmpty());
        assertEquals(3, c.versionsOf("a").size());
    }

    /** The real core feature: readable, and naming every bundle the distribution ships. */
    @Test
    void theCoreFeatureNamesTheDistributionsBundles() throws Exception {
        Feature core = FeatureFile.read(Path.of("../features/core.xml"));
        assertEquals("core", core.name());
        List<String> names = core.bundles().stream().map(Feature.Ref::name).toList();
        assertEquals(List.of("org.osgi.util.function", "org.osgi.util.promise", "org.osgi.service.component",
                "org.apache.felix.scr", "org.yaml.snakeyaml", "com.fasterxml.jackson.core.jackson-annotations",
                "com.fasterxml.jackson.core.jackson-core", "com.fasterxml.jackson.core.jackson-databind",
                "com.fasterxml.jackson.dataformat.jackson-dataformat-yaml", "io.xmodal.engine", "io.xmodal.data",
                "io.xmodal.metrics", "io.xmodal.vision", "io.xmodal.sequence", "io.xmodal.audio",
                "io.xmodal.video", "io.xmodal.retrieval", "io.xmodal.instruments", "io.xmodal.generative"), names);
        assertTrue(core.bundles().stream().filter(r -> r.name().startsWith("io.xmodal."))
                .allMatch(r -> r.range().includes(Version.parseVersion("0.1.0.SNAPSHOT"))));
        assertTrue(!names.contains("io.xmodal.api"), "the API comes from the host class path, never as a bundle");
    }

    /** The dropins feature: requires core, adds FileInstall. */
    @Test
    void theDropinsFeatureRequiresCoreAndAddsFileInstall() throws Exception {
        Feature dropins = FeatureFile.read(Path.of("../features/dropins.xml"));
        Feature core = FeatureFile.read(Path.of("../features/core.xml"));
        assertEquals(List.of("org.apache.felix.fileinstall"), dropins.bundles().stream().map(Feature.Ref::name).toList());
        assertEquals(1, dropins.requires().size());
        assertTrue(dropins.requires().get(0).matches("core", core.version()));
        List<String> problems = new java.util.ArrayList<>();
        assertEquals(List.of(core, dropins), new FeatureSet(List.of(dropins, core)).installOrder(problems), "core first");
        assertEquals(List.of(), problems);
    }
}
