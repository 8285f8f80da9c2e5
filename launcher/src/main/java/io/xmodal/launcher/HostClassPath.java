package io.xmodal.launcher;

import java.io.IOException;
import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The entries of the host class path whose packages the system bundle exports: {@code java.class.path}
 * with manifest {@code Class-Path} entries followed (as in a manifest-only launcher jar), less the
 * launcher's own code.
 */
final class HostClassPath {
    private HostClassPath() {
    }

    static List<Path> current() {
        Set<Path> entries = new LinkedHashSet<>();
        for (String s : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!s.isBlank()) {
                add(Path.of(s).toAbsolutePath().normalize(), entries);
            }
        }
        entries.remove(own());
        return new ArrayList<>(entries);
    }

    private static void add(Path entry, Set<Path> entries) {
        if (!entries.add(entry) || !Files.isRegularFile(entry)) {
            return;
        }
        try (JarFile jar = new JarFile(entry.toFile(), false)) {
            Manifest mf = jar.getManifest();
            String cp = mf == null ? null : mf.getMainAttributes().getValue("Class-Path");
            if (cp == null) {
                return;
            }
            for (String ref : cp.trim().split("\\s+")) {
                try {
                    URI uri = entry.toUri().resolve(ref);
                    if ("file".equals(uri.getScheme())) {
                        add(Path.of(uri).normalize(), entries);
                    }
                } catch (IllegalArgumentException e) {
                    // not a usable reference
                }
            }
        } catch (IOException e) {
            // not a jar: scanned (and skipped) later
        }
    }

    private static Path own() {
        try {
            return Path.of(HostClassPath.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toAbsolutePath().normalize();
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
