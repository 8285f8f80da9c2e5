package io.xmodal.data.io;

/**
 * Resizes one image plane (row-major floats) with separable filters: area averaging where an axis
 * shrinks (each output pixel is the mean of the source area it covers, partial pixels weighted by
 * overlap, so no aliasing), bilinear interpolation between pixel centres where it grows, and a plain
 * copy where it keeps its size. Pure Java and deterministic.
 */
public final class Resampler {
    private Resampler() {
    }

    /** The {@code outH x outW} version of the {@code h x w} plane {@code src}. */
    public static float[] resize(float[] src, int h, int w, int outH, int outW) {
        if (h == outH && w == outW) {
            return src.clone();
        }
        Axis ax = Axis.of(w, outW);
        Axis ay = Axis.of(h, outH);
        float[] rows = new float[h * outW];
        for (int y = 0; y < h; y++) {
            ax.apply(src, y * w, 1, rows, y * outW, 1);
        }
        float[] out = new float[outH * outW];
        for (int x = 0; x < outW; x++) {
            ay.apply(rows, x, outW, out, x, outW);
        }
        return out;
    }

    /** A value in [0, 1] as an unsigned byte (rounded, clamped), the way images are kept in memory. */
    public static byte quantize(float v) {
        return (byte) Math.round(Math.min(1f, Math.max(0f, v)) * 255f);
    }

    /** The weights of one axis: output pixel o is the sum over k of src[first[o] + k] * weight[o][k]. */
    private record Axis(int[] first, double[][] weight) {
        static Axis of(int n, int out) {
            int[] first = new int[out];
            double[][] weight = new double[out][];
            double scale = n / (double) out;
            for (int o = 0; o < out; o++) {
                if (n > out) {
                    double lo = o * scale;
                    double hi = (o + 1) * scale;
                    int i0 = (int) Math.floor(lo);
                    int i1 = Math.min(n - 1, (int) Math.ceil(hi) - 1);
                    first[o] = i0;
                    weight[o] = new double[i1 - i0 + 1];
                    for (int i = i0; i <= i1; i++) {
                        double overlap = Math.min(hi, i + 1) - Math.max(lo, i);
                        weight[o][i - i0] = Math.max(0, overlap) / scale;
                    }
                } else {
                    double pos = Math.min(n - 1, Math.max(0, (o + 0.5) * scale - 0.5));
                    int i0 = Math.min(n - 2, (int) Math.floor(pos));
                    if (n == 1) {
                        first[o] = 0;
                        weight[o] = new double[] {1};
                    } else {
                        double f = pos - i0;
                        first[o] = i0;
                        weight[o] = new double[] {1 - f, f};
                    }
                }
            }
            return new Axis(first, weight);
        }

        void apply(float[] src, int srcStart, int srcStride, float[] dst, int dstStart, int dstStride) {
            for (int o = 0; o < first.length; o++) {
                double s = 0;
                double[] wo = weight[o];
                int base = srcStart + first[o] * srcStride;
                for (int k = 0; k < wo.length; k++) {
                    s += src[base + k * srcStride] * wo[k];
                }
                dst[dstStart + o * dstStride] = (float) s;
            }
        }
    }
}
