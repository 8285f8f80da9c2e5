package io.xmodal.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemPackagesTest {
    private static final byte[] CLASS = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE};

    @TempDir
    Path tmp;

    @Test
    void packagesComeFromClassEntriesAndVersionsFromExportPackage() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("org/acme/api/Thing.class", CLASS);
        entries.put("org/acme/api/spi/Hook.class", CLASS);
        entries.put("org/acme/impl/Impl.class", CLASS);
        entries.put("org/acme/impl/Impl$Inner.class", CLASS);
        entries.put("org/acme/native/linux-x86_64/libacme.so", CLASS); // not a package: no class, bad name
        entries.put("org/acme/res/data.txt", CLASS);                    // resources only: not a package
        entries.put("META-INF/versions/11/org/acme/mr/X.class", CLASS);  // multi-release copy: skipped
        entries.put("Root.class", CLASS);                                // default package: skipped
        entries.put("java/lang/Fake.class", CLASS);                      // java.*: never exported
        Path jar = TestBundles.jar(tmp.resolve("acme.jar"), Map.of("Export-Package",
                "org.acme.api;org.acme.api.spi;version=\"1.2.3\";uses:=\"org.acme.impl,org.other\","
                        + "org.acme.declared;version=2.0"), entries);

        Map<String, String> p = SystemPackages.scan(List.of(jar));

        assertEquals(Map.of(
                "org.acme.api", "1.2.3",
                "org.acme.api.spi", "1.2.3",
                "org.acme.impl", SystemPackages.UNKNOWN,
                "org.acme.declared", "2.0"), p);
    }

    @Test
    void theHighestVersionWinsAndUnknownYieldsToKnown() throws IOException {
        Path a = TestBundles.jar(tmp.resolve("a.jar"), Map.of("Export-Package", "p.one;version=1.5.0"),
                Map.of("p/one/A.class", CLASS, "p/two/A.class", CLASS));
        Path b = TestBundles.jar(tmp.resolve("b.jar"), Map.of("Export-Package", "p.one;version=1.10.0,p.two;version=0.3"),
                Map.of("p/one/B.class", CLASS));
        assertEquals(Map.of("p.one", "1.10.0", "p.two", "0.3"), SystemPackages.scan(List.of(a, b)));
        assertEquals(Map.of("p.one", "1.10.0", "p.two", "0.3"), SystemPackages.scan(List.of(b, a)));
    }

    @Test
    void theFrameworkJarIsSkippedAndFoldersAreScanned() throws IOException {
        Path felix = TestBundles.jar(tmp.resolve("felix.jar"),
                Map.of("Bundle-SymbolicName", "org.apache.felix.framework", "Export-Package", "org.osgi.framework;version=1.10"),
                Map.of("org/osgi/framework/Bundle.class", CLASS));
        Path dir = tmp.resolve("classes");
        Files.createDirectories(dir.resolve("com/example/x"));
        Files.write(dir.resolve("com/example/x/X.class"), CLASS);
        Files.createDirectories(dir.resolve("META-INF"));
        Files.writeString(dir.resolve("META-INF/MANIFEST.MF"), "Manifest-Version: 1.0\nExport-Package: com.example.x;version=\"0.1.0\"\n");
        Map<String, String> p = SystemPackages.scan(List.of(felix, dir, tmp.resolve("absent.jar")));
        assertEquals(Map.of("com.example.x", "0.1.0"), p);
    }

    @Test
    void versionsAreMadeValid() {
        assertEquals("1.0.0.M2_1", SystemPackages.normalize("1.0.0-M2.1"));
        assertEquals("2.4.0.beta", SystemPackages.normalize("2.4-beta"));
        assertEquals("1.7.36", SystemPackages.normalize(" 1.7.36 "));
        assertEquals("0.0.0", SystemPackages.normalize("${version}"));
        assertEquals("0.0.0", SystemPackages.normalize(null));
        assertEquals("1.10.0", SystemPackages.higher("1.9.9", "1.10.0"));
        assertEquals("1.0.0.b", SystemPackages.higher("1.0.0.a", "1.0.0.b"));
    }

    @Test
    void headerIsSortedAndQuotesVersions() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("b.pkg", "0.0.0");
        p.put("a.pkg", "1.2.3");
        assertEquals("a.pkg;version=\"1.2.3\",b.pkg", SystemPackages.header(p));
    }

    /** The real host class path: ND4J, slf4j, the API; the versions bnd-built bundles import by range. */
    @Test
    void theHostClassPathIsScannedQuicklyWithTheJarsOwnVersions() {
        List<Path> cp = HostClassPath.current();
        assertTrue(cp.size() > 20, "class path seen through surefire's manifest jar: " + cp);
        SystemPackages.scan(cp); // warm up the file system cache
        long t0 = System.nanoTime();
        Map<String, String> p = SystemPackages.scan(cp);
        long ms = (System.nanoTime() - t0) / 1_000_000;

        assertEquals("1.7.36", p.get("org.slf4j"), "slf4j-api's own Export-Package version");
        // the API jar's own Export-Package versions (bnd, from package-info @Version), e.g. 0.1.0
        assertTrue(p.get("io.xmodal.api.runtime").matches("\\d+\\.\\d+\\.\\d+") && !p.get("io.xmodal.api.runtime").equals("0.0.0"),
                p.get("io.xmodal.api.runtime"));
        assertTrue(p.get("io.xmodal.api").matches("\\d+\\.\\d+\\.\\d+") && !p.get("io.xmodal.api").equals("0.0.0"));
        assertEquals(SystemPackages.UNKNOWN, p.get("org.nd4j.linalg.factory"));
        assertTrue(p.containsKey("org.nd4j.autodiff.samediff"));
        assertTrue(p.containsKey("org.bytedeco.javacpp"));
        assertFalse(p.containsKey("org.apache.felix.framework"), "the framework's own jar is not scanned");
        // SnakeYAML is on the launcher's class path (requires.features, study status) but bundles get it from feature core
        assertTrue(cp.stream().anyMatch(e -> e.getFileName().toString().startsWith("snakeyaml-")), cp::toString);
        assertFalse(p.containsKey("org.yaml.snakeyaml"), "the launcher's private SnakeYAML is not exported");
        assertTrue(p.containsKey("org.jline.reader") && p.containsKey("org.apache.felix.gogo.jline"), "the shell's JLine is on the host");
        assertFalse(p.keySet().stream().anyMatch(k -> k.startsWith("java.")));
        assertFalse(p.containsKey("io.xmodal.launcher.fake") && cp.stream().noneMatch(e -> e.toString().contains("test-classes")));
        assertTrue(p.size() > 500, "packages: " + p.size());
        assertTrue(ms < 3000, "scan took " + ms + " ms for " + cp.size() + " entries" + File.pathSeparator);
    }
}
