package io.xmodal.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.bytedeco.javacpp.Loader;
import org.nd4j.common.config.ND4JClassLoading;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Starts the backend that {@link BackendSelector} chose, on the launcher's main thread, before the
 * framework starts. Kept apart from {@link Main} so that {@code --help} never loads an ND4J class.
 *
 * <p>The class-loader trap: ND4J captures a class loader the first time it is touched; touched first
 * from a bundle thread it stays broken for the JVM ({@code NoAvailableBackendException}, or an NPE on
 * {@code memoryManagerClazz}). So ND4J is given the launcher's loader (for CUDA: a loader over
 * {@code lib/cuda/} whose parent is the launcher's) and touched here, once.
 *
 * <p>After loading, the library JavaCPP really loaded is checked: for a classifier jar that is not
 * on the class path JavaCPP silently loads the plain {@code linux-x86_64} build instead.
 */
final class Backend {
    static final String PLATFORM_EXTENSION = "org.bytedeco.javacpp.platform.extension";

    /** The backend could not start as planned (exit status 1), or the GPU turned out unsupported (2). */
    static final class StartFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        StartFailure(String message, int status) {
            super(message);
            this.status = status;
        }
    }

    /**
     * The started backend.
     *
     * @param plan         what was chosen and why
     * @param variant      the CPU build that really loaded (null for CUDA)
     * @param device       the GPU in use (null on the CPU)
     * @param cpu          the processor
     * @param threads      OpenMP / ND4J threads
     * @param nd4jVersion  the ND4J version, e.g. {@code 1.0.0-M2.1}
     * @param buildInfo    libnd4j's build information
     * @param library      the file of the loaded libnd4j (in JavaCPP's cache)
     * @param binaryLevel  libnd4j's instruction level: 1 generic, 2 AVX2, 3 AVX-512 (CPU only, else 0)
     * @param optimalLevel the best level for this processor by libnd4j's own CPUID check (CPU only, else 0)
     * @param notes        what the start met that the plan did not foresee (ND4J loaded earlier in this JVM)
     */
    record Info(BackendSelector.Plan plan, CpuVariant variant, Gpu device, CpuFeatures cpu, int threads, String nd4jVersion,
                String buildInfo, String library, int binaryLevel, int optimalLevel, List<String> notes) {
        /** For example {@code cpu-onednn-avx2} or {@code cuda}. */
        String id() {
            return variant != null ? variant.id : "cuda";
        }

        boolean onednn() {
            return buildInfo.contains("HAVE_ONEDNN");
        }

        /** The one line said at start, e.g. {@code backend: cpu-onednn-avx2 (AMD EPYC, avx2 fma f16c; ...)}. */
        String line(long offheapBytes) {
            String where = device != null ? device.describe() + "; " + CudaBuild.NAME + (buildInfo.contains("HAVE_CUDNN") ? " with cuDNN" : "")
                    : cpu.summary() + "; " + variant.describe();
            return "backend: " + id() + " (" + where + "; " + threads + (threads == 1 ? " thread" : " threads") + ", off-heap "
                    + Size.format(offheapBytes) + ")";
        }

        /** e.g. {@code nd4j-native 1.0.0-M2.1 linux-x86_64-onednn-avx2 (HAVE_FLATBUFFERS HAVE_ONEDNN HAVE_OPENBLAS)}. */
        String build() {
            String artifact = variant != null ? "nd4j-native " + nd4jVersion + " " + variant.classifier() : CudaBuild.NAME;
            return artifact + " (" + String.join(" ", features(buildInfo)) + ")";
        }

        /** The {@code HAVE_*} flags of the build information. */
        static List<String> features(String build) {
            return Arrays.stream(build.split("\\s+")).filter(t -> t.startsWith("HAVE_")).toList();
        }

        static String levelName(int level) {
            return switch (level) {
                case 1 -> "generic x86-64";
                case 2 -> "AVX2";
                case 3 -> "AVX-512";
                default -> "unknown (" + level + ")";
            };
        }
    }

    private Backend() {
    }

    /** Sets the system property that selects the native build; must run before JavaCPP loads anything. */
    static void select(BackendSelector.Plan plan, CudaBuild cuda, Properties props) {
        if (plan.cuda()) {
            props.setProperty(PLATFORM_EXTENSION, cuda.withCudnn() ? "-cudnn" : "");
        } else {
            props.setProperty(PLATFORM_EXTENSION, plan.variant().extension);
        }
    }

    /** Loads ND4J from this thread with the right class loader, applies the threads, checks what loaded. */
    static Info start(BackendSelector.Plan plan, CudaBuild cuda, CpuFeatures cpu, int threads) {
        String before = Loader.getLoadedLibraries().get(plan.cuda() ? "nd4jcuda" : "nd4jcpu");
        ClassLoader own = Backend.class.getClassLoader();
        ClassLoader nd4jLoader = plan.cuda() && before == null ? cudaLoader(cuda, own) : own;
        if (nd4jLoader != own) {
            checkCudaRuntime(nd4jLoader);
        }
        ND4JClassLoading.setNd4jClassloader(nd4jLoader);
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        thread.setContextClassLoader(nd4jLoader);
        try {
            Nd4j.create(1);
        } finally {
            thread.setContextClassLoader(context);
        }
        Environment env = Nd4j.getEnvironment();
        env.setMaxThreads(threads);
        env.setMaxMasterThreads(threads);
        NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
        ops.setOmpNumThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads); // OpenBLAS reads OMP_NUM_THREADS once; --threads wins
        String build = String.valueOf(ops.buildInfo());
        List<String> notes = new ArrayList<>();
        return plan.cuda() ? cudaInfo(plan, cpu, threads, ops, build, before, notes)
                : cpuInfo(plan, cpu, threads, ops, build, before, notes);
    }

    private static Info cpuInfo(BackendSelector.Plan plan, CpuFeatures cpu, int threads, NativeOps ops, String build,
                                String before, List<String> notes) {
        if (!env().isCPU()) {
            throw new StartFailure("a CPU backend was asked for but ND4J loaded " + Nd4j.getBackend().getClass().getSimpleName(), 1);
        }
        String library = Loader.getLoadedLibraries().get("nd4jcpu");
        CpuVariant loaded = CpuVariant.ofLibraryPath(library).orElse(null);
        if (loaded != plan.variant()) {
            String what = loaded == null ? String.valueOf(library) : loaded.id + " (" + library + ")";
            if (before == null) {
                throw new StartFailure("asked JavaCPP for the " + plan.variant().id + " build (platform extension '"
                        + plan.variant().extension + "') but it loaded " + what + "; is nd4j-native " + plan.variant().classifier()
                        + " in lib/?", 1);
            }
            notes.add("ND4J was loaded earlier in this JVM with " + what + "; it stays, whatever --backend says");
        }
        return new Info(plan, loaded != null ? loaded : plan.variant(), null, cpu, threads, nd4jVersion(), build, library,
                ops.binaryLevel(), ops.optimalLevel(), notes);
    }

    private static Info cudaInfo(BackendSelector.Plan plan, CpuFeatures cpu, int threads, NativeOps ops, String build,
                                 String before, List<String> notes) {
        String backend = Nd4j.getBackend().getClass().getSimpleName();
        if (env().isCPU()) {
            throw new StartFailure("the CUDA backend did not load: ND4J chose " + backend + " (run with --verbose for ND4J's reason: "
                    + "a driver for CUDA 11.6, libcuda.so, and the CUDA libraries of lib/cuda/ are needed)", 1);
        }
        int device = 0;
        Gpu gpu = new Gpu(device, String.valueOf(ops.getDeviceName(device)), ops.getDeviceMajor(device), ops.getDeviceMinor(device),
                "the CUDA driver");
        if (!CudaBuild.runsOn(gpu)) {
            throw new StartFailure("--backend cuda: " + gpu.describe() + " cannot run " + CudaBuild.NAME + ", which carries GPU code "
                    + "for compute capability " + CudaBuild.RANGE + ". Use the CPU instead: --backend cpu", 2);
        }
        if (before != null) {
            notes.add("ND4J's CUDA backend was loaded earlier in this JVM");
        }
        return new Info(plan, null, gpu, cpu, threads, nd4jVersion(), build, Loader.getLoadedLibraries().get("nd4jcuda"), 0, 0, notes);
    }

    private static Environment env() {
        return Nd4j.getEnvironment();
    }

    /**
     * Loads the CUDA runtime's JNI library before ND4J does: when that fails (no driver, no
     * libcuda.so.1), ND4J only logs it and carries on with whatever else it finds, so the reason
     * is taken here, where it can be reported.
     */
    private static void checkCudaRuntime(ClassLoader loader) {
        // JavaCPP loads a library for a class of another class loader through Runtime.load0 (reflection)
        if (!Object.class.getModule().isOpen("java.lang", Backend.class.getModule())) {
            throw new StartFailure("the CUDA backend needs the JVM option --add-opens java.base/java.lang=ALL-UNNAMED "
                    + "(bin/xmodal passes it; add it when starting the launcher another way)", 1);
        }
        try {
            Class.forName("org.bytedeco.cuda.global.cudart", true, loader);
        } catch (ClassNotFoundException e) {
            throw new StartFailure("the CUDA build in lib/cuda/ is incomplete: no org.bytedeco.cuda classes (rebuild with -Pcuda)", 1);
        } catch (LinkageError e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new StartFailure("the CUDA backend did not load: " + Console.describe(root)
                    + " (an NVIDIA driver for CUDA 11.6 or later is needed)", 1);
        }
    }

    private static ClassLoader cudaLoader(CudaBuild cuda, ClassLoader parent) {
        List<URL> urls = new ArrayList<>();
        for (Path jar : cuda.jars()) {
            try {
                urls.add(jar.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new StartFailure("cannot use " + jar + ": " + e.getMessage(), 1);
            }
        }
        return new URLClassLoader("xmodal-cuda", urls.toArray(URL[]::new), parent);
    }

    /** The version of nd4j-api on the class path, from its Maven metadata. */
    static String nd4jVersion() {
        try (InputStream in = Nd4j.class.getResourceAsStream("/META-INF/maven/org.nd4j/nd4j-api/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            // below
        }
        return "unknown";
    }
}
