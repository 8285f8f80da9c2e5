package io.xmodal.launcher;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A value of {@code --backend} or {@code --fallback}: {@code cpu} (the best CPU build for this
 * machine), one CPU build by name, or {@code cuda}.
 *
 * @param text    the name as the user wrote it (lower case)
 * @param variant the CPU build asked for, or null for {@code cpu} and {@code cuda}
 * @param cuda    whether the CUDA backend is asked for
 */
record BackendName(String text, CpuVariant variant, boolean cuda) {
    static final BackendName CPU = new BackendName("cpu", null, false);
    static final BackendName CUDA = new BackendName("cuda", null, true);

    /** Every accepted name and what it selects; the short names are the oneDNN builds. */
    static final Map<String, BackendName> NAMES = names();

    /** The choices as the help shows them. */
    static final String CHOICES = "cpu (the best build for this CPU), cpu-generic, cpu-avx2, cpu-avx512 "
            + "(oneDNN builds, also named cpu-onednn, cpu-onednn-avx2, cpu-onednn-avx512), cpu-plain, cpu-plain-avx2, "
            + "cpu-plain-avx512 (without oneDNN: only in a distribution built with -Pcpu-plain), cuda (only in a "
            + "distribution built with -Pcuda)";

    private static Map<String, BackendName> names() {
        Map<String, BackendName> m = new LinkedHashMap<>();
        m.put("cpu", CPU);
        m.put("cpu-generic", new BackendName("cpu-generic", CpuVariant.ONEDNN, false));
        m.put("cpu-avx2", new BackendName("cpu-avx2", CpuVariant.ONEDNN_AVX2, false));
        m.put("cpu-avx512", new BackendName("cpu-avx512", CpuVariant.ONEDNN_AVX512, false));
        for (CpuVariant v : CpuVariant.values()) {
            m.put(v.id, new BackendName(v.id, v, false));
        }
        m.put("cuda", CUDA);
        return Map.copyOf(m);
    }

    /** The backend a name selects; the message lists the valid names. */
    static BackendName parse(String text) {
        BackendName b = NAMES.get(text.trim().toLowerCase(Locale.ROOT));
        if (b == null) {
            throw new IllegalArgumentException("'" + text + "' is not a backend; choose " + CHOICES);
        }
        return b;
    }

    boolean isCpu() {
        return !cuda;
    }

    @Override
    public String toString() {
        return text;
    }

    /** picocli: {@code --backend NAME}. */
    static final class Converter implements ITypeConverter<BackendName> {
        @Override
        public BackendName convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** picocli: {@code --fallback NAME}, a CPU backend. */
    static final class CpuConverter implements ITypeConverter<BackendName> {
        @Override
        public BackendName convert(String value) {
            BackendName b = new Converter().convert(value);
            if (b.cuda) {
                throw new TypeConversionException("the fallback must be a CPU backend (cpu, cpu-generic, cpu-avx2, ...), not cuda");
            }
            return b;
        }
    }
}
