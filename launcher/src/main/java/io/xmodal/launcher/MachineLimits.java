package io.xmodal.launcher;

import java.lang.management.ManagementFactory;

/**
 * The size of the machine the launcher runs on (container limits included).
 *
 * @param memoryBytes physical memory available to this process
 * @param cores       processors available to this process
 */
record MachineLimits(long memoryBytes, int cores) {
    MachineLimits {
        if (memoryBytes <= 0 || cores <= 0) {
            throw new IllegalArgumentException("memory and cores must be positive");
        }
    }

    static MachineLimits detect() {
        long memory = 8 * Size.GIB;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            memory = os.getTotalMemorySize(); // container-aware since JDK 14
        }
        return new MachineLimits(memory, Runtime.getRuntime().availableProcessors());
    }
}
