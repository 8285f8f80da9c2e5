package io.xmodal.audio.dsp;

/**
 * Short-time Fourier transform with the semantics of {@code torchaudio.transforms.Spectrogram} (and
 * {@code torch.stft}/{@code torch.istft}, one-sided, not normalised).
 *
 * <p>The window of {@code winLength} samples is zero-padded on both sides to {@code nFft} samples
 * (left padding (nFft - winLength) / 2). With {@code center} the signal is first padded by nFft / 2
 * samples on each side ({@link PadMode}); frame t covers padded samples [t * hop, t * hop + nFft) and
 * X_t[k] = sum_n w[n] x_pad[t * hop + n] exp(-2 pi i k n / nFft) for k = 0..nFft/2. Instances are
 * immutable and may be shared between threads.
 */
public final class Stft {

    private final int nFft;
    private final int winLength;
    private final int hopLength;
    private final Window window;
    private final boolean center;
    private final PadMode padMode;
    private final float[] paddedWindow;
    private final RealFft fft;

    public Stft(int nFft, int winLength, int hopLength, Window window, boolean center, PadMode padMode) {
        if (nFft < 2) {
            throw new IllegalArgumentException("n-fft must be at least 2, got " + nFft);
        }
        if (winLength < 1 || winLength > nFft) {
            throw new IllegalArgumentException("win-length must be in [1, n-fft=" + nFft + "], got " + winLength);
        }
        if (hopLength < 1) {
            throw new IllegalArgumentException("hop-length must be positive, got " + hopLength);
        }
        if (window == null || padMode == null) {
            throw new IllegalArgumentException("window and pad-mode must be given");
        }
        this.nFft = nFft;
        this.winLength = winLength;
        this.hopLength = hopLength;
        this.window = window;
        this.center = center;
        this.padMode = padMode;
        this.paddedWindow = new float[nFft];
        double[] w = window.coefficients(winLength);
        int left = (nFft - winLength) / 2;
        for (int i = 0; i < winLength; i++) {
            paddedWindow[left + i] = (float) w[i];
        }
        this.fft = new RealFft(nFft);
    }

    /** torchaudio's defaults for {@code nFft}: win-length n-fft, hop n-fft/2 (win/2), Hann, centred, reflect. */
    public static Stft of(int nFft) {
        return new Stft(nFft, nFft, nFft / 2, Window.HANN, true, PadMode.REFLECT);
    }

    /** torchaudio's defaults with the given hop: win-length n-fft, Hann, centred, reflect. */
    public static Stft of(int nFft, int hopLength) {
        return new Stft(nFft, nFft, hopLength, Window.HANN, true, PadMode.REFLECT);
    }

    public int nFft() {
        return nFft;
    }

    public int winLength() {
        return winLength;
    }

    public int hopLength() {
        return hopLength;
    }

    public Window window() {
        return window;
    }

    public boolean center() {
        return center;
    }

    public PadMode padMode() {
        return padMode;
    }

    /** The analysis window, zero-padded to n-fft samples (a copy). */
    public float[] paddedWindow() {
        return paddedWindow.clone();
    }

    /** Number of frames for a signal of {@code numSamples}: 1 + (N + 2 (nFft/2) - nFft) / hop when centred. */
    public int frames(int numSamples) {
        if (numSamples < 0) {
            throw new IllegalArgumentException("negative number of samples: " + numSamples);
        }
        long padded = numSamples + (center ? 2L * (nFft / 2) : 0L);
        if (padded < nFft) {
            return 0;
        }
        return (int) (1 + (padded - nFft) / hopLength);
    }

    /** nFft / 2 + 1. */
    public int bins() {
        return nFft / 2 + 1;
    }

    /** |X|, [frames][bins]. */
    public float[][] magnitude(float[] x) {
        float[][] out = power(x);
        for (float[] row : out) {
            for (int k = 0; k < row.length; k++) {
                row[k] = (float) Math.sqrt(row[k]);
            }
        }
        return out;
    }

    /** |X|^2, [frames][bins]. */
    public float[][] power(float[] x) {
        float[] padded = pad(x);
        int frames = frames(x.length);
        float[][] out = new float[frames][bins()];
        float[] buf = new float[nFft];
        for (int t = 0; t < frames; t++) {
            spectrum(padded, t, buf);
            fft.power(buf, out[t]);
        }
        return out;
    }

    /** X as [frames][bins][2] (real, imaginary). */
    public float[][][] complex(float[] x) {
        float[] padded = pad(x);
        int frames = frames(x.length);
        int bins = bins();
        float[][][] out = new float[frames][bins][2];
        float[] buf = new float[nFft];
        float[] re = new float[bins];
        float[] im = new float[bins];
        for (int t = 0; t < frames; t++) {
            spectrum(padded, t, buf);
            fft.unpack(buf, re, im);
            for (int k = 0; k < bins; k++) {
                out[t][k][0] = re[k];
                out[t][k][1] = im[k];
            }
        }
        return out;
    }

    /**
     * The inverse STFT ({@code torch.istft} with this window, hop and centring): the windowed inverse
     * FFT of each frame is overlap-added and divided by the overlap-added squared window (where that
     * exceeds 1e-11); with centring the first nFft/2 samples are dropped. The result has
     * {@code length} samples (cut, or zero-filled where no frame reaches).
     */
    public float[] inverse(float[][][] spectrum, int length) {
        int frames = spectrum.length;
        int bins = bins();
        int total = nFft + hopLength * Math.max(0, frames - 1);
        double[] y = new double[total];
        double[] envelope = new double[total];
        float[] re = new float[bins];
        float[] im = new float[bins];
        float[] buf = new float[nFft];
        for (int t = 0; t < frames; t++) {
            float[][] frame = spectrum[t];
            if (frame.length != bins) {
                throw new IllegalArgumentException("frame " + t + " has " + frame.length + " bins, expected " + bins);
            }
            for (int k = 0; k < bins; k++) {
                re[k] = frame[k][0];
                im[k] = frame[k][1];
            }
            fft.inverse(re, im, buf);
            int start = t * hopLength;
            for (int n = 0; n < nFft; n++) {
                float w = paddedWindow[n];
                y[start + n] += buf[n] * w;
                envelope[start + n] += w * w;
            }
        }
        int offset = center ? nFft / 2 : 0;
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            int j = i + offset;
            if (j < total && envelope[j] > 1e-11) {
                out[i] = (float) (y[j] / envelope[j]);
            }
        }
        return out;
    }

    /** The signal as the frames see it: padded by nFft/2 on each side when centred, else a copy. */
    public float[] pad(float[] x) {
        if (!center) {
            return x.clone();
        }
        int p = nFft / 2;
        int n = x.length;
        float[] out = new float[n + 2 * p];
        System.arraycopy(x, 0, out, p, n);
        if (padMode == PadMode.REFLECT && n > 0) {
            for (int i = 1; i <= p; i++) {
                out[p - i] = x[reflect(-i, n)];
                out[p + n - 1 + i] = x[reflect(n - 1 + i, n)];
            }
        }
        return out;
    }

    /** Index of x[i] for i outside [0, n) under mirror reflection, repeated for pads longer than n (as numpy). */
    static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int j = Math.floorMod(i, period);
        return j < n ? j : period - j;
    }

    /** Packed spectrum of frame t of an already padded signal, into buf (length nFft). */
    void spectrum(float[] padded, int t, float[] buf) {
        int start = t * hopLength;
        float[] w = paddedWindow;
        for (int n = 0; n < nFft; n++) {
            buf[n] = padded[start + n] * w[n];
        }
        fft.forward(buf);
    }

    /** |X_t|^2 into out (length bins), using buf (length nFft) as scratch. */
    void powerFrame(float[] padded, int t, float[] buf, float[] out) {
        spectrum(padded, t, buf);
        fft.power(buf, out);
    }
}
