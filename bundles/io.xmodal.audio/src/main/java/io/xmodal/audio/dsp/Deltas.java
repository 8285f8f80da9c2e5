package io.xmodal.audio.dsp;

/**
 * Time derivatives of feature frames, {@code torchaudio.functional.compute_deltas}: with
 * n = (winLength - 1) / 2, d[t] = sum_{k=1..n} k (x[t+k] - x[t-k]) / (2 sum_{k=1..n} k^2), where frames
 * beyond either end repeat the first or last frame (replicate padding).
 */
public final class Deltas {

    private Deltas() {
    }

    /** Deltas over frames: [frames][features] to [frames][features]; winLength at least 3 (torchaudio's default 5). */
    public static float[][] deltas(float[][] x, int winLength) {
        if (winLength < 3) {
            throw new IllegalArgumentException("deltas win-length must be at least 3, got " + winLength);
        }
        int n = (winLength - 1) / 2;
        double denom = n * (n + 1) * (2.0 * n + 1) / 3.0;
        int frames = x.length;
        if (frames == 0) {
            return new float[0][];
        }
        int features = x[0].length;
        float[][] out = new float[frames][features];
        for (int t = 0; t < frames; t++) {
            if (x[t].length != features) {
                throw new IllegalArgumentException("frame " + t + " has " + x[t].length + " features, frame 0 has " + features);
            }
            for (int f = 0; f < features; f++) {
                double sum = 0;
                for (int k = 1; k <= n; k++) {
                    float ahead = x[Math.min(frames - 1, t + k)][f];
                    float behind = x[Math.max(0, t - k)][f];
                    sum += k * ((double) ahead - behind);
                }
                out[t][f] = (float) (sum / denom);
            }
        }
        return out;
    }
}
