package io.xmodal.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Decides which backend a launch uses, from what was asked ({@code --backend}, {@code --fallback}),
 * the processor's flags, the CPU builds and the CUDA build the distribution carries, and the GPUs.
 * Pure logic: nothing is loaded here, so that a refusal (exit status 2) comes before anything starts.
 *
 * <p>The rules:
 * <ul>
 *   <li>{@code cpu}: the first of cpu-onednn-avx512, cpu-onednn-avx2, cpu-onednn (then the builds
 *       without oneDNN, in the same order) that the distribution carries and the processor can run.
 *       With unknown processor flags, only a generic build.</li>
 *   <li>a CPU build by name: refused when the distribution lacks it or the processor lacks a flag it
 *       was compiled for (an AVX-512 build dies with SIGILL on a processor without AVX-512).</li>
 *   <li>{@code cuda}: refused without an NVIDIA GPU, on a GPU whose compute capability the CUDA build
 *       has no kernels for ({@link CudaBuild#runsOn}), and when the distribution has no CUDA build.</li>
 *   <li>a refused backend with {@code --fallback NAME}: NAME is chosen instead, and the plan says why.</li>
 * </ul>
 */
final class BackendSelector {
    /** The order in which {@code cpu} tries the builds. */
    static final List<CpuVariant> PREFERENCE = List.of(CpuVariant.ONEDNN_AVX512, CpuVariant.ONEDNN_AVX2, CpuVariant.ONEDNN,
            CpuVariant.PLAIN_AVX512, CpuVariant.PLAIN_AVX2, CpuVariant.PLAIN);

    /** A backend that cannot be used here; the message says why and what to do instead. */
    static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        /** Why, without the advice (what a fallback line repeats). */
        final String reason;

        Refusal(String reason) {
            this(reason, null);
        }

        /** @param advice what to do instead, a sentence; null for none */
        Refusal(String reason, String advice) {
            super(advice == null ? reason : reason + ". " + advice);
            this.reason = reason;
        }
    }

    /**
     * The decision.
     *
     * @param requested what {@code --backend} asked for
     * @param variant   the CPU build to load, or null for CUDA
     * @param gpus      the GPUs CUDA will use (empty for the CPU)
     * @param reason    why this backend, in a few words (e.g. {@code the best build for this CPU})
     * @param refusal   why the requested backend was refused when {@code --fallback} replaced it, else null
     * @param notes     warnings to show (a capability that could not be read, unknown processor flags)
     */
    record Plan(BackendName requested, CpuVariant variant, List<Gpu> gpus, String reason, String refusal, List<String> notes) {
        Plan {
            gpus = List.copyOf(gpus);
            notes = List.copyOf(notes);
        }

        boolean cuda() {
            return variant == null;
        }

        /** e.g. {@code cpu-onednn-avx2} or {@code cuda}. */
        String id() {
            return cuda() ? "cuda" : variant.id;
        }

        /** Whether a fallback replaced what was asked for. */
        boolean fellBack() {
            return refusal != null;
        }

        /** The line that says a fallback was taken, or null. */
        String fallbackLine() {
            return refusal == null ? null : "using " + id() + " instead of --backend " + requested + ": " + refusal;
        }
    }

    private final CpuFeatures cpu;
    private final String platform;
    private final Set<CpuVariant> shipped;
    private final CudaBuild cudaBuild;
    private final Supplier<GpuProbe.Scan> gpus;

    /**
     * @param cpu       the processor
     * @param platform  {@code linux-x86_64} on the platform the builds are for (see {@link #platform()})
     * @param shipped   the CPU builds on the class path
     * @param cudaBuild the CUDA build of the distribution (maybe none)
     * @param gpus      finds the GPUs; called only when CUDA is asked for
     */
    BackendSelector(CpuFeatures cpu, String platform, Set<CpuVariant> shipped, CudaBuild cudaBuild, Supplier<GpuProbe.Scan> gpus) {
        this.cpu = cpu;
        this.platform = platform;
        this.shipped = Set.copyOf(shipped);
        this.cudaBuild = cudaBuild;
        this.gpus = gpus;
    }

    /** The selector for this machine and distribution: CPU builds on the launcher's class path, GPUs found on demand. */
    static BackendSelector forThisMachine(CpuFeatures cpu, CudaBuild cuda, java.util.Map<String, String> env) {
        GpuProbe.Scan[] scan = new GpuProbe.Scan[1];
        return new BackendSelector(cpu, platform(), CpuVariant.onClassPath(BackendSelector.class.getClassLoader()), cuda, () -> {
            if (scan[0] == null) {
                scan[0] = GpuProbe.scan(env);
            }
            return scan[0];
        });
    }

    /** This JVM's platform in JavaCPP's words, e.g. {@code linux-x86_64} or {@code linux-arm64}. */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String o = os.startsWith("linux") ? "linux" : os.startsWith("mac") ? "macosx" : os.startsWith("windows") ? "windows" : os;
        String a = switch (arch) {
            case "amd64", "x86_64", "x86-64" -> "x86_64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
        return o + "-" + a;
    }

    /** The backend for {@code requested}, else for {@code fallback} (may be null) with a note. */
    Plan plan(BackendName requested, BackendName fallback) throws Refusal {
        try {
            return attempt(requested, requested);
        } catch (Refusal refused) {
            if (fallback == null) {
                String hint = requested.cuda() ? " (or add --fallback cpu to go on with the CPU)" : "";
                throw new Refusal(refused.getMessage() + hint);
            }
            String prefix = "--backend " + requested + ": ";
            return fallback(requested, fallback,
                    refused.reason.startsWith(prefix) ? refused.reason.substring(prefix.length()) : refused.reason);
        }
    }

    /** The plan for {@code fallback} in place of {@code requested}, which cannot run here for the reason {@code why}. */
    Plan fallback(BackendName requested, BackendName fallback, String why) throws Refusal {
        Plan p = attempt(requested, fallback);
        return new Plan(requested, p.variant(), p.gpus(), "--fallback " + fallback, why, p.notes());
    }

    private Plan attempt(BackendName requested, BackendName name) throws Refusal {
        if (name.cuda()) {
            return cuda(requested);
        }
        if (!CpuVariant.PLATFORM.equals(platform)) {
            throw new Refusal("this distribution's ND4J builds are for " + CpuVariant.PLATFORM + " and this machine is "
                    + platform + " (" + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")");
        }
        if (name.variant() == null) {
            return auto(requested);
        }
        CpuVariant v = name.variant();
        if (!shipped.contains(v)) {
            throw new Refusal("--backend " + name + ": the " + v.id + " build (nd4j-native " + v.classifier()
                    + ") is not in this distribution" + (v.onednn ? "" : "; build the distribution with -Pcpu-plain to add it")
                    + "; it has " + shippedList());
        }
        List<String> notes = new ArrayList<>();
        if (!cpu.known()) {
            notes.add("the processor's flags are unknown (no /proc/cpuinfo, no lscpu): " + v.id + " is used as asked, unchecked");
        } else if (!v.runsOn(cpu)) {
            throw new Refusal("--backend " + name + ": the " + v.id + " build needs " + v.level.label + " ("
                    + String.join(" ", v.requiredFlags()) + ") and this processor (" + cpu.model() + ") lacks "
                    + String.join(" ", cpu.missing(v.requiredFlags())) + "; --backend cpu picks " + bestId() + " here");
        }
        return new Plan(requested, v, List.of(), "as asked", null, notes);
    }

    private Plan auto(BackendName requested) throws Refusal {
        for (CpuVariant v : PREFERENCE) {
            if (shipped.contains(v) && v.runsOn(cpu)) {
                List<String> notes = cpu.known() ? List.of()
                        : List.of("the processor's flags are unknown (no /proc/cpuinfo, no lscpu): using the generic build");
                return new Plan(requested, v, List.of(), "the best build for this CPU", null, notes);
            }
        }
        throw new Refusal("no nd4j-native build for " + CpuVariant.PLATFORM + " is on the class path (lib/ has "
                + shippedList() + "): the distribution is incomplete; rebuild it");
    }

    private String bestId() {
        for (CpuVariant v : PREFERENCE) {
            if (shipped.contains(v) && v.runsOn(cpu)) {
                return v.id;
            }
        }
        return "none";
    }

    private String shippedList() {
        return shipped.isEmpty() ? "no CPU build"
                : PREFERENCE.stream().filter(shipped::contains).map(v -> v.id).collect(Collectors.joining(", "));
    }

    private Plan cuda(BackendName requested) throws Refusal {
        GpuProbe.Scan scan = gpus.get();
        if (scan.gpus().isEmpty()) {
            throw new Refusal("--backend cuda: no NVIDIA GPU found (" + scan.how() + ")");
        }
        List<Gpu> unsupported = scan.gpus().stream().filter(g -> !CudaBuild.runsOn(g)).toList();
        if (!unsupported.isEmpty()) {
            Gpu g = unsupported.get(0);
            String others = unsupported.size() == scan.gpus().size() ? ""
                    : "; make CUDA see only the others with CUDA_VISIBLE_DEVICES";
            throw new Refusal("--backend cuda: " + g.describe() + " cannot run the CUDA build: " + CudaBuild.NAME
                    + " carries GPU code for compute capability " + CudaBuild.RANGE + ", so it has no kernels for "
                    + g.capability() + others, "Use the CPU instead: --backend cpu");
        }
        if (!cudaBuild.present()) {
            throw new Refusal("--backend cuda: this distribution has no CUDA build (lib/cuda/ is missing); build it with "
                    + "mvn -Pcuda -DskipTests verify -pl launcher -am (downloads about 2.4 GB)");
        }
        if (!scan.driver()) {
            throw new Refusal("--backend cuda: no NVIDIA driver is loaded on this machine (" + GpuProbe.DRIVER
                    + " is missing), so CUDA cannot start", "Install the NVIDIA driver, or use the CPU: --backend cpu");
        }
        List<String> notes = new ArrayList<>();
        for (Gpu g : scan.gpus()) {
            if (!g.capabilityKnown()) {
                notes.add("the compute capability of " + g.describe() + " could not be read (" + scan.how()
                        + "); trying CUDA anyway");
            }
        }
        return new Plan(requested, null, scan.gpus(), "as asked", null, notes);
    }
}
