package io.xmodal.audio.dsp;

/**
 * Log-mel spectrogram in one pass: y[t][m] = ln(max(sum_k W[m][k] |X_t[k]|^power, floor) + offset),
 * with the STFT and filterbank given. Equal to {@code LogCompression.log(fb.apply(stft.power(x)), floor,
 * offset)} for power 2, but without the intermediate [frames][bins] arrays: the padded signal, frame
 * and spectrum buffers are reused between calls, so an instance is NOT thread-safe (use one per thread).
 */
public final class LogMelSpectrogram {

    private final Stft stft;
    private final MelFilterbank filterbank;
    private final double power;
    private final float floor;
    private final float offset;
    private final float[] frame;
    private final float[] spectrum;
    private float[] padded = new float[0];

    /**
     * @param power exponent of |X| before the filterbank: 2 (power, torchaudio's default) or 1 (magnitude) or any positive value
     * @param floor lower clamp before the log (e.g. 1e-10)
     * @param offset added after the clamp (e.g. 0, or 1e-6)
     */
    public LogMelSpectrogram(Stft stft, MelFilterbank filterbank, double power, double floor, double offset) {
        if (stft.nFft() != filterbank.nFft()) {
            throw new IllegalArgumentException("the STFT has n-fft " + stft.nFft() + " but the filterbank was made for " + filterbank.nFft());
        }
        if (!(power > 0) || Double.isInfinite(power)) {
            throw new IllegalArgumentException("power must be positive, got " + power);
        }
        LogCompression.checkLog(floor, offset);
        this.stft = stft;
        this.filterbank = filterbank;
        this.power = power;
        this.floor = (float) floor;
        this.offset = (float) offset;
        this.frame = new float[stft.nFft()];
        this.spectrum = new float[stft.bins()];
    }

    public Stft stft() {
        return stft;
    }

    public MelFilterbank filterbank() {
        return filterbank;
    }

    /** Number of frames for {@code numSamples} samples. */
    public int frames(int numSamples) {
        return stft.frames(numSamples);
    }

    /** [frames][nMels]. */
    public float[][] compute(float[] x) {
        float[][] out = new float[stft.frames(x.length)][filterbank.nMels()];
        compute(x, out);
        return out;
    }

    /** Into {@code out}, which must have {@link #frames(int)} rows of nMels values. */
    public void compute(float[] x, float[][] out) {
        int frames = stft.frames(x.length);
        if (out.length != frames) {
            throw new IllegalArgumentException("output has " + out.length + " rows, need " + frames);
        }
        float[] signal = padInto(x);
        boolean magnitude = power == 1.0;
        boolean squared = power == 2.0;
        float half = (float) (power / 2);
        for (int t = 0; t < frames; t++) {
            stft.powerFrame(signal, t, frame, spectrum);
            if (magnitude) {
                for (int k = 0; k < spectrum.length; k++) {
                    spectrum[k] = (float) Math.sqrt(spectrum[k]);
                }
            } else if (!squared) {
                for (int k = 0; k < spectrum.length; k++) {
                    spectrum[k] = (float) Math.pow(spectrum[k], half);
                }
            }
            float[] row = out[t];
            filterbank.applyFrame(spectrum, row);
            for (int m = 0; m < row.length; m++) {
                row[m] = (float) Math.log(Math.max(row[m], floor) + offset);
            }
        }
    }

    private float[] padInto(float[] x) {
        if (!stft.center()) {
            return x;
        }
        int p = stft.nFft() / 2;
        int n = x.length;
        if (padded.length != n + 2 * p) {
            padded = new float[n + 2 * p];
        }
        System.arraycopy(x, 0, padded, p, n);
        if (stft.padMode() == PadMode.REFLECT && n > 0) {
            for (int i = 1; i <= p; i++) {
                padded[p - i] = x[Stft.reflect(-i, n)];
                padded[p + n - 1 + i] = x[Stft.reflect(n - 1 + i, n)];
            }
        } else {
            java.util.Arrays.fill(padded, 0, p, 0f);
            java.util.Arrays.fill(padded, p + n, n + 2 * p, 0f);
        }
        return padded;
    }
}
