package io.xmodal.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Computes {@code org.osgi.framework.system.packages.extra}: the packages of the host class path
 * (ND4J, JavaCPP, slf4j, the xmodal API...) that the system bundle exports to bundles.
 *
 * <p>A package is every directory holding a {@code .class} file, plus every package a jar names in
 * its own {@code Export-Package}. Its version is the one that {@code Export-Package} gives (so bnd's
 * version ranges on imports, e.g. {@code org.slf4j;version="[1.7,2)"} or
 * {@code io.xmodal.api.runtime;version="[0.1,0.2)"}, resolve), else {@code 0.0.0}. When two entries
 * give the same package different versions the highest wins. The OSGi framework's own jar is skipped
 * (its packages are already exports of the system bundle), and so is SnakeYAML, private to the launcher
 * ({@link #NOT_EXPORTED}). Directories (exploded class folders, e.g.
 * {@code target/classes}) are scanned like jars.
 *
 * <p>Fast: only the zip central directory and the manifest are read (about 750 packages from about
 * 40 jars in well under a second). Public for the Pax Exam integration tests.
 */
public final class SystemPackages {
    /** The version of a package whose jar declares none. */
    public static final String UNKNOWN = "0.0.0";

    /**
     * Jars whose packages are not exported: the framework's own (the system bundle exports them already)
     * and SnakeYAML, which the launcher uses privately (bundles get it from the org.yaml.snakeyaml bundle
     * of feature core, so that the feature stays what provides it).
     */
    static final java.util.Set<String> NOT_EXPORTED = java.util.Set.of("org.apache.felix.framework", "org.yaml.snakeyaml");
    private static final Pattern LOOSE_VERSION = Pattern.compile("(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?[.\\-]?(.*)");
    private static final Pattern OSGI_VERSION = Pattern.compile("\\d+(\\.\\d+(\\.\\d+(\\.[A-Za-z0-9_-]+)?)?)?");

    private SystemPackages() {
    }

    /**
     * Scans jars and class folders.
     *
     * @param jars class-path entries; missing entries and other files are ignored
     * @return package name to OSGi version, sorted by package
     * @throws UncheckedIOException when an existing jar cannot be read
     */
    public static Map<String, String> scan(List<Path> jars) {
        List<Map<String, String>> perJar = jars.parallelStream().map(SystemPackages::scanOne).toList();
        Map<String, String> all = new TreeMap<>();
        for (Map<String, String> one : perJar) {
            one.forEach((pkg, version) -> all.merge(pkg, version, SystemPackages::higher));
        }
        return all;
    }

    /**
     * The header value: {@code pkg;version="1.2.3",...}, sorted; the version attribute is left out
     * where it is {@code 0.0.0} (the OSGi default).
     */
    public static String header(Map<String, String> packages) {
        StringBuilder b = new StringBuilder(packages.size() * 40);
        new TreeMap<>(packages).forEach((pkg, version) -> {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(pkg);
            if (version != null && !UNKNOWN.equals(version)) {
                b.append(";version=\"").append(version).append('"');
            }
        });
        return b.toString();
    }

    private static Map<String, String> scanOne(Path entry) {
        try {
            if (Files.isDirectory(entry)) {
                return scanDirectory(entry);
            }
            if (Files.isRegularFile(entry) && entry.getFileName().toString().endsWith(".jar")) {
                return scanJar(entry);
            }
            return Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + entry + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> scanJar(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Manifest manifest = null;
            ZipEntry mf = zip.getEntry("META-INF/MANIFEST.MF");
            if (mf != null) {
                try (InputStream in = zip.getInputStream(mf)) {
                    manifest = new Manifest(in);
                }
            }
            if (isFramework(manifest)) {
                return Map.of();
            }
            Map<String, String> packages = new HashMap<>();
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                addClassPackage(packages, entries.nextElement().getName());
            }
            return withExports(packages, manifest);
        }
    }

    private static Map<String, String> scanDirectory(Path dir) throws IOException {
        Manifest manifest = null;
        Path mf = dir.resolve("META-INF/MANIFEST.MF");
        if (Files.isRegularFile(mf)) {
            try (InputStream in = Files.newInputStream(mf)) {
                manifest = new Manifest(in);
            }
        }
        if (isFramework(manifest)) {
            return Map.of();
        }
        Map<String, String> packages = new HashMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isRegularFile)
                    .forEach(f -> addClassPackage(packages, dir.relativize(f).toString().replace('\\', '/')));
        }
        return withExports(packages, manifest);
    }

    private static boolean isFramework(Manifest manifest) {
        if (manifest == null) {
            return false;
        }
        String bsn = manifest.getMainAttributes().getValue("Bundle-SymbolicName");
        return bsn != null && NOT_EXPORTED.contains(ManifestHeader.clauses(bsn).get(0).names().get(0));
    }

    private static void addClassPackage(Map<String, String> packages, String name) {
        if (!name.endsWith(".class") || name.startsWith("META-INF/")) {
            return;
        }
        int slash = name.lastIndexOf('/');
        if (slash <= 0) {
            return; // default package
        }
        String pkg = name.substring(0, slash).replace('/', '.');
        if (!packages.containsKey(pkg) && isExportable(pkg)) {
            packages.put(pkg, UNKNOWN);
        }
    }

    private static Map<String, String> withExports(Map<String, String> packages, Manifest manifest) {
        if (manifest == null) {
            return packages;
        }
        Attributes main = manifest.getMainAttributes();
        String exports = main.getValue("Export-Package");
        if (exports == null) {
            return packages;
        }
        for (ManifestHeader.Clause clause : ManifestHeader.clauses(exports)) {
            String version = normalize(clause.attribute("version"));
            for (String pkg : clause.names()) {
                if (isExportable(pkg)) {
                    packages.merge(pkg, version, SystemPackages::higher);
                }
            }
        }
        return packages;
    }

    private static boolean isExportable(String pkg) {
        if (pkg.equals("java") || pkg.startsWith("java.")) {
            return false; // always provided by the framework, never exported by bundles
        }
        for (String segment : pkg.split("\\.", -1)) {
            if (segment.isEmpty() || !Character.isJavaIdentifierStart(segment.charAt(0))
                    || !segment.chars().allMatch(Character::isJavaIdentifierPart)) {
                return false;
            }
        }
        return true;
    }

    /** A valid OSGi version for {@code raw}, e.g. {@code 1.0.0-M2.1} becomes {@code 1.0.0.M2_1}. */
    static String normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            return UNKNOWN;
        }
        String v = raw.trim();
        if (OSGI_VERSION.matcher(v).matches()) {
            return v;
        }
        Matcher m = LOOSE_VERSION.matcher(v);
        if (!m.matches()) {
            return UNKNOWN;
        }
        String qualifier = m.group(4).replaceAll("[^A-Za-z0-9_-]", "_");
        return m.group(1) + "." + (m.group(2) == null ? "0" : m.group(2)) + "." + (m.group(3) == null ? "0" : m.group(3))
                + (qualifier.isEmpty() ? "" : "." + qualifier);
    }

    /** The higher of two OSGi versions (numeric parts compared as numbers, the qualifier as text). */
    static String higher(String a, String b) {
        return compare(a, b) >= 0 ? a : b;
    }

    static int compare(String a, String b) {
        String[] x = a.split("\\.", 4);
        String[] y = b.split("\\.", 4);
        for (int i = 0; i < 3; i++) {
            long p = i < x.length ? Long.parseLong(x[i]) : 0;
            long q = i < y.length ? Long.parseLong(y[i]) : 0;
            if (p != q) {
                return Long.compare(p, q);
            }
        }
        return (x.length > 3 ? x[3] : "").compareTo(y.length > 3 ? y[3] : "");
    }
}
