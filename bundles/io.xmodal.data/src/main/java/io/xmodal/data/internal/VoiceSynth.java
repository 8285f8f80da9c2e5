package io.xmodal.data.internal;

/**
 * The voice-like series of a synthetic face: a smooth, noise-free function of the six
 * {@link FaceAttributes}, sampled at {@code t_j = j / (L - 1)}, so the same face gives the same curve
 * shape at every length. With {@code (w, h, e, s, m, b)} the attributes:
 * <pre>
 * pitch     f0   = 1 + 0.6 h                      cycles per window (face height)
 * glide     g    = 0.8 (w - 0.5)                   change of pitch over the window (face width)
 * phase     φ(t) = 2π (f0 t + g (t² - t) / 2)      instantaneous pitch f0 + g (t - 1/2)
 * formant   c    = 0.2 + 0.6 e                     where the loud part sits (eye size)
 * envelope  A(t) = 0.3 + 0.6 (0.25 + 0.75 m) exp(-((t - c) / 0.3)²)   (mouth openness)
 * timbre    k    = 0.1 + 0.5 b                     weight of the second harmonic (skin brightness)
 * series    y(t) = A(t) [(1 - k) sin φ(t) + k sin(2 φ(t) + 0.6 π s)]  (eye spacing: harmonic phase)
 * </pre>
 * Frequencies stay low: the fundamental makes 1 to 1.6 cycles over the window (instantaneous rate
 * 0.6 to 2 cycles per window), the harmonic at most 4; there is no random phase and no noise, and
 * {@code |y| <= 0.9}.
 */
final class VoiceSynth {
    private VoiceSynth() {
    }

    /** The series of {@code length} steps (at least 2) for face {@code a}. */
    static float[] series(FaceAttributes a, int length) {
        double f0 = 1 + 0.6 * a.faceHeight();
        double glide = 0.8 * (a.faceWidth() - 0.5);
        double centre = 0.2 + 0.6 * a.eyeSize();
        double loudness = 0.6 * (0.25 + 0.75 * a.mouthOpenness());
        double k = 0.1 + 0.5 * a.skinBrightness();
        double harmonicPhase = 0.6 * Math.PI * a.eyeSpacing();
        float[] y = new float[length];
        for (int j = 0; j < length; j++) {
            double t = length == 1 ? 0 : j / (double) (length - 1);
            double phi = 2 * Math.PI * (f0 * t + glide * (t * t - t) / 2);
            double z = (t - centre) / 0.3;
            double envelope = 0.3 + loudness * Math.exp(-z * z);
            y[j] = (float) (envelope * ((1 - k) * Math.sin(phi) + k * Math.sin(2 * phi + harmonicPhase)));
        }
        return y;
    }
}
