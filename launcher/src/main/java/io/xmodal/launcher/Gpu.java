package io.xmodal.launcher;

import java.util.Locale;

/**
 * One NVIDIA GPU as the driver reports it.
 *
 * @param index  the device index (as {@code nvidia-smi} and CUDA number them)
 * @param name   e.g. {@code NVIDIA H100 80GB HBM3}
 * @param major  compute capability, major part; -1 when unknown
 * @param minor  compute capability, minor part; -1 when unknown
 * @param source where the capability came from: {@code nvidia-smi}, {@code the GPU name},
 *               {@code XMODAL_SIMULATE_GPU} or {@code unknown}
 */
record Gpu(int index, String name, int major, int minor, String source) {
    boolean capabilityKnown() {
        return major >= 0 && minor >= 0;
    }

    /** e.g. {@code 9.0}, or {@code unknown}. */
    String capability() {
        return capabilityKnown() ? major + "." + minor : "unknown";
    }

    /** Capability as one comparable number: 9.0 is 90, 3.7 is 37. */
    int capabilityCode() {
        return major * 10 + minor;
    }

    /** e.g. {@code GPU 0, NVIDIA H100 80GB HBM3 (compute capability 9.0)}. */
    String describe() {
        return String.format(Locale.ROOT, "GPU %d, %s (compute capability %s%s)", index, name, capability(),
                "nvidia-smi".equals(source) ? "" : ", from " + source);
    }

    /** Parses {@code 8.6} into a GPU with that capability. */
    static Gpu of(int index, String name, String capability, String source) {
        String c = capability.trim();
        int dot = c.indexOf('.');
        if (dot <= 0 || dot == c.length() - 1) {
            throw new IllegalArgumentException("'" + capability + "' is not a compute capability such as 8.6");
        }
        try {
            int major = Integer.parseInt(c.substring(0, dot));
            int minor = Integer.parseInt(c.substring(dot + 1));
            if (major < 1 || minor < 0 || minor > 9) {
                throw new NumberFormatException();
            }
            return new Gpu(index, name, major, minor, source);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + capability + "' is not a compute capability such as 8.6");
        }
    }
}
