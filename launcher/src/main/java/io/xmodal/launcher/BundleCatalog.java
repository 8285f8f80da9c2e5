package io.xmodal.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.osgi.framework.Version;

/** The bundle jars of a folder, known by the symbolic name and version in their manifests. */
final class BundleCatalog {
    /** One bundle jar. */
    record Entry(String symbolicName, Version version, Path jar, boolean fragment) {
        @Override
        public String toString() {
            return symbolicName + " " + version;
        }
    }

    private final List<Entry> entries;

    BundleCatalog(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Reads the manifest of every {@code *.jar} in the folders, in file-name order; an absent folder
     * adds nothing.
     *
     * @param problems receives one line per jar that is not a bundle or cannot be read
     */
    static BundleCatalog scan(List<Path> dirs, List<String> problems) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (Path dir : dirs) {
            for (Path jar : jars(dir)) {
                try {
                    read(jar).ifPresentOrElse(entries::add, () -> problems.add(
                            jar.getFileName() + " in " + dir.getFileName() + "/ is not an OSGi bundle (no Bundle-SymbolicName): ignored"));
                } catch (IOException | IllegalArgumentException e) {
                    problems.add(jar.getFileName() + " in " + dir.getFileName() + "/ cannot be read: " + e.getMessage());
                }
            }
        }
        return new BundleCatalog(entries);
    }

    static List<Path> jars(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f)).sorted().toList();
        }
    }

    static Optional<Entry> read(Path jar) throws IOException {
        try (JarFile jf = new JarFile(jar.toFile(), false)) {
            if (jf.getManifest() == null) {
                return Optional.empty();
            }
            Attributes main = jf.getManifest().getMainAttributes();
            String bsn = main.getValue("Bundle-SymbolicName");
            if (bsn == null || bsn.isBlank()) {
                return Optional.empty();
            }
            String name = ManifestHeader.clauses(bsn).get(0).names().get(0);
            String v = main.getValue("Bundle-Version");
            Version version = v == null ? Version.emptyVersion : Version.parseVersion(v.trim());
            return Optional.of(new Entry(name, version, jar, main.getValue("Fragment-Host") != null));
        }
    }

    List<Entry> entries() {
        return entries;
    }

    /** The highest version of the named bundle inside the range. */
    Optional<Entry> find(Feature.Ref ref) {
        return entries.stream().filter(e -> ref.matches(e.symbolicName(), e.version()))
                .max(Comparator.comparing(Entry::version));
    }

    /** Every version present of a symbolic name (to say what was found instead). */
    List<Version> versionsOf(String symbolicName) {
        return entries.stream().filter(e -> e.symbolicName().equals(symbolicName)).map(Entry::version).sorted().toList();
    }
}
