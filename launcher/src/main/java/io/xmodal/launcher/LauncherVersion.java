package io.xmodal.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The launcher's version, from a resource the build fills in. */
final class LauncherVersion implements IVersionProvider {
    private static final String RESOURCE = "launcher.properties";

    static String get() {
        Properties p = new Properties();
        try (InputStream in = LauncherVersion.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // below
        }
        String v = p.getProperty("version", "");
        return v.isEmpty() || v.startsWith("${") ? "unknown" : v;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"xmodal " + get(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
