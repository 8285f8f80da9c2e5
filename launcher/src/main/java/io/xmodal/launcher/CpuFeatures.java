package io.xmodal.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The processor the launcher runs on: its model name and instruction-set flags, read before ND4J
 * loads so that the launcher can pick an nd4j-native build the processor can execute (an AVX-512
 * build dies with SIGILL on a processor without AVX-512; it cannot be caught).
 *
 * <p>Read from {@code /proc/cpuinfo} (Linux), else from {@code lscpu}'s {@code Flags:} line; when
 * neither answers, the flags are unknown and only the generic build is chosen automatically.
 *
 * @param model  the model name, e.g. {@code AMD EPYC 7B13}, or {@code unknown}
 * @param flags  the flags in lower case as the kernel names them ({@code avx2}, {@code avx512f}, ...)
 * @param source where they came from: {@code /proc/cpuinfo}, {@code lscpu} or {@code unknown}
 */
record CpuFeatures(String model, Set<String> flags, String source) {
    /** The flags worth naming in one line, in this order, when present. */
    static final List<String> NOTABLE = List.of("sse4_2", "avx", "avx2", "fma", "f16c", "avx512f", "avx512bw", "avx512vl",
            "avx512_vnni", "avx512_bf16", "amx_tile");

    CpuFeatures {
        flags = Set.copyOf(flags);
    }

    static CpuFeatures unknown() {
        return new CpuFeatures("unknown", Set.of(), "unknown");
    }

    boolean known() {
        return !"unknown".equals(source);
    }

    boolean has(String flag) {
        return flags.contains(flag);
    }

    /** The flags of {@code required} this processor lacks, in order. */
    List<String> missing(Collection<String> required) {
        return required.stream().filter(f -> !flags.contains(f)).toList();
    }

    /** For the backend line: the model and the notable flags present, e.g. {@code AMD EPYC, avx2 fma f16c}. */
    String summary() {
        List<String> present = NOTABLE.stream().filter(flags::contains).toList();
        if (!known()) {
            return model + ", flags unknown";
        }
        return model + (present.isEmpty() ? ", no AVX" : ", " + String.join(" ", present));
    }

    /** This machine's processor, from {@code /proc/cpuinfo}, else {@code lscpu}, else unknown. */
    static CpuFeatures detect() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        try {
            if (Files.isReadable(cpuinfo)) {
                CpuFeatures f = parseCpuinfo(Files.readString(cpuinfo, StandardCharsets.UTF_8));
                if (f.known()) {
                    return f;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through to lscpu
        }
        String lscpu = ShortCommand.output("lscpu");
        return lscpu == null ? unknown() : parseLscpu(lscpu);
    }

    /** The first processor's {@code model name} and {@code flags} lines of {@code /proc/cpuinfo}. */
    static CpuFeatures parseCpuinfo(String text) {
        String model = null;
        Set<String> flags = null;
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                if (line.isBlank() && flags != null) {
                    break; // end of the first processor
                }
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (model == null && key.equals("model name")) {
                model = value;
            } else if (flags == null && key.equals("flags")) {
                flags = words(value);
            }
        }
        if (flags == null) {
            return new CpuFeatures(model == null ? "unknown" : model, Set.of(), "unknown");
        }
        return new CpuFeatures(model == null ? "unknown" : model, flags, "/proc/cpuinfo");
    }

    /** {@code lscpu}'s {@code Model name:} and {@code Flags:} lines. */
    static CpuFeatures parseLscpu(String text) {
        String model = "unknown";
        Set<String> flags = null;
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (key.equals("Model name") && "unknown".equals(model)) {
                model = value;
            } else if (key.equals("Flags")) {
                flags = words(value);
            }
        }
        return flags == null ? new CpuFeatures(model, Set.of(), "unknown") : new CpuFeatures(model, flags, "lscpu");
    }

    private static Set<String> words(String value) {
        Set<String> set = new TreeSet<>();
        for (String w : value.toLowerCase(Locale.ROOT).split("\\s+")) {
            if (!w.isEmpty()) {
                set.add(w);
            }
        }
        return set;
    }
}
