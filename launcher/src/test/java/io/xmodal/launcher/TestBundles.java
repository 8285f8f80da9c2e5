package io.xmodal.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Builds small jars and distributions in temporary folders for the tests. */
final class TestBundles {
    private TestBundles() {
    }

    /** A jar with a manifest (main attributes) and entries (name to content). */
    static Path jar(Path file, Map<String, String> manifest, Map<String, byte[]> entries) throws IOException {
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.forEach((k, v) -> mf.getMainAttributes().putValue(k, v));
        Files.createDirectories(file.getParent());
        try (OutputStream os = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(os, mf)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue());
                jar.closeEntry();
            }
        }
        return file;
    }

    /** The SCR bundles the build copied for the tests (see the pom's test-bundles execution). */
    static Path scrBundles() {
        return Path.of("target/test-bundles").toAbsolutePath();
    }

    /**
     * The fake engine: FakeWorkbench's classes from the test classes, a DS descriptor, and a manifest
     * naming the bundle io.xmodal.engine.
     *
     * @param extraImports more Import-Package clauses (e.g. one that cannot resolve), or ""
     */
    static Path fakeEngine(Path file, String extraImports) throws IOException {
        return fakeEngine(file, extraImports, "");
    }

    /**
     * @param extraComponentXml more elements of the DS component (e.g. a reference never satisfied)
     */
    static Path fakeEngine(Path file, String extraImports, String extraComponentXml) throws IOException {
        Path classes = Path.of("target/test-classes");
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(classes.resolve("io/xmodal/launcher/fake"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                entries.put(classes.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        }
        entries.put("OSGI-INF/workbench.xml", ("""
                <?xml version="1.0" encoding="UTF-8"?>
                <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="fake.workbench" immediate="true">
                  <implementation class="io.xmodal.launcher.fake.FakeWorkbench"/>
                  <service><provide interface="io.xmodal.api.runtime.Workbench"/></service>
                  %s
                </scr:component>
                """).formatted(extraComponentXml).getBytes(StandardCharsets.UTF_8));
        // any version: the API's package versions move on while the fake stays the same
        String imports = "io.xmodal.api,io.xmodal.api.runtime"
                + (extraImports.isEmpty() ? "" : "," + extraImports);
        return jar(file, Map.of(
                "Bundle-ManifestVersion", "2",
                "Bundle-SymbolicName", "io.xmodal.engine",
                "Bundle-Version", "0.1.0.test",
                "Import-Package", imports,
                "Service-Component", "OSGI-INF/workbench.xml",
                "Require-Capability", "osgi.extender;filter:=\"(&(osgi.extender=osgi.component)(version>=1.3.0)(!(version>=2.0.0)))\""),
                entries);
    }

    /**
     * A distribution in {@code home}: bundles/ with SCR and its OSGi bundles, features/test.xml naming
     * them and io.xmodal.engine, and an empty dropins/.
     */
    static Path distribution(Path home) throws IOException {
        Path bundles = Files.createDirectories(home.resolve("bundles"));
        try (Stream<Path> jars = Files.list(scrBundles())) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, bundles.resolve(jar.getFileName()));
            }
        }
        Files.createDirectories(home.resolve("dropins"));
        Files.createDirectories(home.resolve("features"));
        Files.writeString(home.resolve("features/test.xml"), """
                <feature name="test" version="1.0.0">
                  <description>SCR and a fake engine</description>
                  <bundle name="org.osgi.util.function" version="[1.2,2)"/>
                  <bundle name="org.osgi.util.promise" version="[1.3,2)"/>
                  <bundle name="org.osgi.service.component" version="[1.5,2)"/>
                  <bundle name="org.apache.felix.scr" version="[2.2,3)"/>
                  <bundle name="io.xmodal.engine" version="[0.1,1)"/>
                </feature>
                """);
        return home;
    }
}
