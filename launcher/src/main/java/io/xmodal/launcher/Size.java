package io.xmodal.launcher;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte sizes as people write them: {@code 4g}, {@code 512m}, {@code 1.5G}, {@code 2GiB}, {@code 1048576}; binary units. */
final class Size {
    static final long KIB = 1024L;
    static final long MIB = KIB * 1024;
    static final long GIB = MIB * 1024;
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)(?:i?b)?");

    private Size() {
    }

    /**
     * @throws IllegalArgumentException when the text is not a positive size
     */
    static long parse(String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size (examples: 4g, 512m, 1.5g, 1073741824)");
        }
        long unit = switch (m.group(2)) {
            case "k" -> KIB;
            case "m" -> MIB;
            case "g" -> GIB;
            case "t" -> GIB * 1024;
            default -> 1;
        };
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
        if (bytes.signum() <= 0 || bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("'" + text + "' is not a usable size");
        }
        return bytes.longValue();
    }

    /** For example {@code 4 GiB}, {@code 1.5 GiB}, {@code 512 MiB}. */
    static String format(long bytes) {
        if (bytes >= GIB) {
            return trim(bytes / (double) GIB) + " GiB";
        }
        if (bytes >= MIB) {
            return trim(bytes / (double) MIB) + " MiB";
        }
        return bytes >= KIB ? trim(bytes / (double) KIB) + " KiB" : bytes + " B";
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
