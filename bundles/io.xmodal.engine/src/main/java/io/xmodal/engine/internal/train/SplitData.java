package io.xmodal.engine.internal.train;

import io.xmodal.api.Modality;
import io.xmodal.api.Signature;
import io.xmodal.api.data.DataException;
import io.xmodal.api.data.Dataset;
import io.xmodal.api.data.Sample;
import io.xmodal.api.data.Splits;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The input and target of every sample, split by {@link Splits} and held in memory as rows
 * [n, values]. Targets stay in original units; LABEL targets are class indices [n, 1].
 */
public final class SplitData {
    /**
     * One split: flattened inputs and targets and the sample ids.
     *
     * @param labels the class index of each sample [n] when labels were loaded, else null
     */
    public record Part(INDArray inputs, INDArray targets, List<String> ids, List<String> sources, INDArray labels) {
        public Part(INDArray inputs, INDArray targets, List<String> ids, List<String> sources) {
            this(inputs, targets, ids, sources, null);
        }

        public long size() {
            return inputs.rows();
        }
    }

    private final Map<String, Part> parts;
    private final Signature input;
    private final Signature target;

    private SplitData(Map<String, Part> parts, Signature input, Signature target) {
        this.parts = parts;
        this.input = input;
        this.target = target;
    }

    public static SplitData load(Dataset ds, String inputName, String targetName, Map<String, Double> fractions, long seed,
                                 Consumer<String> progress) throws DataException {
        return load(ds, inputName, targetName, null, fractions, seed, progress);
    }

    /** @param labelsName a LABEL modality whose class indices each part also keeps ({@link Part#labels()}), or null */
    public static SplitData load(Dataset ds, String inputName, String targetName, String labelsName, Map<String, Double> fractions,
                                 long seed, Consumer<String> progress) throws DataException {
        long n = ds.size();
        if (n < 0) {
            throw new DataException(null, "this reader streams its data; the supervised objective needs a sized dataset");
        }
        if (n < fractions.size()) {
            throw new DataException(null, "the dataset has " + n + " samples, too few to split into " + fractions.keySet());
        }
        Signature in = ds.modalities().get(inputName);
        Signature tg = ds.modalities().get(targetName);
        Map<String, long[]> idx = assign(ds, fractions, seed);
        Map<String, Part> parts = new LinkedHashMap<>();
        long done = 0;
        long started = System.nanoTime();
        long lastReport = started;
        for (Map.Entry<String, long[]> e : idx.entrySet()) {
            long[] rows = e.getValue();
            int inSize = (int) in.size();
            int tgSize = tg.modality() == Modality.LABEL ? 1 : (int) tg.size();
            float[] x = new float[rows.length * inSize];
            float[] y = new float[rows.length * tgSize];
            float[] labels = labelsName == null ? null : new float[rows.length];
            List<String> ids = new ArrayList<>(rows.length);
            List<String> sources = new ArrayList<>(rows.length);
            for (int r = 0; r < rows.length; r++) {
                Sample s = ds.get(rows[r]);
                copy(s, inputName, x, r, inSize);
                copy(s, targetName, y, r, tgSize);
                if (labels != null) {
                    labels[r] = s.get(labelsName)[0];
                }
                ids.add(s.id());
                sources.add(s.source());
                done++;
                long now = System.nanoTime();
                if (now - lastReport > 5_000_000_000L) {
                    progress.accept(String.format("reading data: %d/%d samples", done, n));
                    lastReport = now;
                }
            }
            parts.put(e.getKey(), new Part(Nd4j.create(x, new long[] {rows.length, inSize}, 'c'),
                    Nd4j.create(y, new long[] {rows.length, tgSize}, 'c'), ids, sources,
                    labels == null ? null : Nd4j.create(labels, new long[] {rows.length}, 'c')));
        }
        return new SplitData(parts, in, tg);
    }

    /**
     * The indices of each split: the data's own assignment when it declares one ({@link Dataset#split}),
     * else a seeded assignment by group in proportion to {@code fractions}.
     *
     * @throws DataException when the data names a split the descriptor does not have
     */
    public static Map<String, long[]> assign(Dataset ds, Map<String, Double> fractions, long seed) throws DataException {
        long n = ds.size();
        if (n <= 0 || ds.split(0) == null) {
            return Splits.assign(Math.max(n, 0), ds::group, seed, fractions);
        }
        Map<String, List<Long>> lists = new LinkedHashMap<>();
        fractions.keySet().forEach(k -> lists.put(k, new ArrayList<>()));
        for (long i = 0; i < n; i++) {
            String sp = ds.split(i);
            List<Long> l = sp == null ? null : lists.get(sp);
            if (l == null) {
                throw new DataException(null, "sample " + i + " is in split '" + sp + "' by the data, but data.split has "
                        + fractions.keySet() + "; name the split in data.split or fix the data");
            }
            l.add(i);
        }
        Map<String, long[]> out = new LinkedHashMap<>();
        lists.forEach((k, v) -> out.put(k, v.stream().mapToLong(Long::longValue).toArray()));
        return out;
    }

    private static void copy(Sample s, String name, float[] into, int row, int size) throws DataException {
        float[] v = s.get(name);
        if (v.length != size) {
            throw new DataException(null, "sample " + s.id() + " (" + s.source() + ") has " + v.length + " values for '" + name
                    + "' but the reader declared " + size);
        }
        System.arraycopy(v, 0, into, row * size, size);
    }

    public Part part(String name) {
        return parts.get(name);
    }

    public boolean has(String name) {
        return parts.containsKey(name) && parts.get(name).size() > 0;
    }

    public Signature input() {
        return input;
    }

    public Signature target() {
        return target;
    }

    /** Rows of a part as a batch shaped for the graph: inputs [b, ...signature]. */
    public INDArray inputBatch(Part p, int[] rows, DataType type) {
        INDArray flat = rows == null ? p.inputs() : Nd4j.pullRows(p.inputs(), 1, rows);
        return flat.reshape('c', input.withBatch(flat.rows())).castTo(type);
    }

    /** The class indices of some rows [b], for the labels placeholder. */
    public INDArray labelBatch(Part p, int[] rows, DataType type) {
        if (p.labels() == null) {
            throw new IllegalStateException("the model needs each sample's class, but no labels were loaded");
        }
        INDArray l = rows == null ? p.labels() : Nd4j.pullRows(p.labels().reshape(p.labels().length(), 1), 1, rows).reshape(rows.length);
        return l.castTo(type);
    }

    /** Targets as the graph wants them: scaled values, or one-hot rows for labels. */
    public INDArray targetBatch(Part p, int[] rows, TargetScaler scaler, DataType type) {
        INDArray flat = rows == null ? p.targets() : Nd4j.pullRows(p.targets(), 1, rows);
        if (target.modality() == Modality.LABEL) {
            INDArray oneHot = Nd4j.zeros(type, flat.rows(), target.dim(0));
            for (int i = 0; i < flat.rows(); i++) {
                oneHot.putScalar(i, (long) flat.getDouble(i, 0), 1.0);
            }
            return oneHot;
        }
        return scaler.scale(flat).reshape('c', target.withBatch(flat.rows())).castTo(type);
    }
}
