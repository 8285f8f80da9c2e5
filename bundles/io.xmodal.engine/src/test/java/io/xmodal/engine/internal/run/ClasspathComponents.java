package io.xmodal.engine.internal.run;

import io.xmodal.api.Component;
import io.xmodal.engine.internal.registry.ComponentRegistry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registry filled, outside any framework, with the DS components of the bundles on the test
 * class path: it reads each jar's Service-Component descriptors the way SCR would and instantiates
 * the component classes. Unit tests then see exactly the components a real runtime would.
 */
public final class ClasspathComponents {
    private static final Pattern IMPLEMENTATION = Pattern.compile("<implementation\\s+class=\"([^\"]+)\"");

    private ClasspathComponents() {
    }

    public static ComponentRegistry registry() {
        ComponentRegistry registry = new ComponentRegistry();
        registry.register(new io.xmodal.engine.internal.train.SupervisedObjective(), "io.xmodal.engine", "0.1.0");
        try {
            Enumeration<URL> manifests = ClasspathComponents.class.getClassLoader().getResources("META-INF/MANIFEST.MF");
            while (manifests.hasMoreElements()) {
                URL url = manifests.nextElement();
                Manifest mf;
                try (InputStream in = url.openStream()) {
                    mf = new Manifest(in);
                }
                Attributes a = mf.getMainAttributes();
                String bsn = a.getValue("Bundle-SymbolicName");
                String sc = a.getValue("Service-Component");
                if (bsn == null || sc == null || bsn.startsWith("io.xmodal.engine")) {
                    continue;
                }
                for (String xml : sc.split(",")) {
                    URL x = new URL(url, "../" + xml.trim());
                    String text;
                    try (InputStream in = x.openStream()) {
                        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                    Matcher m = IMPLEMENTATION.matcher(text);
                    if (m.find()) {
                        Object o = Class.forName(m.group(1)).getDeclaredConstructor().newInstance();
                        if (o instanceof Component c) {
                            registry.register(c, bsn.split(";")[0], a.getValue("Bundle-Version"));
                        }
                    }
                }
            }
        } catch (IOException | ReflectiveOperationException e) {
            throw new IllegalStateException("cannot load components from the class path: " + e, e);
        }
        return registry;
    }

}
