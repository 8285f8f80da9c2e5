package io.xmodal.launcher;

import java.util.Map;
import java.util.Properties;

/**
 * Memory and thread limits for one launch.
 *
 * <p>Defaults from the machine size, the same formula as {@code bin/xmodal} (in MiB):
 * heap = memory/4 within [256 MiB, 4 GiB]; off-heap (JavaCPP {@code maxbytes}) = memory/2, at least
 * 512 MiB; physical (JavaCPP {@code maxphysicalbytes}, the whole process) = heap + off-heap + 1 GiB,
 * at most 90% of memory; threads = cores. {@code bin/xmodal} passes its values as system properties
 * (overridable through {@code XMODAL_JAVA_OPTS}); this class keeps whatever is set, fills in what is
 * not, and {@code --offheap} / {@code --threads} win over both.
 *
 * @param maxHeap          the JVM's maximum heap
 * @param maxBytes         the off-heap limit for ND4J arrays ({@code org.bytedeco.javacpp.maxbytes})
 * @param maxPhysicalBytes the limit on the process's resident memory ({@code org.bytedeco.javacpp.maxphysicalbytes})
 * @param threads          OpenMP / ND4J threads
 */
record HostSettings(long maxHeap, long maxBytes, long maxPhysicalBytes, int threads) {
    static final String MAX_BYTES = "org.bytedeco.javacpp.maxbytes";
    static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxphysicalbytes";

    /** The defaults for a machine; {@code maxHeap} is what {@code bin/xmodal} gives to {@code -Xmx}. */
    static HostSettings defaults(MachineLimits machine) {
        long mem = machine.memoryBytes() / Size.MIB;
        long heap = Math.min(Math.max(mem / 4, 256), 4096);
        long off = Math.max(mem / 2, 512);
        long phys = Math.min(heap + off + 1024, mem * 9 / 10);
        return new HostSettings(heap * Size.MIB, off * Size.MIB, phys * Size.MIB, machine.cores());
    }

    /**
     * The settings of this launch.
     *
     * @param machine the machine
     * @param maxHeap the JVM's real maximum heap ({@code Runtime.maxMemory()})
     * @param offheap {@code --offheap}, or null
     * @param threads {@code --threads}, or null
     * @param props   the system properties (JavaCPP limits already given)
     * @param env     the environment ({@code OMP_NUM_THREADS})
     */
    static HostSettings resolve(MachineLimits machine, long maxHeap, Long offheap, Integer threads,
                                Properties props, Map<String, String> env) {
        HostSettings d = defaults(machine);
        long maxBytes;
        long physical;
        if (offheap != null) {
            maxBytes = offheap;
            physical = offheap + maxHeap + Size.GIB;
        } else {
            maxBytes = sizeOr(props.getProperty(MAX_BYTES), d.maxBytes());
            physical = sizeOr(props.getProperty(MAX_PHYSICAL_BYTES),
                    Math.min(maxHeap + maxBytes + Size.GIB, machine.memoryBytes() / 10 * 9));
        }
        int n = threads != null ? threads : intOr(env.get("OMP_NUM_THREADS"), machine.cores());
        return new HostSettings(maxHeap, maxBytes, physical, n);
    }

    /** Sets the JavaCPP limits; must run before JavaCPP's {@code Pointer} class is loaded. */
    void apply(Properties props, boolean overwrite) {
        if (overwrite || props.getProperty(MAX_BYTES) == null) {
            props.setProperty(MAX_BYTES, Long.toString(maxBytes));
        }
        if (overwrite || props.getProperty(MAX_PHYSICAL_BYTES) == null) {
            props.setProperty(MAX_PHYSICAL_BYTES, Long.toString(maxPhysicalBytes));
        }
    }

    private static long sizeOr(String text, long fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Size.parse(text);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    private static int intOr(String text, int fallback) {
        try {
            int n = text == null ? 0 : Integer.parseInt(text.trim());
            return n > 0 ? n : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
