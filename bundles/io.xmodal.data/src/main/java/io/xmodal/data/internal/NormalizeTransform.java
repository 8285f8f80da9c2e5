package io.xmodal.data.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Modality;
import io.xmodal.api.Param;
import io.xmodal.api.Params;
import io.xmodal.api.Role;
import io.xmodal.api.Signature;
import io.xmodal.api.data.DataException;
import io.xmodal.api.data.Transform;
import org.osgi.service.component.annotations.Component;

/**
 * Standardises values to zero mean and unit variance: y = (x - mean) / sqrt(var + epsilon).
 * {@code per: utterance} takes the statistics of each sample alone; {@code per: dataset} those of the
 * training split (never the validation or test data). {@code over: all} uses one mean and variance;
 * {@code over: last-axis} one per position of the last axis (per frequency bin of a spectrogram, per
 * feature of a sequence), pooled over the other axes. Per dataset it is {@link Transform.Invertible}.
 */
@Component(service = Transform.class)
public final class NormalizeTransform implements Transform {
    static final String NAME = "normalize";

    private static final ComponentSpec SPEC = ComponentSpec.of(Role.TRANSFORM, NAME)
            .doc("zero mean, unit variance per sample or with the training split's statistics")
            .accepts(Modality.SPECTROGRAM, Modality.AUDIO, Modality.SERIES, Modality.SEQUENCE, Modality.FEATURES, Modality.IMAGE)
            .produces(Modality.ANY)
            .param(Param.choice("per", "utterance", "utterance", "dataset")
                    .doc("statistics of each sample, or of the training split"))
            .param(Param.choice("over", "all", "all", "last-axis")
                    .doc("one mean and variance, or one per position of the last axis (e.g. per frequency bin)"))
            .param(Param.real("epsilon", 1e-5).range(0, 1).doc("added to the variance"))
            .build();

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public Op open(Signature input, Params p) throws DataException {
        long size = input.size();
        if (size <= 0) {
            throw new DataException(null, NAME + " needs a fixed input size, got " + input);
        }
        boolean dataset = p.getString("per").equals("dataset");
        int width = p.getString("over").equals("all") ? 1 : (int) input.dim(input.rank() - 1);
        double eps = p.getDouble("epsilon");
        return dataset ? new Fitted(input, width, eps) : new Standardise(input, width, eps, false);
    }

    /** The op: with the statistics of each sample, or (fitted) of the training split. */
    private static class Standardise implements Op {
        final Signature input;
        private final int width;
        private final double eps;
        private final boolean dataset;
        double[] mean;
        double[] scale;

        Standardise(Signature input, int width, double eps, boolean dataset) {
            this.input = input;
            this.width = width;
            this.eps = eps;
            this.dataset = dataset;
        }

        @Override
        public Signature output() {
            return input;
        }

        @Override
        public boolean fits() {
            return dataset;
        }

        @Override
        public void fit(Iterable<float[]> training) {
            Stats s = new Stats(width);
            for (float[] x : training) {
                s.add(x);
            }
            mean = s.mean();
            scale = s.scale(eps);
        }

        @Override
        public float[] apply(float[] x) {
            double[] m = mean;
            double[] sc = scale;
            if (!dataset) {
                Stats s = new Stats(width);
                s.add(x);
                m = s.mean();
                sc = s.scale(eps);
            } else if (m == null) {
                throw new IllegalStateException(NAME + " per dataset was applied before it was fitted");
            }
            float[] out = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                int k = i % width;
                out[i] = (float) ((x[i] - m[k]) * sc[k]);
            }
            return out;
        }
    }

    /**
     * Per dataset the map is affine with fixed statistics, so it inverts exactly: x = y / scale + mean
     * (per sample it does not: each sample's own mean and scale are lost).
     */
    private static final class Fitted extends Standardise implements Invertible {
        Fitted(Signature input, int width, double eps) {
            super(input, width, eps, true);
        }

        @Override
        public Signature input() {
            return input;
        }

        @Override
        public float[] invert(float[] y) {
            if (mean == null) {
                throw new IllegalStateException(NAME + " per dataset was inverted before it was fitted");
            }
            float[] out = new float[y.length];
            for (int i = 0; i < y.length; i++) {
                int k = i % mean.length;
                out[i] = (float) (y[i] / scale[k] + mean[k]);
            }
            return out;
        }
    }

    /** Running sums per position of the last axis (Welford would be overkill at float32 inputs; sums are in double). */
    private static final class Stats {
        private final double[] sum;
        private final double[] sumSq;
        private final long[] count;

        Stats(int width) {
            sum = new double[width];
            sumSq = new double[width];
            count = new long[width];
        }

        void add(float[] x) {
            int w = sum.length;
            for (int i = 0; i < x.length; i++) {
                int k = i % w;
                sum[k] += x[i];
                sumSq[k] += (double) x[i] * x[i];
                count[k]++;
            }
        }

        double[] mean() {
            double[] m = new double[sum.length];
            for (int k = 0; k < m.length; k++) {
                m[k] = count[k] == 0 ? 0 : sum[k] / count[k];
            }
            return m;
        }

        double[] scale(double eps) {
            double[] s = new double[sum.length];
            for (int k = 0; k < s.length; k++) {
                double mean = count[k] == 0 ? 0 : sum[k] / count[k];
                double var = count[k] == 0 ? 0 : Math.max(0, sumSq[k] / count[k] - mean * mean);
                s[k] = 1 / Math.sqrt(var + eps);
            }
            return s;
        }
    }
}
