package io.xmodal.audio.dsp;

/**
 * Analysis windows, periodic like torch's defaults ({@code torch.hann_window(N)} with
 * {@code periodic=True}): w[n] for n = 0..N-1 with the period N, not N-1.
 */
public enum Window {
    /** w[n] = 0.5 - 0.5 cos(2 pi n / N). */
    HANN,
    /** w[n] = 0.54 - 0.46 cos(2 pi n / N). */
    HAMMING,
    /** w[n] = 1. */
    RECTANGULAR;

    /** The N = {@code length} window values. */
    public double[] coefficients(int length) {
        if (length <= 0) {
            throw new IllegalArgumentException("window length must be positive, got " + length);
        }
        double[] w = new double[length];
        for (int n = 0; n < length; n++) {
            double c = Math.cos(2 * Math.PI * n / length);
            w[n] = switch (this) {
                case HANN -> 0.5 - 0.5 * c;
                case HAMMING -> 0.54 - 0.46 * c;
                case RECTANGULAR -> 1.0;
            };
        }
        return w;
    }
}
