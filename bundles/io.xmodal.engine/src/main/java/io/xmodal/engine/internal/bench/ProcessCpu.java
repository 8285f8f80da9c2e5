package io.xmodal.engine.internal.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.reflect.Method;

/**
 * CPU time of the whole process (every thread, user and system), from the JDK's
 * {@code com.sun.management.OperatingSystemMXBean}. Reached through reflection on that exported
 * interface because a bundle does not import {@code com.sun.management}.
 */
final class ProcessCpu {
    private static final OperatingSystemMXBean BEAN = ManagementFactory.getOperatingSystemMXBean();
    private static final Method METHOD = find();

    private ProcessCpu() {
    }

    private static Method find() {
        for (Class<?> c = BEAN.getClass(); c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                // com.sun.management.OperatingSystemMXBean or its Unix sub-interface: both exported, both have the method
                if (i.getName().startsWith("com.sun.management.")) {
                    try {
                        return i.getMethod("getProcessCpuTime");
                    } catch (NoSuchMethodException e) {
                        return null;
                    }
                }
            }
        }
        return null;
    }

    /** Nanoseconds of CPU the process has used, or -1 when the JVM cannot tell. */
    static long nanos() {
        if (METHOD == null) {
            return -1;
        }
        try {
            return (Long) METHOD.invoke(BEAN);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }
}
