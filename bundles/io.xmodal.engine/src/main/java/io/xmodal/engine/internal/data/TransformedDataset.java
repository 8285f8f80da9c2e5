package io.xmodal.engine.internal.data;

import io.xmodal.api.Signature;
import io.xmodal.api.data.DataException;
import io.xmodal.api.data.Dataset;
import io.xmodal.api.data.Sample;
import io.xmodal.api.data.Transform;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A dataset with the descriptor's transforms applied. Signatures are known at once (validation needs
 * no data); values are computed on the first {@link #get}: the steps before the first fitting step
 * run over every sample in parallel (one op per worker thread) and their outputs are cached on disk
 * under a key of the reader's configuration, the data's fingerprint and the steps; fitting steps
 * (per-dataset normalisation) then learn from the training split and apply to every sample.
 */
public final class TransformedDataset implements Dataset {
    /** One configured step: the transform and its parameters, the modality it reads and writes. */
    public record Step(String name, Transform transform, io.xmodal.api.Params params, String on, String as, String cacheId) {
    }

    private final Dataset source;
    private final List<Step> steps;
    private final List<Signature> inputs = new ArrayList<>();
    private final Map<String, Signature> modalities;
    private final boolean[] fits;
    private final int cached;
    private final String cacheKey;
    private final Path cacheDir;
    private final long[] training;
    private final int threads;
    private final Consumer<String> progress;
    private Map<String, float[][]> values;
    /** The fitted ops of fitting steps (by step index), kept to transform single files the same way ({@link #decode}). */
    private final Map<Integer, Transform.Op> fitted = new HashMap<>();

    /**
     * @param readerKey what the source depends on besides its fingerprint (reader name, parameters, seed)
     * @param training  indices of the training split, for fitting steps
     * @param cacheDir  where cached outputs live; null turns caching off
     * @throws DataException when a step's modality is missing or its parameters do not suit its input
     */
    public TransformedDataset(Dataset source, List<Step> steps, String readerKey, long[] training, Path cacheDir, int threads,
                              Consumer<String> progress) throws DataException {
        this.source = source;
        this.steps = List.copyOf(steps);
        this.training = training.clone();
        this.threads = Math.max(1, threads);
        this.progress = progress;
        Map<String, Signature> m = new LinkedHashMap<>(source.modalities());
        fits = new boolean[steps.size()];
        int firstFit = steps.size();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            Signature in = m.get(s.on());
            if (in == null) {
                throw new DataException(null, "transform " + i + " ('" + s.name() + "') reads '" + s.on() + "' but the data has "
                        + m.keySet() + "; set on: to one of them");
            }
            if (!s.transform().spec().admits(in)) {
                throw new DataException(null, "transform " + i + " ('" + s.name() + "') cannot read " + s.on() + " " + in + "; it accepts "
                        + s.transform().spec().accepts().stream().map(x -> x.id()).sorted().toList());
            }
            Transform.Op op = open(i, in);
            inputs.add(in);
            fits[i] = op.fits();
            if (fits[i] && firstFit == steps.size()) {
                firstFit = i;
            }
            m.put(s.as(), op.output());
        }
        this.modalities = m;
        this.cached = firstFit;
        String fp = source.fingerprint();
        this.cacheDir = fp == null ? null : cacheDir;
        StringBuilder key = new StringBuilder(readerKey).append('\n').append(fp).append('\n').append(source.size());
        for (int i = 0; i < cached; i++) {
            key.append('\n').append(steps.get(i).cacheId()).append(' ').append(steps.get(i).on()).append("->").append(steps.get(i).as());
        }
        this.cacheKey = TransformCache.digest(key.toString());
    }

    private Transform.Op open(int i, Signature in) throws DataException {
        Step s = steps.get(i);
        return s.transform().open(in, s.params());
    }

    /** The key of the cached outputs (changes with the reader's configuration, the files and the steps). */
    public String cacheKey() {
        return cacheKey;
    }

    @Override
    public Map<String, Signature> modalities() {
        return modalities;
    }

    @Override
    public long size() {
        return source.size();
    }

    @Override
    public String group(long index) {
        return source.group(index);
    }

    @Override
    public String split(long index) {
        return source.split(index);
    }

    @Override
    public String fingerprint() {
        String fp = source.fingerprint();
        return fp == null ? null : TransformCache.digest(fp + "\n" + cacheKey);
    }

    @Override
    public List<String> classes(String modality) {
        return source.classes(modality);
    }

    @Override
    public Sample get(long index) throws DataException {
        Sample s = source.get(index);
        Map<String, float[][]> v = materialise();
        Map<String, float[]> out = new HashMap<>(s.values());
        v.forEach((k, arr) -> out.put(k, arr[(int) index]));
        return new Sample(s.id(), out, s.source());
    }

    /**
     * One file read by the source dataset ({@link Dataset#decode}) and passed through every step whose
     * input it has, with the same parameters and, for fitting steps, the statistics fitted on this
     * dataset's training split. The result holds the raw modality and every output derived from it.
     */
    @Override
    public Sample decode(Path file) throws DataException {
        Sample raw = source.decode(file);
        Map<String, float[]> row = new HashMap<>(raw.values());
        for (int i = 0; i < steps.size(); i++) {
            Step st = steps.get(i);
            float[] in = row.get(st.on());
            if (in == null) {
                continue;
            }
            long want = inputs.get(i).size();
            if (want >= 0 && in.length != want) {
                throw new DataException(file, "gives " + in.length + " values for '" + st.on() + "' but " + inputs.get(i) + " needs " + want);
            }
            Transform.Op op;
            if (fits[i]) {
                materialise();
                op = fitted.get(i);
            } else {
                op = open(i, inputs.get(i));
            }
            row.put(st.as(), op.apply(in));
        }
        return new Sample(raw.id(), row, raw.source());
    }

    @Override
    public void close() {
        source.close();
    }

    /**
     * How a value of {@code modality} goes back to the reader's modality it was made from.
     *
     * @param source    the reader's modality (e.g. audio)
     * @param signature its signature (with its sample rate)
     * @param apply     the inversion: every step that wrote the value, undone from the last
     */
    public record Inverse(String source, Signature signature, java.util.function.UnaryOperator<float[]> apply) {
    }

    /**
     * The inverse of the steps that made {@code modality}, each a {@link Transform.Invertible} (a fitting
     * step with the statistics fitted on the training split).
     *
     * @throws DataException naming the step that cannot be inverted, or when no step makes {@code modality}
     */
    public Inverse inverse(String modality) throws DataException {
        List<Transform.Invertible> chain = new ArrayList<>();
        String m = modality;
        Signature sig = null;
        for (int upto = steps.size(); ; ) {
            int i = upto - 1;
            while (i >= 0 && !steps.get(i).as().equals(m)) {
                i--;
            }
            if (i < 0) {
                break;
            }
            Step st = steps.get(i);
            Transform.Op op;
            if (fits[i]) {
                materialise();
                op = fitted.get(i);
            } else {
                op = open(i, inputs.get(i));
            }
            if (!(op instanceof Transform.Invertible inv)) {
                throw new DataException(null, "transform " + i + " ('" + st.name() + "', " + st.on() + " -> " + st.as()
                        + ") cannot be inverted");
            }
            chain.add(inv);
            sig = inputs.get(i);
            m = st.on();
            upto = i;
        }
        if (chain.isEmpty()) {
            throw new DataException(null, "'" + modality + "' is not made by a transform");
        }
        return new Inverse(m, sig, v -> {
            float[] x = v;
            for (Transform.Invertible inv : chain) {
                x = inv.invert(x);
            }
            return x;
        });
    }

    private synchronized Map<String, float[][]> materialise() throws DataException {
        if (values != null) {
            return values;
        }
        int n = (int) source.size();
        Map<String, float[][]> v = null;
        List<String> cachedNames = outputs(0, cached);
        if (cacheDir != null && cached > 0) {
            try {
                v = TransformCache.read(cacheDir.resolve(cacheKey + ".bin"), cachedNames, n);
            } catch (IOException e) {
                progress.accept("transform cache unreadable (" + e.getMessage() + "); recomputing");
            }
            if (v != null) {
                progress.accept("transforms: " + n + " samples from the cache (" + cacheKey.substring(0, 12) + ")");
            }
        }
        if (v == null) {
            v = run(0, cached, new HashMap<>(), n);
            if (cacheDir != null && cached > 0) {
                Map<String, float[][]> keep = new LinkedHashMap<>();
                for (String k : cachedNames) {
                    keep.put(k, v.get(k));
                }
                try {
                    TransformCache.write(cacheDir.resolve(cacheKey + ".bin"), keep);
                } catch (IOException e) {
                    progress.accept("could not write the transform cache in " + cacheDir + ": " + e.getMessage());
                }
            }
        }
        for (int i = cached; i < steps.size(); i++) {
            if (fits[i]) {
                Transform.Op op = open(i, inputs.get(i));
                Step s = steps.get(i);
                float[][] in = v.containsKey(s.on()) ? v.get(s.on()) : column(s.on(), n);
                List<float[]> train = new ArrayList<>(training.length);
                for (long t : training) {
                    train.add(in[(int) t]);
                }
                op.fit(train);
                fitted.put(i, op);
                float[][] out = new float[n][];
                for (int k = 0; k < n; k++) {
                    out[k] = op.apply(in[k]);
                }
                v.put(s.as(), out);
            } else {
                v = run(i, i + 1, v, n);
            }
        }
        values = v;
        return v;
    }

    private List<String> outputs(int from, int to) {
        List<String> names = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (!names.contains(steps.get(i).as())) {
                names.add(steps.get(i).as());
            }
        }
        return names;
    }

    private float[][] column(String name, int n) throws DataException {
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = source.get(i).get(name);
        }
        return out;
    }

    /** Runs steps [from, to) over every sample on the worker threads, starting from {@code known} values. */
    private Map<String, float[][]> run(int from, int to, Map<String, float[][]> known, int n) throws DataException {
        if (from >= to) {
            return known;
        }
        Map<String, float[][]> out = new HashMap<>(known);
        List<String> written = outputs(from, to);
        for (String name : written) {
            out.put(name, new float[n][]);
        }
        int workers = Math.min(threads, Math.max(1, n));
        AtomicLong next = new AtomicLong();
        AtomicLong done = new AtomicLong();
        long started = System.nanoTime();
        String what = steps.subList(from, to).stream().map(Step::name).reduce((a, b) -> a + " > " + b).orElse("");
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "xmodal-transform");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                futures.add(pool.submit(() -> {
                    Transform.Op[] ops = new Transform.Op[to - from];
                    for (int i = from; i < to; i++) {
                        ops[i - from] = open(i, inputs.get(i));
                    }
                    for (long k = next.getAndIncrement(); k < n; k = next.getAndIncrement()) {
                        Map<String, float[]> row = new HashMap<>();
                        Sample s = null;
                        for (int i = from; i < to; i++) {
                            Step st = steps.get(i);
                            float[] in = row.get(st.on());
                            if (in == null && known.containsKey(st.on())) {
                                in = known.get(st.on())[(int) k];
                            }
                            if (in == null) {
                                if (s == null) {
                                    s = source.get(k);
                                }
                                in = s.get(st.on());
                            }
                            long want = inputs.get(i).size();
                            if (want >= 0 && in.length != want) {
                                throw new DataException(null, "sample " + (s == null ? k : s.id()) + " has " + in.length + " values for '"
                                        + st.on() + "' but " + inputs.get(i) + " needs " + want);
                            }
                            row.put(st.as(), ops[i - from].apply(in));
                        }
                        for (String name : written) {
                            out.get(name)[(int) k] = row.get(name);
                        }
                        long d = done.incrementAndGet();
                        if (d % 500 == 0 || d == n) {
                            double secs = (System.nanoTime() - started) / 1e9;
                            progress.accept(String.format("transforms (%s): %d/%d samples, %.0f/s", what, d, n, d / Math.max(secs, 1e-9)));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof DataException de) {
                throw de;
            }
            throw new DataException(null, "transform (" + what + ") failed: " + c, c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataException(null, "interrupted while transforming the data");
        } finally {
            pool.shutdownNow();
        }
        return out;
    }
}
