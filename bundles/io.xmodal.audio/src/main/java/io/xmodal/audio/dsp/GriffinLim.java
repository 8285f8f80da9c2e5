package io.xmodal.audio.dsp;

import java.util.Random;

/**
 * Phase reconstruction from a magnitude spectrogram, {@code torchaudio.transforms.GriffinLim} (the
 * fast Griffin-Lim of Perraudin et al., 2013).
 *
 * <p>Starting from random phases A (real and imaginary parts uniform in [0, 1), as torchaudio), each
 * iteration computes R = STFT(ISTFT(|S| A)), A = (R - m / (1 + m) R_prev) / (|...| + 1e-16) and
 * R_prev = R; the result is ISTFT(|S| A). The STFT is the one given (window, hop, centring; the
 * analysis always pads by reflection when centred, as torchaudio). Instances are immutable.
 */
public final class GriffinLim {

    private final Stft stft;
    private final int iterations;
    private final double momentum;
    private final long seed;

    /**
     * @param iterations torchaudio's {@code n_iter} (default 32)
     * @param momentum   torchaudio's default 0.99; 0 gives the original Griffin-Lim
     * @param seed       seed of the initial random phases
     */
    public GriffinLim(Stft stft, int iterations, double momentum, long seed) {
        if (stft == null) {
            throw new IllegalArgumentException("an Stft must be given");
        }
        if (iterations < 0) {
            throw new IllegalArgumentException("Griffin-Lim iterations must be non-negative, got " + iterations);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("Griffin-Lim momentum must be in [0, 1), got " + momentum);
        }
        this.stft = stft.center() && stft.padMode() != PadMode.REFLECT
                ? new Stft(stft.nFft(), stft.winLength(), stft.hopLength(), stft.window(), true, PadMode.REFLECT)
                : stft;
        this.iterations = iterations;
        this.momentum = momentum;
        this.seed = seed;
    }

    public int iterations() {
        return iterations;
    }

    public double momentum() {
        return momentum;
    }

    /** A waveform of {@code length} samples whose STFT magnitude approximates {@code magnitude} [frames][bins]. */
    public float[] invert(float[][] magnitude, int length) {
        int frames = magnitude.length;
        int bins = stft.bins();
        if (frames != stft.frames(length)) {
            throw new IllegalArgumentException("a magnitude of " + frames + " frames does not fit " + length
                    + " samples: this STFT makes " + stft.frames(length) + " frames of them");
        }
        for (int t = 0; t < frames; t++) {
            if (magnitude[t].length != bins) {
                throw new IllegalArgumentException("frame " + t + " has " + magnitude[t].length + " bins, expected " + bins);
            }
        }
        Random random = new Random(seed);
        float[][][] angles = new float[frames][bins][2];
        for (int t = 0; t < frames; t++) {
            for (int k = 0; k < bins; k++) {
                angles[t][k][0] = random.nextFloat();
                angles[t][k][1] = random.nextFloat();
            }
        }
        double m = momentum / (1 + momentum);
        float[][][] previous = null;
        float[][][] spectrum = new float[frames][bins][2];
        for (int it = 0; it < iterations; it++) {
            scale(magnitude, angles, spectrum);
            float[] inverse = stft.inverse(spectrum, length);
            float[][][] rebuilt = stft.complex(inverse);
            for (int t = 0; t < frames; t++) {
                for (int k = 0; k < bins; k++) {
                    double re = rebuilt[t][k][0];
                    double im = rebuilt[t][k][1];
                    if (previous != null && m != 0) {
                        re -= m * previous[t][k][0];
                        im -= m * previous[t][k][1];
                    }
                    double norm = Math.sqrt(re * re + im * im) + 1e-16;
                    angles[t][k][0] = (float) (re / norm);
                    angles[t][k][1] = (float) (im / norm);
                }
            }
            previous = rebuilt;
        }
        scale(magnitude, angles, spectrum);
        return stft.inverse(spectrum, length);
    }

    private static void scale(float[][] magnitude, float[][][] angles, float[][][] out) {
        for (int t = 0; t < magnitude.length; t++) {
            for (int k = 0; k < magnitude[t].length; k++) {
                out[t][k][0] = magnitude[t][k] * angles[t][k][0];
                out[t][k][1] = magnitude[t][k] * angles[t][k][1];
            }
        }
    }

    /**
     * A linear spectrogram [frames][bins] from a mel spectrogram [frames][nMels] made with {@code fb}:
     * per frame the minimum-norm least-squares solution s = W^T (W W^T)^+ mel (W the [nMels][bins]
     * weights, ^+ the pseudo-inverse), clipped at 0 (torchaudio's {@code InverseMelScale}: a
     * least-squares solve followed by ReLU). Feed it magnitudes (mel of |X|) or take the square root
     * of the result for a power mel.
     */
    public static float[][] melToLinear(float[][] mel, MelFilterbank fb) {
        int nMels = fb.nMels();
        int bins = fb.bins();
        float[][] w = fb.weights();
        double[][] gram = new double[nMels][nMels];
        for (int a = 0; a < nMels; a++) {
            for (int b = a; b < nMels; b++) {
                double s = 0;
                for (int k = 0; k < bins; k++) {
                    s += (double) w[a][k] * w[b][k];
                }
                gram[a][b] = s;
                gram[b][a] = s;
            }
        }
        double[][] pinv = SymmetricEigen.pseudoInverse(gram);
        // P = W^T G^+ : [bins][nMels]
        double[][] p = new double[bins][nMels];
        for (int k = 0; k < bins; k++) {
            for (int j = 0; j < nMels; j++) {
                double s = 0;
                for (int a = 0; a < nMels; a++) {
                    s += w[a][k] * pinv[a][j];
                }
                p[k][j] = s;
            }
        }
        float[][] out = new float[mel.length][bins];
        for (int t = 0; t < mel.length; t++) {
            if (mel[t].length != nMels) {
                throw new IllegalArgumentException("frame " + t + " has " + mel[t].length + " mel bands, the filterbank has " + nMels);
            }
            for (int k = 0; k < bins; k++) {
                double s = 0;
                for (int j = 0; j < nMels; j++) {
                    s += p[k][j] * mel[t][j];
                }
                out[t][k] = (float) Math.max(0, s);
            }
        }
        return out;
    }
}
