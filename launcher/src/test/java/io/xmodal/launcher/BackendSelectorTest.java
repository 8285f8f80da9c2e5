package io.xmodal.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Which backend a launch gets, over processor flags, shipped builds and GPU capabilities. */
class BackendSelectorTest {
    private static final Set<String> AVX2 = Set.of("sse4_1", "sse4_2", "avx", "avx2", "fma", "f16c", "bmi1", "bmi2");
    private static final Set<String> AVX512 = union(AVX2, Set.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"));
    private static final Set<String> OLD = Set.of("sse4_1", "sse4_2", "avx"); // Sandy Bridge: AVX without AVX2
    private static final Set<CpuVariant> DEFAULT = EnumSet.of(CpuVariant.ONEDNN, CpuVariant.ONEDNN_AVX2, CpuVariant.ONEDNN_AVX512);
    private static final CudaBuild NO_CUDA = new CudaBuild(List.of());
    private static final CudaBuild CUDA = new CudaBuild(List.of(Path.of("lib/cuda/nd4j-cuda-11.6-1.0.0-M2.1.jar"),
            Path.of("lib/cuda/nd4j-cuda-11.6-1.0.0-M2.1-linux-x86_64-cudnn.jar")));

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> s = new java.util.HashSet<>(a);
        s.addAll(b);
        return s;
    }

    private static CpuFeatures cpu(Set<String> flags) {
        return new CpuFeatures("Test CPU", flags, "/proc/cpuinfo");
    }

    private static BackendSelector selector(Set<String> flags, Set<CpuVariant> shipped) {
        return new BackendSelector(cpu(flags), "linux-x86_64", shipped, NO_CUDA, () -> {
            throw new AssertionError("no GPU probe for a CPU backend");
        });
    }

    private static BackendSelector withGpus(CudaBuild cuda, Gpu... gpus) {
        return new BackendSelector(cpu(AVX2), "linux-x86_64", DEFAULT, cuda, () -> new GpuProbe.Scan(List.of(gpus), "test"));
    }

    private static String refusal(BackendSelector s, String backend) {
        return assertThrows(BackendSelector.Refusal.class, () -> s.plan(BackendName.parse(backend), null)).getMessage();
    }

    @Test
    void autoPicksTheWidestOneDnnBuildTheProcessorRuns() throws Exception {
        assertEquals(CpuVariant.ONEDNN_AVX512, selector(AVX512, DEFAULT).plan(BackendName.CPU, null).variant());
        assertEquals(CpuVariant.ONEDNN_AVX2, selector(AVX2, DEFAULT).plan(BackendName.CPU, null).variant());
        assertEquals(CpuVariant.ONEDNN, selector(OLD, DEFAULT).plan(BackendName.CPU, null).variant());
        BackendSelector.Plan p = selector(AVX2, DEFAULT).plan(BackendName.CPU, null);
        assertEquals("cpu-onednn-avx2", p.id());
        assertEquals("the best build for this CPU", p.reason());
        assertFalse(p.fellBack());
        assertTrue(p.notes().isEmpty());
    }

    @Test
    void avx512NeedsEveryFlagItWasCompiledFor() throws Exception {
        // avx512f alone (e.g. Knights Landing: no avx512bw/dq/vl) is not enough for -mavx512bw -mavx512dq -mavx512vl code
        Set<String> knl = union(AVX2, Set.of("avx512f", "avx512cd"));
        assertEquals(CpuVariant.ONEDNN_AVX2, selector(knl, DEFAULT).plan(BackendName.CPU, null).variant());
        String why = refusal(selector(knl, DEFAULT), "cpu-avx512");
        assertTrue(why.contains("lacks avx512bw avx512dq avx512vl"), why);
        // AVX2 without FMA (VIA, some early parts) is not the AVX2 build's target either
        Set<String> noFma = Set.of("sse4_1", "sse4_2", "avx", "avx2", "f16c");
        assertEquals(CpuVariant.ONEDNN, selector(noFma, DEFAULT).plan(BackendName.CPU, null).variant());
    }

    @Test
    void unknownFlagsGiveTheGenericBuildAndTrustAnExplicitChoice() throws Exception {
        BackendSelector s = new BackendSelector(CpuFeatures.unknown(), "linux-x86_64", DEFAULT, NO_CUDA, () -> null);
        BackendSelector.Plan auto = s.plan(BackendName.CPU, null);
        assertEquals(CpuVariant.ONEDNN, auto.variant());
        assertTrue(auto.notes().get(0).contains("flags are unknown"), auto.notes().toString());
        BackendSelector.Plan asked = s.plan(BackendName.parse("cpu-avx2"), null);
        assertEquals(CpuVariant.ONEDNN_AVX2, asked.variant());
        assertTrue(asked.notes().get(0).contains("unchecked"), asked.notes().toString());
    }

    @Test
    void explicitBuildsAreCheckedAgainstTheProcessorAndTheDistribution() throws Exception {
        assertEquals(CpuVariant.ONEDNN, selector(AVX512, DEFAULT).plan(BackendName.parse("cpu-generic"), null).variant());
        assertEquals(CpuVariant.ONEDNN_AVX2, selector(AVX512, DEFAULT).plan(BackendName.parse("cpu-onednn-avx2"), null).variant());
        String why = refusal(selector(AVX2, DEFAULT), "cpu-avx512");
        assertTrue(why.startsWith("--backend cpu-avx512: the cpu-onednn-avx512 build needs AVX-512 ("), why);
        assertTrue(why.contains("this processor (Test CPU) lacks avx512f avx512cd avx512bw avx512dq avx512vl"), why);
        assertTrue(why.endsWith("--backend cpu picks cpu-onednn-avx2 here"), why);
        String missing = refusal(selector(AVX2, DEFAULT), "cpu-plain-avx2");
        assertTrue(missing.contains("not in this distribution; build the distribution with -Pcpu-plain"), missing);
        assertTrue(missing.contains("it has cpu-onednn-avx512, cpu-onednn-avx2, cpu-onednn"), missing);
        Set<CpuVariant> all = EnumSet.allOf(CpuVariant.class);
        assertEquals(CpuVariant.PLAIN_AVX2, selector(AVX2, all).plan(BackendName.parse("cpu-plain-avx2"), null).variant());
        assertEquals(CpuVariant.ONEDNN_AVX2, selector(AVX2, all).plan(BackendName.CPU, null).variant(), "oneDNN first");
    }

    @Test
    void autoStepsDownWhenABuildIsMissing() throws Exception {
        assertEquals(CpuVariant.ONEDNN, selector(AVX512, EnumSet.of(CpuVariant.ONEDNN)).plan(BackendName.CPU, null).variant());
        assertEquals(CpuVariant.PLAIN_AVX2, selector(AVX2, EnumSet.of(CpuVariant.PLAIN, CpuVariant.PLAIN_AVX2))
                .plan(BackendName.CPU, null).variant());
        String none = refusal(selector(AVX2, EnumSet.noneOf(CpuVariant.class)), "cpu");
        assertTrue(none.contains("no nd4j-native build"), none);
    }

    @Test
    void otherPlatformsAreRefused() {
        BackendSelector arm = new BackendSelector(cpu(Set.of("asimd")), "linux-arm64", DEFAULT, NO_CUDA, () -> null);
        String why = assertThrows(BackendSelector.Refusal.class, () -> arm.plan(BackendName.CPU, null)).getMessage();
        assertTrue(why.startsWith("this distribution's ND4J builds are for linux-x86_64 and this machine is linux-arm64"), why);
    }

    @Test
    void hopperIsRefusedWithItsNameCapabilityTheRangeAndTheCpuFallback() {
        BackendSelector s = withGpus(CUDA, new Gpu(0, "NVIDIA H100 80GB HBM3", 9, 0, "nvidia-smi"));
        String why = refusal(s, "cuda");
        assertTrue(why.contains("GPU 0, NVIDIA H100 80GB HBM3 (compute capability 9.0)"), why);
        assertTrue(why.contains("compute capability 3.7 to 8.x"), why);
        assertTrue(why.contains("no kernels for 9.0"), why);
        assertTrue(why.contains("--backend cpu") && why.contains("--fallback cpu"), why);
        // the capability decides even when the distribution has no CUDA build at all
        assertTrue(refusal(withGpus(NO_CUDA, new Gpu(0, "NVIDIA H200", 9, 0, "nvidia-smi")), "cuda").contains("no kernels for 9.0"));
        assertTrue(refusal(withGpus(CUDA, new Gpu(0, "NVIDIA B200", 10, 0, "nvidia-smi")), "cuda").contains("no kernels for 10.0"));
        assertTrue(refusal(withGpus(CUDA, new Gpu(0, "Tesla K40", 3, 5, "nvidia-smi")), "cuda").contains("no kernels for 3.5"));
    }

    @Test
    void fallbackContinuesOnTheCpuAndSaysWhy() throws Exception {
        BackendSelector s = withGpus(CUDA, new Gpu(0, "NVIDIA H100 80GB HBM3", 9, 0, "XMODAL_SIMULATE_GPU"));
        BackendSelector.Plan p = s.plan(BackendName.CUDA, BackendName.CPU);
        assertEquals(CpuVariant.ONEDNN_AVX2, p.variant());
        assertTrue(p.fellBack());
        assertEquals("--fallback cpu", p.reason());
        assertTrue(p.fallbackLine().startsWith("using cpu-onednn-avx2 instead of --backend cuda: GPU 0, NVIDIA H100"),
                p.fallbackLine());
        assertEquals(CpuVariant.ONEDNN, s.plan(BackendName.CUDA, BackendName.parse("cpu-generic")).variant());
        // a fallback that cannot run either is refused with its own reason
        String why = assertThrows(BackendSelector.Refusal.class,
                () -> selector(AVX2, DEFAULT).plan(BackendName.parse("cpu-avx512"), BackendName.parse("cpu-plain"))).getMessage();
        assertTrue(why.contains("cpu-plain build"), why);
    }

    @Test
    void supportedGpusGetCudaWhenTheDistributionHasIt() throws Exception {
        for (Gpu g : List.of(new Gpu(0, "NVIDIA A100-SXM4-40GB", 8, 0, "nvidia-smi"), new Gpu(0, "NVIDIA A10G", 8, 6, "nvidia-smi"),
                new Gpu(0, "Tesla T4", 7, 5, "nvidia-smi"), new Gpu(0, "Tesla V100", 7, 0, "nvidia-smi"),
                new Gpu(0, "Tesla K80", 3, 7, "nvidia-smi"), new Gpu(0, "NVIDIA L4", 8, 9, "nvidia-smi"))) {
            BackendSelector.Plan p = withGpus(CUDA, g).plan(BackendName.CUDA, null);
            assertTrue(p.cuda(), g.name());
            assertNull(p.variant());
            assertEquals(List.of(g), p.gpus());
        }
        String noBuild = refusal(withGpus(NO_CUDA, new Gpu(0, "NVIDIA A100", 8, 0, "nvidia-smi")), "cuda");
        assertTrue(noBuild.contains("this distribution has no CUDA build") && noBuild.contains("-Pcuda"), noBuild);
        assertEquals(CpuVariant.ONEDNN_AVX2, withGpus(NO_CUDA, new Gpu(0, "NVIDIA A100", 8, 0, "nvidia-smi"))
                .plan(BackendName.CUDA, BackendName.CPU).variant());
    }

    @Test
    void aSupportedGpuWithoutDriverFallsBackBeforeAnythingLoads() throws Exception {
        BackendSelector s = new BackendSelector(cpu(AVX2), "linux-x86_64", DEFAULT, CUDA,
                () -> new GpuProbe.Scan(List.of(new Gpu(0, "NVIDIA A100", 8, 0, GpuProbe.SIMULATE)), "simulated", false));
        String why = refusal(s, "cuda");
        assertTrue(why.startsWith("--backend cuda: no NVIDIA driver is loaded on this machine (/proc/driver/nvidia/version is missing)"), why);
        BackendSelector.Plan p = s.plan(BackendName.CUDA, BackendName.CPU);
        assertEquals(CpuVariant.ONEDNN_AVX2, p.variant());
        assertEquals("using cpu-onednn-avx2 instead of --backend cuda: no NVIDIA driver is loaded on this machine "
                + "(/proc/driver/nvidia/version is missing), so CUDA cannot start", p.fallbackLine());
    }

    @Test
    void noGpuAndMixedGpus() throws Exception {
        String none = refusal(withGpus(CUDA), "cuda");
        assertTrue(none.startsWith("--backend cuda: no NVIDIA GPU found (test)"), none);
        String mixed = refusal(withGpus(CUDA, new Gpu(0, "NVIDIA A100", 8, 0, "nvidia-smi"),
                new Gpu(1, "NVIDIA H100", 9, 0, "nvidia-smi")), "cuda");
        assertTrue(mixed.contains("GPU 1, NVIDIA H100") && mixed.contains("CUDA_VISIBLE_DEVICES"), mixed);
        BackendSelector.Plan unknown = withGpus(CUDA, new Gpu(0, "Some Future GPU", -1, -1, "unknown")).plan(BackendName.CUDA, null);
        assertTrue(unknown.cuda());
        assertTrue(unknown.notes().get(0).contains("could not be read"), unknown.notes().toString());
    }

    @Test
    void theGpuIsProbedOnlyForCuda() throws Exception {
        AtomicInteger probes = new AtomicInteger();
        BackendSelector s = new BackendSelector(cpu(AVX2), "linux-x86_64", DEFAULT, CUDA, () -> {
            probes.incrementAndGet();
            return new GpuProbe.Scan(List.of(), "none");
        });
        s.plan(BackendName.CPU, null);
        s.plan(BackendName.parse("cpu-avx2"), null);
        assertEquals(0, probes.get());
        assertThrows(BackendSelector.Refusal.class, () -> s.plan(BackendName.CUDA, null));
        assertEquals(1, probes.get());
    }

    @Test
    void namesAndAliases() {
        assertEquals(CpuVariant.ONEDNN, BackendName.parse("cpu-generic").variant());
        assertEquals(CpuVariant.ONEDNN, BackendName.parse("CPU-ONEDNN").variant());
        assertEquals(CpuVariant.ONEDNN_AVX512, BackendName.parse("cpu-avx512").variant());
        assertEquals(CpuVariant.PLAIN, BackendName.parse("cpu-plain").variant());
        assertTrue(BackendName.parse("cuda").cuda());
        String why = assertThrows(IllegalArgumentException.class, () -> BackendName.parse("gpu")).getMessage();
        assertTrue(why.startsWith("'gpu' is not a backend; choose cpu (the best build for this CPU), cpu-generic"), why);
        for (CpuVariant v : CpuVariant.values()) {
            assertEquals(v, BackendName.parse(v.id).variant(), v.id);
        }
    }
}
