package io.xmodal.launcher;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The distribution's folders: {@code lib/} (host class path), {@code bundles/} (bundles that
 * features name), {@code features/} (feature files), {@code dropins/} (extra bundles, all installed).
 *
 * @param home the distribution's root
 */
record Distribution(Path home) {
    /** Set by {@code bin/xmodal}. */
    static final String HOME_PROPERTY = "xmodal.home";

    /** From {@code -Dxmodal.home}, else the parent of the folder holding the launcher jar. */
    static Distribution locate(Properties props) {
        String prop = props.getProperty(HOME_PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return new Distribution(Path.of(prop).toAbsolutePath().normalize());
        }
        try {
            Path code = Path.of(Distribution.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path lib = Files.isDirectory(code) ? code : code.getParent();
            return new Distribution(lib.getParent().toAbsolutePath().normalize());
        } catch (URISyntaxException | RuntimeException e) {
            return new Distribution(Path.of(".").toAbsolutePath().normalize());
        }
    }

    Path bundles() {
        return home.resolve("bundles");
    }

    Path features() {
        return home.resolve("features");
    }

    Path dropins() {
        return home.resolve("dropins");
    }
}
