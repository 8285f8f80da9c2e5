package io.xmodal.audio.dsp;

import java.util.Objects;

/**
 * A mono recording: samples nominally in [-1, 1] (a float WAV may hold louder values, which are kept)
 * at {@code sampleRate} samples per second.
 */
public record Audio(float[] samples, int sampleRate) {

    public Audio {
        Objects.requireNonNull(samples, "samples");
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
    }

    /** Length in seconds. */
    public double durationSeconds() {
        return samples.length / (double) sampleRate;
    }

    /** The same samples at {@code rate}, band-limited by {@link Resample#resample(float[], int, int)}. */
    public Audio resampled(int rate) {
        return rate == sampleRate ? this : new Audio(Resample.resample(samples, sampleRate, rate), rate);
    }
}
