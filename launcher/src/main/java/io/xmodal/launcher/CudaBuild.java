package io.xmodal.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The CUDA build of ND4J that a distribution built with {@code -Pcuda} carries in {@code lib/cuda/}
 * (kept out of {@code lib/}, so that it is on the class path only when {@code --backend cuda} asks
 * for it): {@code nd4j-cuda-11.6} 1.0.0-M2.1 with cuDNN, and the CUDA 11.6 / cuDNN 8.3 libraries.
 *
 * <p>Which GPUs it can run on: its {@code libnd4jcuda.so} holds 239 fat binaries, each with cubins
 * for exactly {@link #CUBINS} and no PTX (read from the library's fatbin headers, see
 * docs/backends.md). Without PTX the driver cannot compile kernels for a newer architecture, and a
 * cubin runs only on its own major version at the same or a higher minor version. So the build runs
 * on compute capability 3.7, 5.0 to 6.x, 7.x and 8.x; not on 3.5 or older, nor on Hopper (9.0) or
 * later: there every kernel launch fails with "no kernel image is available".
 *
 * @param jars the jars of {@code lib/cuda/}; empty when the distribution has no CUDA build
 */
record CudaBuild(List<Path> jars) {
    /** What the build is, for messages. */
    static final String NAME = "nd4j-cuda-11.6 1.0.0-M2.1";
    /** The architectures of the cubins in libnd4jcuda.so (sm_37 ... sm_86), as capability codes. */
    static final List<Integer> CUBINS = List.of(37, 50, 52, 60, 61, 70, 75, 80, 86);
    /** The supported range as the issue and FINDINGS name it; {@link #runsOn} is the exact rule. */
    static final String RANGE = "3.7 to 8.x (cubins for sm_37 to sm_86, no PTX)";

    CudaBuild {
        jars = List.copyOf(jars);
    }

    /** The CUDA build in {@code lib/cuda/} of a distribution (none when the folder is absent). */
    static CudaBuild in(Distribution dist) {
        Path dir = dist.home().resolve("lib").resolve("cuda");
        if (!Files.isDirectory(dir)) {
            return new CudaBuild(List.of());
        }
        try (Stream<Path> files = Files.list(dir)) {
            return new CudaBuild(files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList());
        } catch (IOException e) {
            return new CudaBuild(List.of());
        }
    }

    /** Whether the ND4J CUDA backend itself is there (not only some jar). */
    boolean present() {
        return jars.stream().anyMatch(j -> j.getFileName().toString().startsWith("nd4j-cuda-11.6-"));
    }

    /** Whether the cuDNN flavour of libnd4jcuda is there (platform extension {@code -cudnn}). */
    boolean withCudnn() {
        return jars.stream().anyMatch(j -> j.getFileName().toString().matches("nd4j-cuda-11\\.6-.*-linux-x86_64-cudnn\\.jar"));
    }

    /** Whether the CUDA 11 runtime libraries (cuBLAS, cuSOLVER, cuDNN) come with it. */
    boolean withRedist() {
        return jars.stream().anyMatch(j -> j.getFileName().toString().matches("cuda-11\\.6-.*-linux-x86_64-redist\\.jar"));
    }

    /**
     * Whether a GPU can run this build's kernels: some cubin has the GPU's major version and a minor
     * version no higher than the GPU's. A GPU of unknown capability counts as runnable (and is said to be unknown).
     */
    static boolean runsOn(Gpu gpu) {
        if (!gpu.capabilityKnown()) {
            return true;
        }
        return CUBINS.stream().anyMatch(c -> c / 10 == gpu.major() && c % 10 <= gpu.minor());
    }

    /** The cubin list as {@code sm_37, sm_50, ...}. */
    static String cubins() {
        return CUBINS.stream().map(c -> "sm_" + c).collect(Collectors.joining(", "));
    }
}
