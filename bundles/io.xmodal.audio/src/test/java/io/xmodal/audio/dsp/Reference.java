package io.xmodal.audio.dsp;

/**
 * Independent computations of the definitions, written directly from the formulas in docs/audio.md
 * (direct O(N^2) DFT in double, explicit padding, explicit triangles), to check the library against.
 */
final class Reference {

    private Reference() {
    }

    /** Periodic Hann/Hamming/rectangular window from the formula. */
    static double[] window(String kind, int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double c = Math.cos(2 * Math.PI * i / n);
            w[i] = switch (kind) {
                case "hann" -> 0.5 * (1 - c);
                case "hamming" -> 0.54 - 0.46 * c;
                default -> 1.0;
            };
        }
        return w;
    }

    /** The padded signal, built sample by sample: x[-i] = x[i], x[n-1+i] = x[n-1-i] (pad shorter than n). */
    static double[] centerPad(float[] x, int pad, boolean reflect) {
        int n = x.length;
        double[] out = new double[n + 2 * pad];
        for (int i = 0; i < out.length; i++) {
            int j = i - pad;
            if (j >= 0 && j < n) {
                out[i] = x[j];
            } else if (reflect) {
                out[i] = j < 0 ? x[-j] : x[2 * (n - 1) - j];
            }
        }
        return out;
    }

    /** Direct DFT of every frame: [frames][bins][2] in double. */
    static double[][][] stft(float[] x, int nFft, int winLength, int hop, String window, boolean center, boolean reflect) {
        double[] sig = center ? centerPad(x, nFft / 2, reflect) : toDouble(x);
        double[] w = new double[nFft];
        double[] win = window(window, winLength);
        int left = (nFft - winLength) / 2;
        System.arraycopy(win, 0, w, left, winLength);
        int frames = sig.length < nFft ? 0 : 1 + (sig.length - nFft) / hop;
        int bins = nFft / 2 + 1;
        double[][][] out = new double[frames][bins][2];
        for (int t = 0; t < frames; t++) {
            for (int k = 0; k < bins; k++) {
                double re = 0;
                double im = 0;
                for (int i = 0; i < nFft; i++) {
                    double v = sig[t * hop + i] * w[i];
                    double a = -2 * Math.PI * (double) k * i / nFft;
                    re += v * Math.cos(a);
                    im += v * Math.sin(a);
                }
                out[t][k][0] = re;
                out[t][k][1] = im;
            }
        }
        return out;
    }

    static double[][] power(double[][][] spec) {
        double[][] p = new double[spec.length][];
        for (int t = 0; t < spec.length; t++) {
            p[t] = new double[spec[t].length];
            for (int k = 0; k < spec[t].length; k++) {
                p[t][k] = spec[t][k][0] * spec[t][k][0] + spec[t][k][1] * spec[t][k][1];
            }
        }
        return p;
    }

    static double htkMel(double hz) {
        return 2595 * Math.log10(1 + hz / 700);
    }

    static double htkHz(double mel) {
        return 700 * (Math.pow(10, mel / 2595) - 1);
    }

    static double slaneyMel(double hz) {
        return hz < 1000 ? 3 * hz / 200 : 15 + 27 * Math.log(hz / 1000) / Math.log(6.4);
    }

    static double slaneyHz(double mel) {
        return mel < 15 ? 200 * mel / 3 : 1000 * Math.pow(6.4, (mel - 15) / 27);
    }

    /** Triangles from their definition: rising on [lo, mid], falling on [mid, hi]; [nMels][bins]. */
    static double[][] melFilterbank(int nMels, int nFft, int sampleRate, double fMin, double fMax, boolean slaney, boolean areaNorm) {
        int bins = nFft / 2 + 1;
        double mLo = slaney ? slaneyMel(fMin) : htkMel(fMin);
        double mHi = slaney ? slaneyMel(fMax) : htkMel(fMax);
        double[] edges = new double[nMels + 2];
        for (int i = 0; i < edges.length; i++) {
            double m = mLo + i * (mHi - mLo) / (nMels + 1);
            edges[i] = slaney ? slaneyHz(m) : htkHz(m);
        }
        double[][] w = new double[nMels][bins];
        for (int m = 0; m < nMels; m++) {
            double lo = edges[m];
            double mid = edges[m + 1];
            double hi = edges[m + 2];
            for (int k = 0; k < bins; k++) {
                double f = (sampleRate / 2) * (double) k / (bins - 1);
                double v = 0;
                if (f >= lo && f <= mid) {
                    v = (f - lo) / (mid - lo);
                } else if (f > mid && f <= hi) {
                    v = (hi - f) / (hi - mid);
                }
                w[m][k] = areaNorm ? v * 2 / (hi - lo) : v;
            }
        }
        return w;
    }

    /** X[k] = s(k) sum_n x[n] cos(pi k (2n+1) / 2N). */
    static double[] dct2Ortho(double[] x, int nCoeffs) {
        int n = x.length;
        double[] out = new double[nCoeffs];
        for (int k = 0; k < nCoeffs; k++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += x[i] * Math.cos(Math.PI * k * (2 * i + 1) / (2.0 * n));
            }
            out[k] = s * (k == 0 ? Math.sqrt(1.0 / n) : Math.sqrt(2.0 / n));
        }
        return out;
    }

    static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    static float[] sine(double hz, double amplitude, int sampleRate, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / sampleRate));
        }
        return x;
    }

    /** Linear chirp from f0 to f1 Hz over n samples plus a little deterministic noise. */
    static float[] chirp(double f0, double f1, int sampleRate, int n, long seed) {
        java.util.Random r = new java.util.Random(seed);
        float[] x = new float[n];
        double duration = (double) n / sampleRate;
        for (int i = 0; i < n; i++) {
            double t = (double) i / sampleRate;
            x[i] = (float) (0.6 * Math.sin(2 * Math.PI * (f0 * t + (f1 - f0) * t * t / (2 * duration))) + 0.01 * r.nextGaussian());
        }
        return x;
    }

    /** Amplitude of the component at hz, by least squares on sin and cos over x[from, to). */
    static double amplitudeAt(float[] x, double hz, int sampleRate, int from, int to) {
        double ss = 0;
        double cc = 0;
        double sc = 0;
        double xs = 0;
        double xc = 0;
        for (int i = from; i < to; i++) {
            double a = 2 * Math.PI * hz * i / sampleRate;
            double s = Math.sin(a);
            double c = Math.cos(a);
            ss += s * s;
            cc += c * c;
            sc += s * c;
            xs += x[i] * s;
            xc += x[i] * c;
        }
        double det = ss * cc - sc * sc;
        double bs = (xs * cc - xc * sc) / det;
        double bc = (xc * ss - xs * sc) / det;
        return Math.hypot(bs, bc);
    }

    static double rms(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (double) x[i] * x[i];
        }
        return Math.sqrt(s / (to - from));
    }
}
