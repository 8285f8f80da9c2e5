package io.xmodal.launcher;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The builds of libnd4j for x86-64 Linux that nd4j-native 1.0.0-M2.1 publishes, one classifier jar
 * each. Several can sit on the class path together: JavaCPP loads the one whose classifier is the
 * platform ({@code linux-x86_64}) plus the system property {@code org.bytedeco.javacpp.platform.extension}
 * — and, when that jar is absent, silently the plain {@code linux-x86_64} one, which is why the
 * launcher checks which library really loaded ({@link #ofLibraryPath}).
 */
enum CpuVariant {
    ONEDNN("cpu-onednn", "-onednn", true, Level.GENERIC),
    ONEDNN_AVX2("cpu-onednn-avx2", "-onednn-avx2", true, Level.AVX2),
    ONEDNN_AVX512("cpu-onednn-avx512", "-onednn-avx512", true, Level.AVX512),
    PLAIN("cpu-plain", "", false, Level.GENERIC),
    PLAIN_AVX2("cpu-plain-avx2", "-avx2", false, Level.AVX2),
    PLAIN_AVX512("cpu-plain-avx512", "-avx512", false, Level.AVX512);

    /** The instruction sets a build was compiled for, with the processor flags each needs. */
    enum Level {
        GENERIC("x86-64", List.of()),
        /** libnd4j's CMake: -mavx -mavx2 -mfma -mf16c (and SSE up to 4.2). */
        AVX2("AVX2", List.of("sse4_1", "sse4_2", "avx", "avx2", "fma", "f16c")),
        /** libnd4j's CMake: the AVX2 set plus -mavx512f -mavx512vl -mavx512bw -mavx512dq -mavx512cd -mbmi -mbmi2. */
        AVX512("AVX-512", List.of("sse4_1", "sse4_2", "avx", "avx2", "fma", "f16c", "avx512f", "avx512cd", "avx512bw",
                "avx512dq", "avx512vl", "bmi1", "bmi2"));

        final String label;
        final List<String> flags;

        Level(String label, List<String> flags) {
            this.label = label;
            this.flags = flags;
        }
    }

    /** The platform every variant is built for. */
    static final String PLATFORM = "linux-x86_64";
    private static final Pattern LIBRARY = Pattern.compile("/bindings/(linux-x86_64[a-z0-9-]*)/libnd4jcpu\\.so$");

    final String id;
    final String extension;
    final boolean onednn;
    final Level level;

    CpuVariant(String id, String extension, boolean onednn, Level level) {
        this.id = id;
        this.extension = extension;
        this.onednn = onednn;
        this.level = level;
    }

    /** The Maven classifier of the nd4j-native jar, e.g. {@code linux-x86_64-onednn-avx2}. */
    String classifier() {
        return PLATFORM + extension;
    }

    /** The libnd4j library inside the classifier jar, as a class-path resource. */
    String resource() {
        return "org/nd4j/linalg/cpu/nativecpu/bindings/" + classifier() + "/libnd4jcpu.so";
    }

    /** The processor flags this build needs. */
    List<String> requiredFlags() {
        return level.flags;
    }

    /** Whether a processor with these flags can run this build (unknown flags: only the generic builds). */
    boolean runsOn(CpuFeatures cpu) {
        return cpu.missing(level.flags).isEmpty();
    }

    /** For the backend line, e.g. {@code oneDNN, AVX2 build}. */
    String describe() {
        return (onednn ? "oneDNN" : "no oneDNN") + ", " + level.label + " build";
    }

    /** The builds whose library a class loader can see (the classifier jars in lib/). */
    static java.util.Set<CpuVariant> onClassPath(ClassLoader loader) {
        java.util.Set<CpuVariant> found = java.util.EnumSet.noneOf(CpuVariant.class);
        for (CpuVariant v : values()) {
            if (loader.getResource(v.resource()) != null) {
                found.add(v);
            }
        }
        return found;
    }

    static Optional<CpuVariant> ofId(String id) {
        for (CpuVariant v : values()) {
            if (v.id.equals(id)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    static Optional<CpuVariant> ofClassifier(String classifier) {
        for (CpuVariant v : values()) {
            if (v.classifier().equals(classifier)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** The variant whose libnd4jcpu.so this is (a path in JavaCPP's cache), if any. */
    static Optional<CpuVariant> ofLibraryPath(String path) {
        if (path == null) {
            return Optional.empty();
        }
        Matcher m = LIBRARY.matcher(path.replace('\\', '/'));
        return m.find() ? ofClassifier(m.group(1)) : Optional.empty();
    }
}
