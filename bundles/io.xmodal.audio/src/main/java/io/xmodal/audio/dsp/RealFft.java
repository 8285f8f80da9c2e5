package io.xmodal.audio.dsp;

import be.tarsos.dsp.util.fft.FFT;
import be.tarsos.dsp.util.fft.FloatFFT;

/**
 * The real FFT of TarsosDSP (a port of JTransforms), with its packed output unpacked.
 *
 * <p>{@link FFT#forwardTransform(float[])} leaves the n/2 + 1 complex bins packed in the n input
 * slots: for even n, a[0] = Re X[0], a[1] = Re X[n/2] and a[2k], a[2k+1] = Re, Im X[k] for
 * 0 &lt; k &lt; n/2; for odd n, a[1] = Im X[(n-1)/2] and a[n-1] = Re X[(n-1)/2]. TarsosDSP's own
 * magnitude helpers read a[0], a[1] as one complex number, which is why its bin 0 reports
 * sqrt(DC^2 + Nyquist^2); here DC and Nyquist are taken apart. Instances keep no state between calls
 * (the plan is read-only after construction), so one may be shared between threads.
 */
final class RealFft {

    private final int n;
    private final FFT fft;
    private final FloatFFT inverse;

    RealFft(int n) {
        if (n < 2) {
            throw new IllegalArgumentException("FFT size must be at least 2, got " + n);
        }
        this.n = n;
        this.fft = new FFT(n);
        this.inverse = new FloatFFT(n);
    }

    int size() {
        return n;
    }

    int bins() {
        return n / 2 + 1;
    }

    /** In place: {@code a} (length n, real signal) becomes the packed spectrum. */
    void forward(float[] a) {
        fft.forwardTransform(a);
    }

    /** |X[k]|^2 of a packed spectrum, for k = 0..n/2. */
    void power(float[] packed, float[] out) {
        int half = n / 2;
        out[0] = packed[0] * packed[0];
        if ((n & 1) == 0) {
            for (int k = 1; k < half; k++) {
                float re = packed[2 * k];
                float im = packed[2 * k + 1];
                out[k] = re * re + im * im;
            }
            out[half] = packed[1] * packed[1];
        } else {
            for (int k = 1; k < half; k++) {
                float re = packed[2 * k];
                float im = packed[2 * k + 1];
                out[k] = re * re + im * im;
            }
            float re = packed[n - 1];
            float im = packed[1];
            out[half] = re * re + im * im;
        }
    }

    /** Re X[k] and Im X[k] of a packed spectrum, for k = 0..n/2. */
    void unpack(float[] packed, float[] re, float[] im) {
        int half = n / 2;
        re[0] = packed[0];
        im[0] = 0f;
        for (int k = 1; k < half; k++) {
            re[k] = packed[2 * k];
            im[k] = packed[2 * k + 1];
        }
        if ((n & 1) == 0) {
            re[half] = packed[1];
            im[half] = 0f;
        } else {
            re[half] = packed[n - 1];
            im[half] = packed[1];
        }
    }

    /**
     * The real signal (length n, into {@code out}) whose one-sided spectrum is re/im, like
     * {@code torch.fft.irfft}: the imaginary parts of DC (and of Nyquist for even n) are ignored.
     */
    void inverse(float[] re, float[] im, float[] out) {
        int half = n / 2;
        out[0] = re[0];
        for (int k = 1; k < half; k++) {
            out[2 * k] = re[k];
            out[2 * k + 1] = im[k];
        }
        if ((n & 1) == 0) {
            out[1] = re[half];
        } else {
            out[n - 1] = re[half];
            out[1] = im[half];
        }
        inverse.realInverse(out, true);
    }
}
