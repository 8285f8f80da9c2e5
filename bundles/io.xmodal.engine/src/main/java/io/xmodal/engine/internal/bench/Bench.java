package io.xmodal.engine.internal.bench;

import io.xmodal.api.Component;
import io.xmodal.api.Modality;
import io.xmodal.api.Params;
import io.xmodal.api.Role;
import io.xmodal.api.Signature;
import io.xmodal.api.data.Transform;
import io.xmodal.api.runtime.BenchResult;
import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.api.runtime.Problem;
import io.xmodal.api.train.Objective;
import io.xmodal.api.train.Slot;
import io.xmodal.engine.internal.build.Assembled;
import io.xmodal.engine.internal.build.ModelAssembler;
import io.xmodal.engine.internal.build.SlotBlocks;
import io.xmodal.engine.internal.descriptor.Experiment;
import io.xmodal.engine.internal.descriptor.Sections;
import io.xmodal.engine.internal.registry.ComponentLookup;
import io.xmodal.engine.internal.train.StepRunner;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Times training steps of the reference models on random data with the same step code a run uses
 * ({@link StepRunner}: gradients of the plan's loss, Adam with lr 1e-3, float32).
 */
public final class Bench {
    private final ComponentLookup components;

    public Bench(ComponentLookup components) {
        this.components = components;
    }

    public List<BenchResult> run(List<String> names, int warmup, int steps, Consumer<String> progress) throws DescriptorException {
        List<ReferenceModels.Model> chosen = new ArrayList<>();
        boolean logMel = names.isEmpty() || names.contains(LOG_MEL);
        boolean index = names.contains(io.xmodal.engine.internal.retrieval.IndexBench.NAME);
        for (String n : names) {
            if (n.equals(LOG_MEL) || n.equals(io.xmodal.engine.internal.retrieval.IndexBench.NAME)) {
                continue;
            }
            ReferenceModels.named().stream().filter(m -> m.name().equals(n)).findFirst().ifPresentOrElse(chosen::add, () -> { });
            if (chosen.stream().noneMatch(m -> m.name().equals(n))) {
                List<String> known = new ArrayList<>(ReferenceModels.named().stream().map(ReferenceModels.Model::name).toList());
                known.add(LOG_MEL);
                known.add(io.xmodal.engine.internal.retrieval.IndexBench.NAME);
                throw new DescriptorException(new Problem("bench", 0, 0, "", "unknown reference model '" + n + "'; choose from " + known));
            }
        }
        if (names.isEmpty()) {
            chosen.addAll(ReferenceModels.ALL);
        }
        List<BenchResult> out = new ArrayList<>();
        for (ReferenceModels.Model m : chosen) {
            out.add(time(m, warmup, steps, progress));
        }
        if (logMel) {
            out.add(logMel(Math.max(1, Math.min(warmup, 20)), steps, progress));
        }
        if (index) { // only when asked for by name: it allocates 100,000 x 64 floats
            out.addAll(io.xmodal.engine.internal.retrieval.IndexBench.run(Math.max(1, warmup), steps, progress));
        }
        return out;
    }

    /**
     * System property: when true, print the time of each op kind of the timed steps; when {@code ops},
     * of each op of the graph (its name, kind and output shape), to find which instance of a kind is slow.
     */
    public static final String PROFILE = "xmodal.bench.profile";

    /** The feature benchmark: the installed log-mel transform, one thread. */
    public static final String LOG_MEL = "log-mel";
    /** Seconds of audio per timed call. */
    public static final int LOG_MEL_SECONDS = 60;

    /**
     * Times the {@code log-mel} transform component on 60 s of 16 kHz audio (two sines, a chirp and
     * noise) with n-fft 512, hop 160, 64 mels, on the calling thread: one "step" is one 60 s clip, so
     * the real-time factor is 60 000 / ms per step.
     */
    private BenchResult logMel(int warmup, int steps, Consumer<String> progress) throws DescriptorException {
        Transform t = (Transform) find(Role.TRANSFORM, LOG_MEL);
        int rate = 16000;
        Signature in = Signature.of(Modality.AUDIO, (long) LOG_MEL_SECONDS * rate).withRate(rate);
        Transform.Op op;
        try {
            op = t.open(in, Params.defaults(t.spec(), Map.of("n-fft", 512, "hop-length", 160, "n-mels", 64)));
        } catch (io.xmodal.api.data.DataException e) {
            throw new DescriptorException(new Problem("bench", 0, 0, "", "log-mel cannot be configured: " + e.getMessage()));
        }
        float[] x = new float[(int) in.dim(0)];
        java.util.Random r = new java.util.Random(42);
        double duration = LOG_MEL_SECONDS;
        for (int i = 0; i < x.length; i++) {
            double s = (double) i / rate;
            double chirp = 2 * Math.PI * (100 * s + (rate / 2.0 - 100) * s * s / (2 * duration));
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * s) + 0.25 * Math.sin(2 * Math.PI * 1234.5 * s) + 0.1 * Math.sin(chirp)
                    + 0.05 * (r.nextDouble() - 0.5));
        }
        double sink = 0;
        for (int i = 0; i < warmup; i++) {
            sink += op.apply(x)[0];
        }
        double[] ms = new double[steps];
        for (int i = 0; i < steps; i++) {
            long t0 = System.nanoTime();
            sink += op.apply(x)[0];
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        BenchResult res = new BenchResult(LOG_MEL, "log-mel transform, 60 s of 16 kHz audio per step, n-fft 512, hop 160, 64 mels, one thread",
                1, 0, steps, median, sorted[0]);
        progress.accept(String.format(Locale.ROOT, "xmodal log-mel ms_per_60s=%.1f (min %.1f) realtime_factor=%.0f (best %.0f)%s",
                median, sorted[0], LOG_MEL_SECONDS * 1000 / median, LOG_MEL_SECONDS * 1000 / sorted[0], Double.isNaN(sink) ? " (NaN seen)" : ""));
        return res;
    }

    private BenchResult time(ReferenceModels.Model m, int warmup, int steps, Consumer<String> progress) throws DescriptorException {
        Objective objective = (Objective) find(Role.OBJECTIVE, "supervised");
        Map<String, Role> roles = new LinkedHashMap<>();
        for (Slot s : objective.slots()) {
            roles.put(s.name(), s.role());
        }
        Map<String, List<Experiment.Use>> uses = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : m.slots().entrySet()) {
            List<?> chain = e.getValue() instanceof List<?> l ? l : List.of(e.getValue());
            List<Experiment.Use> links = new ArrayList<>();
            for (Object link : chain) {
                links.add(use(roles.get(e.getKey()), (Map<?, ?>) link));
            }
            uses.put(e.getKey(), links);
        }
        SlotBlocks blocks = new SlotBlocks(new Experiment.Model("input", "target", uses), components, roles, Path.of("."));
        Params objectiveParams = Params.defaults(objective.spec(), Map.of("loss", m.loss()));
        Assembled model = ModelAssembler.assemble(objective, objectiveParams, blocks, m.input(), m.target(), 1, DataType.FLOAT);
        Map<String, Object> adam = new LinkedHashMap<>();
        Sections.OPTIMIZERS.get("adam").forEach(p -> adam.put(p.name(), p.defaultValue()));
        StepRunner runner = new StepRunner(model.graph(), model.plan().phases(), model.parameters(), new Experiment.Use("adam", adam));

        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, m.input().withBatch(m.batch()));
        INDArray y;
        if (m.target().modality() == Modality.LABEL) {
            y = Nd4j.zeros(DataType.FLOAT, m.batch(), m.target().dim(0));
            for (int i = 0; i < m.batch(); i++) {
                y.putScalar(i, i % m.target().dim(0), 1.0);
            }
        } else {
            y = Nd4j.rand(DataType.FLOAT, m.target().withBatch(m.batch()));
        }
        Map<String, INDArray> ph = new HashMap<>();
        ph.put(model.input(), x);
        ph.put(model.target(), y);
        for (int i = 0; i < warmup; i++) {
            runner.step(ph, 1, i);
        }
        String profiling = System.getProperty(PROFILE, "false");
        OpTimes profile = "true".equals(profiling) || "ops".equals(profiling) ? new OpTimes("ops".equals(profiling)) : null;
        if (profile != null) {
            model.graph().addListeners(profile);
            SameDiff grad = model.graph().getFunction("grad");
            if (grad != null) {
                grad.addListeners(profile);
            }
        }
        double[] ms = new double[steps];
        long cpu0 = ProcessCpu.nanos();
        for (int i = 0; i < steps; i++) {
            long t = System.nanoTime();
            runner.step(ph, 1, warmup + i);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        long cpu1 = ProcessCpu.nanos();
        double cpuMs = cpu0 < 0 || cpu1 < 0 ? Double.NaN : (cpu1 - cpu0) / 1e6 / steps;
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        BenchResult r = new BenchResult(m.name(), m.description(), m.batch(), model.parameterCount(), steps, median, sorted[0], cpuMs);
        progress.accept(String.format(Locale.ROOT, "xmodal %s batch=%d params=%d ms_per_step=%.1f (min %.1f) cpu_ms_per_step=%.1f samples_per_s=%.0f",
                r.model(), r.batch(), r.parameters(), r.msMedian(), r.msMin(), r.cpuMsPerStep(), r.samplesPerSecond()));
        if (profile != null) {
            double mean = Arrays.stream(ms).sum() / steps;
            progress.accept(String.format(Locale.ROOT, "time per op kind, %s (mean step %.1f ms):", m.name(), mean));
            profile.report(steps, mean, progress);
        }
        return r;
    }

    /** {use, with} with every default filled in, nested components (COMPONENT parameters) too. */
    private Experiment.Use use(Role role, Map<?, ?> use) throws DescriptorException {
        String name = (String) use.get("use");
        @SuppressWarnings("unchecked")
        Map<String, Object> with = use.get("with") instanceof Map<?, ?> w ? (Map<String, Object>) w : Map.of();
        Component c = find(role, name);
        Map<String, Object> values = new LinkedHashMap<>(Params.defaults(c.spec(), with).asMap());
        for (io.xmodal.api.Param p : c.spec().params()) {
            if (p.type() == io.xmodal.api.ParamType.COMPONENT && values.get(p.name()) instanceof Map<?, ?> nested) {
                Experiment.Use inner = use(p.componentRole(), nested);
                values.put(p.name(), Map.of("use", inner.use(), "with", inner.with()));
            }
        }
        return new Experiment.Use(name, values);
    }

    private Component find(Role role, String name) throws DescriptorException {
        return components.find(role, name).orElseThrow(() -> new DescriptorException(new Problem("bench", 0, 0, "",
                "the benchmark needs " + role.id() + " '" + name + "', which is not installed")));
    }
}
