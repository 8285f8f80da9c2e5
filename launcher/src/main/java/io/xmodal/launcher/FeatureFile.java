package io.xmodal.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads feature files (a Karaf-like XML with no schema to fetch):
 * <pre>{@code
 * <feature name="core" version="0.1.0">
 *   <description>what it is for</description>
 *   <requires feature="base" version="[0.1,1)"/>       <!-- optional, any number -->
 *   <bundle name="org.apache.felix.scr" version="[2.2,3)"/>
 * </feature>
 * }</pre>
 * A version range is OSGi syntax: {@code [1.0,2)}, or a bare {@code 1.0} for "1.0 or later".
 * A missing {@code version} on a bundle or requirement means any version.
 */
final class FeatureFile {
    /** A feature file that cannot be used, with the file and what is wrong. */
    static final class FeatureException extends Exception {
        private static final long serialVersionUID = 1L;

        FeatureException(Path file, String message) {
            super(file.getFileName() + ": " + message);
        }
    }

    private FeatureFile() {
    }

    /** Every {@code *.xml} file of a folder, sorted by file name; an absent folder gives none. */
    static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".xml") && Files.isRegularFile(f))
                    .sorted().toList();
        }
    }

    static Feature read(Path file) throws FeatureException {
        Element root;
        try (InputStream in = Files.newInputStream(file)) {
            root = builder().parse(in, file.toUri().toString()).getDocumentElement();
        } catch (IOException | SAXException e) {
            throw new FeatureException(file, "not a readable feature file: " + e.getMessage());
        }
        if (!"feature".equals(root.getTagName())) {
            throw new FeatureException(file, "root element must be <feature>, found <" + root.getTagName() + ">");
        }
        String name = required(file, root, "name");
        Version version = version(file, required(file, root, "version"));
        String description = "";
        List<Feature.Ref> requires = new ArrayList<>();
        List<Feature.Ref> bundles = new ArrayList<>();
        NodeList children = root.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i).getNodeType() != Node.ELEMENT_NODE) {
                continue;
            }
            Element e = (Element) children.item(i);
            switch (e.getTagName()) {
                case "description" -> description = e.getTextContent().strip().replaceAll("\\s+", " ");
                case "requires" -> requires.add(new Feature.Ref(required(file, e, "feature"), range(file, e)));
                case "bundle" -> bundles.add(new Feature.Ref(required(file, e, "name"), range(file, e)));
                default -> throw new FeatureException(file, "unknown element <" + e.getTagName()
                        + "> in feature '" + name + "' (allowed: description, requires, bundle)");
            }
        }
        return new Feature(name, version, description, List.copyOf(requires), List.copyOf(bundles), file);
    }

    private static String required(Path file, Element e, String attribute) throws FeatureException {
        String value = e.getAttribute(attribute).strip();
        if (value.isEmpty()) {
            throw new FeatureException(file, "<" + e.getTagName() + "> needs the attribute '" + attribute + "'");
        }
        return value;
    }

    private static Version version(Path file, String text) throws FeatureException {
        try {
            return Version.parseVersion(text);
        } catch (IllegalArgumentException e) {
            throw new FeatureException(file, "bad version '" + text + "': " + e.getMessage());
        }
    }

    private static VersionRange range(Path file, Element e) throws FeatureException {
        String text = e.getAttribute("version").strip();
        try {
            return new VersionRange(text.isEmpty() ? "0.0.0" : text);
        } catch (IllegalArgumentException ex) {
            throw new FeatureException(file, "bad version range '" + text + "' in <" + e.getTagName() + ">: " + ex.getMessage());
        }
    }

    private static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new DefaultHandler() {
                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e; // reported by the caller, not printed by the parser
                }
            });
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
