package io.xmodal.launcher;

import java.nio.file.Path;
import java.util.List;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

/**
 * A named, versioned group of bundles (read from {@code features/*.xml} by {@link FeatureFile}).
 *
 * @param name        the feature's name, e.g. {@code core}
 * @param version     its version
 * @param description one line for people
 * @param requires    features that must be installed first
 * @param bundles     the bundles, each by symbolic name and version range, in install order
 * @param source      the file it was read from
 */
record Feature(String name, Version version, String description, List<Ref> requires, List<Ref> bundles, Path source) {

    /** A feature or bundle named with the range of versions that will do. */
    record Ref(String name, VersionRange range) {
        boolean matches(String otherName, Version version) {
            return name.equals(otherName) && range.includes(version);
        }

        @Override
        public String toString() {
            return name + " " + range;
        }
    }

    @Override
    public String toString() {
        return name + " " + version;
    }
}
