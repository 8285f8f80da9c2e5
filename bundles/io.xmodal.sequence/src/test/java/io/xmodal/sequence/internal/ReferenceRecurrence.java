package io.xmodal.sequence.internal;

import java.util.function.Function;

/**
 * The gru and lstm decoders written in plain Java from PyTorch's documented nn.GRU / nn.LSTM
 * equations, one scalar at a time, to pin the graph's forward pass. Parameters come from the graph
 * under test by name, in its storage layout (input-major; GRU gates r,z,n; LSTM gates i,f,g,o).
 */
final class ReferenceRecurrence {
    private final boolean lstm;
    private final Function<String, double[][]> param;
    private final int hidden;

    ReferenceRecurrence(boolean lstm, int hidden, Function<String, double[][]> param) {
        this.lstm = lstm;
        this.hidden = hidden;
        this.param = param;
    }

    /** features [B][D] -> sequence [B][steps][H]. */
    double[][][] decode(double[][] features, String mode, int layers, int steps, int hybrid) {
        int run = hybrid > 0 ? hybrid : steps;
        double[][][] out = new double[features.length][][];
        for (int b = 0; b < features.length; b++) {
            double[][] inputs = new double[run][];
            for (int t = 0; t < run; t++) {
                inputs[t] = "state".equals(mode) ? null : features[b];
            }
            for (int l = 0; l < layers; l++) {
                double[] h = new double[hidden];
                if (!"input".equals(mode)) {
                    for (int j = 0; j < hidden; j++) {
                        h[j] = Math.tanh(affine(features[b], "m/init/w", "m/init/b", l * hidden + j));
                    }
                }
                inputs = layer("m/layer" + l + "/", inputs, h);
            }
            out[b] = stretch(inputs, steps);
        }
        return out;
    }

    /** sequence [B][T][W] -> the top layer's last hidden state [B][H], every layer from a zero state (the encoders). */
    double[][] encode(double[][][] sequence, int layers) {
        double[][] out = new double[sequence.length][];
        for (int b = 0; b < sequence.length; b++) {
            double[][] inputs = sequence[b];
            for (int l = 0; l < layers; l++) {
                inputs = layer("m/layer" + l + "/", inputs, new double[hidden]);
            }
            out[b] = inputs[inputs.length - 1];
        }
        return out;
    }

    private double[][] layer(String p, double[][] xs, double[] h) {
        double[] c = new double[hidden];
        double[][] out = new double[xs.length][];
        for (int t = 0; t < xs.length; t++) {
            double[] x = xs[t];
            double[] next = new double[hidden];
            for (int j = 0; j < hidden; j++) {
                if (lstm) {
                    double i = sigmoid(in(p, x, j) + affine(h, p + "w_hh", p + "b_hh", j));
                    double f = sigmoid(in(p, x, hidden + j) + affine(h, p + "w_hh", p + "b_hh", hidden + j));
                    double g = Math.tanh(in(p, x, 2 * hidden + j) + affine(h, p + "w_hh", p + "b_hh", 2 * hidden + j));
                    double o = sigmoid(in(p, x, 3 * hidden + j) + affine(h, p + "w_hh", p + "b_hh", 3 * hidden + j));
                    c[j] = f * c[j] + i * g;
                    next[j] = o * Math.tanh(c[j]);
                } else {
                    double r = sigmoid(in(p, x, j) + affine(h, p + "w_hh", p + "b_hh", j));
                    double z = sigmoid(in(p, x, hidden + j) + affine(h, p + "w_hh", p + "b_hh", hidden + j));
                    double bIn = x == null ? param.apply(p + "b_in")[0][j] : in(p, x, 2 * hidden + j);
                    double n = Math.tanh(bIn + r * affine(h, p + "w_hh", p + "b_hh", 2 * hidden + j));
                    next[j] = (1 - z) * n + z * h[j];
                }
            }
            h = next;
            out[t] = next;
        }
        return out;
    }

    /** W_i x + b_i for gate column {@code col}; zero inputs (x == null) contribute nothing. */
    private double in(String p, double[] x, int col) {
        return x == null ? 0 : affine(x, p + "w_ih", p + "b_ih", col);
    }

    private double affine(double[] x, String w, String b, int col) {
        double[][] wm = param.apply(w);
        double s = param.apply(b)[0][col];
        for (int k = 0; k < x.length; k++) {
            s += x[k] * wm[k][col];
        }
        return s;
    }

    /** Linear interpolation in time with the end points aligned. */
    private static double[][] stretch(double[][] seq, int steps) {
        if (seq.length == steps) {
            return seq;
        }
        double[][] out = new double[steps][seq[0].length];
        for (int t = 0; t < steps; t++) {
            double pos = steps == 1 ? 0 : t * (seq.length - 1.0) / (steps - 1);
            int lo = (int) pos;
            int hi = Math.min(lo + 1, seq.length - 1);
            for (int j = 0; j < out[t].length; j++) {
                out[t][j] = seq[lo][j] + (pos - lo) * (seq[hi][j] - seq[lo][j]);
            }
        }
        return out;
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }
}
