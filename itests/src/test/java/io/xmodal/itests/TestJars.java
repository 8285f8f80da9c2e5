package io.xmodal.itests;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Builds the plugin itests' bundles: the compiled classes of {@code io.xmodal.itests.plugins} (from the
 * test output folder, system property {@code xmodal.itest.classes}), one Declarative Services component,
 * and a manifest with the symbolic name and version given, importing the xmodal API and ND4J from the
 * system bundle as a bnd-built plugin would.
 */
final class TestJars {
    static final String IMPORTS = "io.xmodal.api,io.xmodal.api.model,io.xmodal.api.train,org.nd4j.autodiff.samediff,"
            + "org.nd4j.autodiff.samediff.ops,org.nd4j.linalg.api.ndarray";

    private TestJars() {
    }

    /**
     * A component bundle.
     *
     * @param implementation the component class, e.g. {@code io.xmodal.itests.plugins.DenseEncoder$Hot}
     * @param service        the role interface it is registered under
     */
    static Path component(Path jar, String symbolicName, String version, String implementation, String service) throws IOException {
        return component(jar, symbolicName, version, Map.of(implementation, service), "");
    }

    /**
     * @param components implementation class to role interface (one DS component each)
     * @param moreImports more Import-Package clauses (e.g. one that cannot resolve), or ""
     */
    static Path component(Path jar, String symbolicName, String version, Map<String, String> components, String moreImports)
            throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>(classes());
        StringBuilder header = new StringBuilder();
        int i = 0;
        for (Map.Entry<String, String> c : components.entrySet()) {
            String xml = "OSGI-INF/component-" + i++ + ".xml";
            entries.put(xml, ("""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="%s" immediate="true">
                      <implementation class="%s"/>
                      <service><provide interface="%s"/></service>
                    </scr:component>
                    """).formatted(c.getKey(), c.getKey(), c.getValue()).getBytes(StandardCharsets.UTF_8));
            header.append(header.length() == 0 ? "" : ",").append(xml);
        }
        Map<String, String> manifest = new LinkedHashMap<>();
        manifest.put("Bundle-ManifestVersion", "2");
        manifest.put("Bundle-SymbolicName", symbolicName);
        manifest.put("Bundle-Version", version);
        manifest.put("Import-Package", IMPORTS + (moreImports.isEmpty() ? "" : "," + moreImports));
        manifest.put("Service-Component", header.toString());
        manifest.put("Require-Capability", "osgi.extender;filter:=\"(&(osgi.extender=osgi.component)(version>=1.3.0)(!(version>=2.0.0)))\"");
        return write(jar, manifest, entries);
    }

    /** A bundle with no classes whose only import is a package nobody exports. */
    static Path unresolvable(Path jar, String symbolicName, String version, String missingPackage) throws IOException {
        return write(jar, Map.of("Bundle-ManifestVersion", "2", "Bundle-SymbolicName", symbolicName, "Bundle-Version", version,
                "Import-Package", missingPackage + ";version=\"[1,2)\""), Map.of());
    }

    /** Writes the jar next to {@code target}, then moves it into place in one step (FileInstall never sees half a jar). */
    static Path dropAtomically(Path built, Path target) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".part");
        Files.copy(built, tmp, StandardCopyOption.REPLACE_EXISTING);
        return Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static Map<String, byte[]> classes() throws IOException {
        String base = System.getProperty("xmodal.itest.classes");
        if (base == null) {
            throw new IllegalStateException("system property xmodal.itest.classes is not set: run the itests through Maven");
        }
        Path root = Path.of(base);
        Path dir = root.resolve("io/xmodal/itests/plugins");
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                out.put(root.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no classes in " + dir);
        }
        return out;
    }

    private static Path write(Path file, Map<String, String> manifest, Map<String, byte[]> entries) throws IOException {
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
}
