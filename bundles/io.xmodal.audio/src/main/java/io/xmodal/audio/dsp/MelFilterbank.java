package io.xmodal.audio.dsp;

/**
 * Triangular mel filterbank with the semantics of {@code torchaudio.functional.melscale_fbanks}.
 *
 * <p>Bin k (k = 0..nFft/2) has the frequency k * (sampleRate div 2) / (nFft / 2) (torchaudio's
 * {@code linspace(0, sample_rate // 2, n_freqs)}). nMels + 2 points equally spaced on the mel scale
 * from mel(fMin) to mel(fMax) give the edges f[0..nMels+1] in Hz; filter m rises linearly from 0 at
 * f[m] to 1 at f[m+1] and falls to 0 at f[m+2]. With {@link Norm#SLANEY} filter m is multiplied by
 * 2 / (f[m+2] - f[m]) (constant area). Rows are stored sparsely (first non-zero bin and the run of
 * weights), so {@link #apply} costs about two multiply-adds per bin. Immutable.
 */
public final class MelFilterbank {

    /** The mel scale. */
    public enum Scale {
        /** mel = 2595 log10(1 + f / 700). */
        HTK,
        /** Slaney's (librosa's default): linear f / (200/3) below 1 kHz, then 15 + 27 ln(f / 1000) / ln(6.4). */
        SLANEY
    }

    /** Filter normalisation. */
    public enum Norm {
        /** Peak 1. */
        NONE,
        /** Divide each triangle by half its width in Hz: area 1 in Hz. */
        SLANEY
    }

    private static final double SLANEY_F_SP = 200.0 / 3;
    private static final double SLANEY_MIN_LOG_HZ = 1000.0;
    private static final double SLANEY_MIN_LOG_MEL = SLANEY_MIN_LOG_HZ / SLANEY_F_SP;
    private static final double SLANEY_LOGSTEP = Math.log(6.4) / 27.0;

    private final int nMels;
    private final int nFft;
    private final int sampleRate;
    private final double fMin;
    private final double fMax;
    private final Scale scale;
    private final Norm norm;
    private final int bins;
    private final double[] edgesHz;
    private final int[] rowStart;
    private final float[][] rowWeights;

    public MelFilterbank(int nMels, int nFft, int sampleRate, double fMin, double fMax, Scale scale, Norm norm) {
        if (nMels < 1) {
            throw new IllegalArgumentException("n-mels must be positive, got " + nMels);
        }
        if (nFft < 2) {
            throw new IllegalArgumentException("n-fft must be at least 2, got " + nFft);
        }
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
        if (!(fMin >= 0) || !(fMax > fMin) || Double.isInfinite(fMax)) {
            throw new IllegalArgumentException("need 0 <= f-min < f-max, got f-min " + fMin + ", f-max " + fMax);
        }
        if (scale == null || norm == null) {
            throw new IllegalArgumentException("mel-scale and norm must be given");
        }
        this.nMels = nMels;
        this.nFft = nFft;
        this.sampleRate = sampleRate;
        this.fMin = fMin;
        this.fMax = fMax;
        this.scale = scale;
        this.norm = norm;
        this.bins = nFft / 2 + 1;

        double mMin = hzToMel(fMin, scale);
        double mMax = hzToMel(fMax, scale);
        edgesHz = new double[nMels + 2];
        for (int i = 0; i < nMels + 2; i++) {
            edgesHz[i] = melToHz(mMin + (mMax - mMin) * i / (nMels + 1), scale);
        }
        double nyquist = sampleRate / 2; // integer division, as torchaudio's sample_rate // 2
        rowStart = new int[nMels];
        rowWeights = new float[nMels][];
        double[] row = new double[bins];
        for (int m = 0; m < nMels; m++) {
            double lo = edgesHz[m];
            double mid = edgesHz[m + 1];
            double hi = edgesHz[m + 2];
            double enorm = norm == Norm.SLANEY ? 2.0 / (hi - lo) : 1.0;
            int first = -1;
            int last = -1;
            for (int k = 0; k < bins; k++) {
                double f = bins == 1 ? 0 : nyquist * k / (bins - 1);
                double down = (f - lo) / (mid - lo);
                double up = (hi - f) / (hi - mid);
                double w = Math.max(0.0, Math.min(down, up)) * enorm;
                row[k] = w;
                if (w > 0) {
                    if (first < 0) {
                        first = k;
                    }
                    last = k;
                }
            }
            if (first < 0) {
                rowStart[m] = 0;
                rowWeights[m] = new float[0];
            } else {
                rowStart[m] = first;
                rowWeights[m] = new float[last - first + 1];
                for (int k = first; k <= last; k++) {
                    rowWeights[m][k - first] = (float) row[k];
                }
            }
        }
    }

    /** torchaudio's defaults: f-min 0, f-max sampleRate / 2, HTK scale, no normalisation. */
    public static MelFilterbank of(int nMels, int nFft, int sampleRate) {
        return new MelFilterbank(nMels, nFft, sampleRate, 0.0, sampleRate / 2.0, Scale.HTK, Norm.NONE);
    }

    /** Hz to mel on the given scale. */
    public static double hzToMel(double hz, Scale scale) {
        if (scale == Scale.HTK) {
            return 2595.0 * Math.log10(1.0 + hz / 700.0);
        }
        if (hz < SLANEY_MIN_LOG_HZ) {
            return hz / SLANEY_F_SP;
        }
        return SLANEY_MIN_LOG_MEL + Math.log(hz / SLANEY_MIN_LOG_HZ) / SLANEY_LOGSTEP;
    }

    /** Mel to Hz on the given scale (inverse of {@link #hzToMel}). */
    public static double melToHz(double mel, Scale scale) {
        if (scale == Scale.HTK) {
            return 700.0 * (Math.pow(10.0, mel / 2595.0) - 1.0);
        }
        if (mel < SLANEY_MIN_LOG_MEL) {
            return mel * SLANEY_F_SP;
        }
        return SLANEY_MIN_LOG_HZ * Math.exp(SLANEY_LOGSTEP * (mel - SLANEY_MIN_LOG_MEL));
    }

    public int nMels() {
        return nMels;
    }

    public int nFft() {
        return nFft;
    }

    public int bins() {
        return bins;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public double fMin() {
        return fMin;
    }

    public double fMax() {
        return fMax;
    }

    public Scale scale() {
        return scale;
    }

    public Norm norm() {
        return norm;
    }

    /** The nMels + 2 filter edges in Hz (a copy): filter m spans [f[m], f[m+2]] and peaks at f[m+1]. */
    public double[] edgesHz() {
        return edgesHz.clone();
    }

    /** Indices of filters with no non-zero weight (too narrow for the FFT's bin spacing). */
    public int[] emptyFilters() {
        return java.util.stream.IntStream.range(0, nMels).filter(m -> rowWeights[m].length == 0).toArray();
    }

    /** The dense weights [nMels][bins] (a copy). */
    public float[][] weights() {
        float[][] w = new float[nMels][bins];
        for (int m = 0; m < nMels; m++) {
            System.arraycopy(rowWeights[m], 0, w[m], rowStart[m], rowWeights[m].length);
        }
        return w;
    }

    /** [frames][bins] to [frames][nMels]: out[t][m] = sum_k weights[m][k] in[t][k]. */
    public float[][] apply(float[][] powerOrMagnitude) {
        float[][] out = new float[powerOrMagnitude.length][nMels];
        for (int t = 0; t < powerOrMagnitude.length; t++) {
            float[] frame = powerOrMagnitude[t];
            if (frame.length != bins) {
                throw new IllegalArgumentException("frame " + t + " has " + frame.length + " bins, this filterbank expects "
                        + bins + " (n-fft " + nFft + ")");
            }
            applyFrame(frame, out[t]);
        }
        return out;
    }

    /** One frame: {@code spectrum} (length bins) to {@code out} (length nMels). */
    public void applyFrame(float[] spectrum, float[] out) {
        for (int m = 0; m < nMels; m++) {
            float[] w = rowWeights[m];
            int k0 = rowStart[m];
            float sum = 0f;
            for (int i = 0; i < w.length; i++) {
                sum += w[i] * spectrum[k0 + i];
            }
            out[m] = sum;
        }
    }
}
