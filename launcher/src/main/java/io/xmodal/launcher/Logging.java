package io.xmodal.launcher;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Configures slf4j-simple (the host's only logging binding, shared by ND4J, JavaCPP and bundles)
 * through system properties. Must run before the first logger is created: slf4j-simple reads its
 * configuration once. A property already set (e.g. through {@code XMODAL_JAVA_OPTS}) is kept.
 *
 * <p>Quiet by default: warnings and errors only, and SameDiff's per-op INFO chatter (about 200 lines
 * per graph) is never shown unless {@code --verbose}.
 */
final class Logging {
    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private Logging() {
    }

    static Map<String, String> settings(boolean verbose) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put(PREFIX + "logFile", "System.err");
        s.put(PREFIX + "defaultLogLevel", verbose ? "info" : "warn");
        s.put(PREFIX + "showDateTime", Boolean.toString(verbose));
        s.put(PREFIX + "dateTimeFormat", "HH:mm:ss.SSS");
        s.put(PREFIX + "showThreadName", Boolean.toString(verbose));
        s.put(PREFIX + "showShortLogName", "true");
        s.put(PREFIX + "levelInBrackets", "true");
        String quiet = verbose ? "info" : "warn";
        s.put(PREFIX + "log.org.nd4j", quiet);
        s.put(PREFIX + "log.org.nd4j.autodiff", quiet);
        s.put(PREFIX + "log.org.deeplearning4j", quiet);
        s.put(PREFIX + "log.org.bytedeco", quiet);
        // "Duplicate TF op mapping found for op Pow/FloorMod" at WARN whenever SameDiff's op registry loads
        s.put(PREFIX + "log.org.nd4j.imports", verbose ? "info" : "error");
        s.put(PREFIX + "log.org.reflections", verbose ? "info" : "error");
        s.put(PREFIX + "log.oshi", verbose ? "info" : "error");
        // JavaCPP's loader messages through slf4j too, so that the levels above apply
        s.put("org.bytedeco.javacpp.logger", "slf4j");
        return s;
    }

    static void configure(boolean verbose, Properties props) {
        settings(verbose).forEach(props::putIfAbsent);
    }
}
