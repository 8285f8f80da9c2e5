package io.xmodal.engine.internal.run;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a run ran on: every bundle's symbolic name, version and SHA-256, the host, the JVM. */
public final class Provenance {
    private Provenance() {
    }

    public static List<Map<String, Object>> bundles(BundleContext ctx) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (ctx == null) {
            return out;
        }
        for (Bundle b : ctx.getBundles()) {
            if (b.getBundleId() == 0) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("symbolic_name", b.getSymbolicName());
            m.put("version", b.getVersion().toString());
            m.put("state", state(b.getState()));
            m.put("sha256", sha256(b.getLocation()));
            m.put("location", b.getLocation());
            out.add(m);
        }
        return out;
    }

    public static Map<String, Object> jvm() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("java_version", System.getProperty("java.version"));
        m.put("java_vendor", System.getProperty("java.vendor"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("processors", Runtime.getRuntime().availableProcessors());
        m.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
        return m;
    }

    private static String state(int s) {
        switch (s) {
            case Bundle.ACTIVE:
                return "active";
            case Bundle.RESOLVED:
                return "resolved";
            case Bundle.INSTALLED:
                return "installed";
            case Bundle.STARTING:
                return "starting";
            default:
                return Integer.toString(s);
        }
    }

    /** SHA-256 of a bundle's jar from its location, or null when it is not a local file. */
    static String sha256(String location) {
        if (location == null) {
            return null;
        }
        String loc = location.startsWith("reference:") ? location.substring("reference:".length()) : location;
        if (!loc.startsWith("file:")) {
            return null;
        }
        try {
            Path p = Path.of(URI.create(loc));
            if (!Files.isRegularFile(p)) {
                return null;
            }
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(p)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    md.update(buf, 0, n);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException | NoSuchAlgorithmException | IllegalArgumentException e) {
            return null;
        }
    }
}
