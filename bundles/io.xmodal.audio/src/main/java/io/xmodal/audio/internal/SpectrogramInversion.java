package io.xmodal.audio.internal;

import io.xmodal.audio.dsp.GriffinLim;
import io.xmodal.audio.dsp.MelFilterbank;
import io.xmodal.audio.dsp.Stft;

/**
 * Waveforms from the spectrograms the audio transforms make ({@link io.xmodal.api.data.Transform.Invertible}):
 * undo the value scale, take the power back to a magnitude |X| (through the pseudo-inverse of the mel
 * filterbank for mel spectrograms), then estimate the phase with torchaudio's Griffin-Lim (32 iterations,
 * momentum 0.99, seed 0, so the same spectrogram always gives the same waveform).
 */
final class SpectrogramInversion {
    static final int ITERATIONS = 32;
    static final double MOMENTUM = 0.99;

    private SpectrogramInversion() {
    }

    /** The value scale of a transform's output, undone elementwise: back to |X|^power (or mel of it). */
    enum Scale {
        LINEAR, LOG, DB;

        /** For scale LOG: ln(max(x, floor) + offset) -> max(e^v - offset, 0); for DB: multiplier log10 x -> 10^(v / multiplier). */
        float undo(float v, double offset, double multiplier) {
            double x = switch (this) {
                case LINEAR -> v;
                case LOG -> Math.exp(v) - offset;
                case DB -> Math.pow(10, v / multiplier);
            };
            return Double.isFinite(x) ? (float) Math.max(0, x) : x > 0 ? Float.MAX_VALUE : 0f;
        }
    }

    /**
     * A waveform of {@code length} samples from a flat [1, frames, bins] spectrogram of |X|^power in
     * {@code scale} (a linear-frequency spectrogram).
     */
    static float[] linear(float[] flat, Stft stft, int length, double power, Scale scale, double offset, double multiplier) {
        int frames = stft.frames(length);
        int bins = stft.bins();
        float[][] magnitude = new float[frames][bins];
        for (int t = 0; t < frames; t++) {
            for (int k = 0; k < bins; k++) {
                magnitude[t][k] = root(scale.undo(flat[t * bins + k], offset, multiplier), power);
            }
        }
        return new GriffinLim(stft, ITERATIONS, MOMENTUM, 0).invert(magnitude, length);
    }

    /** A waveform of {@code length} samples from a flat [1, frames, n-mels] log-mel spectrogram ln(max(mel, floor) + offset). */
    static float[] mel(float[] flat, Stft stft, MelFilterbank fb, int length, double power, double offset) {
        int frames = stft.frames(length);
        int mels = fb.nMels();
        float[][] mel = new float[frames][mels];
        for (int t = 0; t < frames; t++) {
            for (int j = 0; j < mels; j++) {
                mel[t][j] = Scale.LOG.undo(flat[t * mels + j], offset, 0);
            }
        }
        float[][] linear = GriffinLim.melToLinear(mel, fb);
        for (float[] row : linear) {
            for (int k = 0; k < row.length; k++) {
                row[k] = root(row[k], power);
            }
        }
        return new GriffinLim(stft, ITERATIONS, MOMENTUM, 0).invert(linear, length);
    }

    private static float root(float x, double power) {
        return power == 2.0 ? (float) Math.sqrt(x) : power == 1.0 ? x : (float) Math.pow(x, 1 / power);
    }
}
