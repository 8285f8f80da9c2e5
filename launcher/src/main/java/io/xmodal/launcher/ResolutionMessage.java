package io.xmodal.launcher;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.framework.BundleException;

/**
 * Turns Felix's resolution errors ("Unable to resolve X [7](R 7.0): missing requirement [X [7](R 7.0)]
 * osgi.wiring.package; (&(osgi.wiring.package=p)(version>=1.0.0)) [caused by: ...] Unresolved
 * requirements: ...") into one line naming the missing requirement, following "caused by" to the
 * bundle really at fault.
 */
final class ResolutionMessage {
    private static final Pattern MISSING = Pattern.compile(
            "Unable to resolve (\\S+) \\[\\d+\\]\\([^)]*\\): missing requirement \\[.*?\\(R [^)]*\\)\\] ([\\w.]+); ");
    private static final Pattern END = Pattern.compile(" \\[caused by: | Unresolved requirements: |\\]+$");
    private static final Pattern PACKAGE = Pattern.compile("osgi\\.wiring\\.package=([^)]+)");
    private static final Pattern FLOOR = Pattern.compile("\\(version>=([^)]+)\\)");
    private static final Pattern CEILING = Pattern.compile("\\(!\\(version>=([^)]+)\\)\\)");
    private static final Pattern NAMESPACE_VALUE = Pattern.compile("\\(([\\w.]+)=([^)]+)\\)");

    private ResolutionMessage() {
    }

    /** One line for a failed install, resolve or start; the cause's message is appended when there is one. */
    static String explain(BundleException e) {
        String text = explain(e.getMessage() == null ? e.toString() : e.getMessage());
        Throwable cause = e.getCause();
        if (cause != null && cause != e) {
            text += ": " + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        }
        return text;
    }

    static String explain(String message) {
        Matcher m = MISSING.matcher(message);
        String bundle = null;
        String namespace = null;
        int filterStart = -1;
        int first = -1;
        while (m.find()) {
            if (first < 0) {
                first = m.start();
            }
            bundle = m.group(1);
            namespace = m.group(2);
            filterStart = m.end();
        }
        if (bundle == null) {
            return message.lines().findFirst().orElse(message).strip();
        }
        String rest = message.substring(filterStart);
        Matcher end = END.matcher(rest);
        String filter = end.find() ? rest.substring(0, end.start()) : rest;
        String what = describe(namespace, filter.strip());
        String failing = firstBundle(message);
        return failing != null && !failing.equals(bundle) ? what + " (needed by " + bundle + ", which does not resolve)" : what;
    }

    private static String firstBundle(String message) {
        Matcher m = MISSING.matcher(message);
        return m.find() ? m.group(1) : null;
    }

    private static String describe(String namespace, String filter) {
        switch (namespace) {
            case "osgi.wiring.package" -> {
                Matcher p = PACKAGE.matcher(filter);
                if (p.find()) {
                    return "missing package " + p.group(1) + versions(filter);
                }
            }
            case "osgi.wiring.bundle", "osgi.wiring.host" -> {
                Matcher p = NAMESPACE_VALUE.matcher(filter);
                if (p.find()) {
                    return "missing " + (namespace.endsWith("host") ? "fragment host " : "bundle ") + p.group(2) + versions(filter);
                }
            }
            case "osgi.extender" -> {
                Matcher p = NAMESPACE_VALUE.matcher(filter);
                if (p.find()) {
                    String hint = "osgi.component".equals(p.group(2)) ? " (is org.apache.felix.scr installed?)" : "";
                    return "missing extender " + p.group(2) + versions(filter) + hint;
                }
            }
            default -> {
                // the raw form below
            }
        }
        return "missing requirement " + namespace + "; " + filter;
    }

    private static String versions(String filter) {
        Matcher ceiling = CEILING.matcher(filter);
        Matcher floor = FLOOR.matcher(CEILING.matcher(filter).replaceAll(""));
        boolean hasFloor = floor.find();
        boolean hasCeiling = ceiling.find();
        if (hasFloor && hasCeiling) {
            return " [" + floor.group(1) + "," + ceiling.group(1) + ")";
        }
        if (hasFloor) {
            return " >= " + floor.group(1);
        }
        return hasCeiling ? " < " + ceiling.group(1) : "";
    }
}
