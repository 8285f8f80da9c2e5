package io.xmodal.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading processor flags, GPU capabilities and the loaded library, without the real hardware. */
class MachineProbeTest {
    @Test
    void cpuinfoGivesTheFirstProcessorsModelAndFlags() {
        String cpuinfo = """
                processor\t: 0
                vendor_id\t: AuthenticAMD
                model name\t: AMD EPYC 7B13
                flags\t\t: fpu sse sse2 ssse3 fma sse4_1 sse4_2 avx f16c avx2 bmi1 bmi2
                bugs\t\t: sysret_ss_attrs

                processor\t: 1
                model name\t: Something Else
                flags\t\t: fpu avx512f
                """;
        CpuFeatures f = CpuFeatures.parseCpuinfo(cpuinfo);
        assertEquals("AMD EPYC 7B13", f.model());
        assertEquals("/proc/cpuinfo", f.source());
        assertTrue(f.has("avx2") && f.has("fma"));
        assertFalse(f.has("avx512f"), "only the first processor counts");
        assertEquals("AMD EPYC 7B13, sse4_2 avx avx2 fma f16c", f.summary());
        assertEquals(List.of("avx512f", "avx512bw"), f.missing(List.of("avx2", "avx512f", "avx512bw")));
        assertTrue(CpuVariant.ONEDNN_AVX2.runsOn(f));
        assertFalse(CpuVariant.ONEDNN_AVX512.runsOn(f));
        assertFalse(CpuFeatures.parseCpuinfo("processor : 0\nmodel name : X\n").known(), "no flags line: unknown");
    }

    @Test
    void lscpuIsTheFallback() {
        String lscpu = """
                Architecture:            x86_64
                Model name:              Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz
                Flags:                   fpu sse4_2 avx avx2 fma f16c avx512f avx512cd avx512bw avx512dq avx512vl bmi1 bmi2 sse4_1
                """;
        CpuFeatures f = CpuFeatures.parseLscpu(lscpu);
        assertEquals("lscpu", f.source());
        assertEquals("Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz", f.model());
        assertTrue(CpuVariant.ONEDNN_AVX512.runsOn(f));
        assertFalse(CpuFeatures.parseLscpu("Architecture: x86_64\n").known());
    }

    @Test
    void thisMachinesFlagsAreRead() {
        CpuFeatures f = CpuFeatures.detect();
        if (java.nio.file.Files.isReadable(java.nio.file.Path.of("/proc/cpuinfo"))) {
            assertTrue(f.known(), f.toString());
            assertTrue(f.has("sse2"), "every x86-64 processor has SSE2: " + f.flags());
        }
    }

    @Test
    void simulatedGpus() {
        GpuProbe.Scan one = GpuProbe.simulated("NVIDIA H100 80GB HBM3:9.0");
        assertEquals(List.of(new Gpu(0, "NVIDIA H100 80GB HBM3", 9, 0, GpuProbe.SIMULATE)), one.gpus());
        assertTrue(one.how().contains("simulated"));
        GpuProbe.Scan two = GpuProbe.simulated("NVIDIA A100-SXM4-40GB:8.0; NVIDIA GeForce RTX 4090:8.9");
        assertEquals(2, two.gpus().size());
        assertEquals(1, two.gpus().get(1).index());
        assertEquals("8.9", two.gpus().get(1).capability());
        assertTrue(GpuProbe.simulated("none").gpus().isEmpty());
        for (String bad : List.of("H100", "H100:", ":9.0", "H100:nine", "H100:9", "H100:9.10")) {
            String why = assertThrows(IllegalArgumentException.class, () -> GpuProbe.simulated(bad), bad).getMessage();
            assertTrue(why.startsWith("XMODAL_SIMULATE_GPU='" + bad + "'"), why);
        }
        assertEquals(GpuProbe.SIMULATE, GpuProbe.scan(java.util.Map.of(GpuProbe.SIMULATE, "Tesla T4:7.5")).gpus().get(0).source());
    }

    @Test
    void nvidiaSmiOutputAndTheNameTable() {
        List<Gpu> gpus = GpuProbe.parseSmi("0, NVIDIA H100 80GB HBM3, 9.0\n1, NVIDIA A100-SXM4-80GB, 8.0\n", true);
        assertEquals(List.of(new Gpu(0, "NVIDIA H100 80GB HBM3", 9, 0, "nvidia-smi"), new Gpu(1, "NVIDIA A100-SXM4-80GB", 8, 0, "nvidia-smi")),
                gpus);
        // an older driver: names only, capability from the name
        List<Gpu> old = GpuProbe.parseSmi("0, Tesla V100-SXM2-16GB\n1, Tesla T4\n2, NVIDIA A10G\n3, Quadro P5000\n", false);
        assertEquals(List.of("7.0", "7.5", "8.6", "unknown"), old.stream().map(Gpu::capability).toList());
        assertEquals("the GPU name", old.get(0).source());
        assertEquals("9.0", GpuProbe.byName(0, "NVIDIA H200").capability());
        assertEquals("8.0", GpuProbe.byName(0, "NVIDIA A100 80GB PCIe").capability(), "A100 before A10");
        assertEquals("8.9", GpuProbe.byName(0, "NVIDIA L4").capability());
        assertEquals("8.9", GpuProbe.byName(0, "NVIDIA L40S").capability());
    }

    @Test
    void theCudaBuildsArchitectures() {
        // cubins sm_37 50 52 60 61 70 75 80 86, no PTX: same major, minor at or above a cubin's
        for (String ok : List.of("3.7", "5.0", "5.3", "6.1", "6.2", "7.0", "7.2", "7.5", "8.0", "8.6", "8.7", "8.9")) {
            assertTrue(CudaBuild.runsOn(Gpu.of(0, "g", ok, "test")), ok);
        }
        for (String no : List.of("3.0", "3.5", "9.0", "10.0", "12.0")) {
            assertFalse(CudaBuild.runsOn(Gpu.of(0, "g", no, "test")), no);
        }
        assertTrue(CudaBuild.runsOn(new Gpu(0, "g", -1, -1, "unknown")), "unknown: tried");
        assertEquals("sm_37, sm_50, sm_52, sm_60, sm_61, sm_70, sm_75, sm_80, sm_86", CudaBuild.cubins());
    }

    @Test
    void theLoadedLibraryNamesItsBuild() {
        String cache = "/root/.javacpp/cache/nd4j-native-1.0.0-M2.1-linux-x86_64-onednn-avx2.jar/org/nd4j/linalg/cpu/nativecpu/bindings/";
        assertEquals(Optional.of(CpuVariant.ONEDNN_AVX2), CpuVariant.ofLibraryPath(cache + "linux-x86_64-onednn-avx2/libnd4jcpu.so"));
        assertEquals(Optional.of(CpuVariant.PLAIN), CpuVariant.ofLibraryPath(cache + "linux-x86_64/libnd4jcpu.so"));
        assertEquals(Optional.of(CpuVariant.PLAIN_AVX512), CpuVariant.ofLibraryPath(cache + "linux-x86_64-avx512/libnd4jcpu.so"));
        assertEquals(Optional.empty(), CpuVariant.ofLibraryPath(cache + "linux-x86_64-onednn/libjnind4jcpu.so"));
        assertEquals(Optional.empty(), CpuVariant.ofLibraryPath(null));
        assertEquals("org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64-onednn/libnd4jcpu.so", CpuVariant.ONEDNN.resource());
        Set<CpuVariant> here = CpuVariant.onClassPath(getClass().getClassLoader());
        assertTrue(here.containsAll(Set.of(CpuVariant.ONEDNN, CpuVariant.ONEDNN_AVX2, CpuVariant.ONEDNN_AVX512)), here.toString());
    }
}
