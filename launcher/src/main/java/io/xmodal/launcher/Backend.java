package io.xmodal.launcher;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.nd4j.common.config.ND4JClassLoading;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Chooses and starts the compute backend, on the launcher's main thread, before the framework
 * starts. Kept apart from {@link Main} so that {@code --help} never loads an ND4J class.
 *
 * <p>The class-loader trap: ND4J captures a class loader the first time it is touched; touched first
 * from a bundle thread it stays broken for the JVM ({@code NoAvailableBackendException}, or an NPE on
 * {@code memoryManagerClazz}). So ND4J is given the launcher's loader and touched here, once.
 */
final class Backend {
    static final String PLATFORM_EXTENSION = "org.bytedeco.javacpp.platform.extension";

    /** The backends this launcher can start. */
    enum Kind {
        /** nd4j-native on the CPU, with the oneDNN build of libnd4j. */
        cpu
    }

    /**
     * The started backend.
     *
     * @param kind      what was asked for
     * @param onednn    whether the loaded libnd4j reports {@code HAVE_ONEDNN}
     * @param threads   OpenMP / ND4J threads
     * @param buildInfo libnd4j's build information
     */
    record Info(Kind kind, boolean onednn, int threads, String buildInfo) {
        /** For example {@code cpu-onednn}. */
        String id() {
            return kind.name() + (onednn ? "-onednn" : "");
        }

        /** One line for {@code --verbose}. */
        String line() {
            return "backend: " + kind + (onednn ? " with oneDNN" : " without oneDNN") + " (nd4j-native, libnd4j "
                    + String.join(" ", features(buildInfo)) + "), " + threads + (threads == 1 ? " thread" : " threads");
        }

        /** The {@code HAVE_*} flags of the build information. */
        static List<String> features(String build) {
            return Arrays.stream(build.split("\\s+")).filter(t -> t.startsWith("HAVE_")).toList();
        }
    }

    private Backend() {
    }

    /** Sets the system properties that select the backend; must run before ND4J loads. */
    static void select(Kind kind, Properties props) {
        if (kind == Kind.cpu) {
            // keeps an explicit choice (e.g. -onednn-avx2 through XMODAL_JAVA_OPTS)
            props.putIfAbsent(PLATFORM_EXTENSION, "-onednn");
        }
    }

    /** Loads ND4J from this thread with the launcher's class loader, applies the threads, checks oneDNN. */
    static Info start(Kind kind, int threads) {
        ND4JClassLoading.setNd4jClassloader(Backend.class.getClassLoader());
        Nd4j.create(1);
        Environment env = Nd4j.getEnvironment();
        env.setMaxThreads(threads);
        env.setMaxMasterThreads(threads);
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        ops.setOmpNumThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads); // OpenBLAS reads OMP_NUM_THREADS once; --threads wins
        String build = String.valueOf(ops.buildInfo());
        return new Info(kind, build.contains("HAVE_ONEDNN"), threads, build);
    }

    /** True when oneDNN was asked for through the platform extension. */
    static boolean onednnRequested(Properties props) {
        return props.getProperty(PLATFORM_EXTENSION, "").toLowerCase(Locale.ROOT).contains("onednn");
    }
}
