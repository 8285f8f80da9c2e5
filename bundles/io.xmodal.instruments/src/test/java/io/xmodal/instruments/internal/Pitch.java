package io.xmodal.instruments.internal;

/** Fundamental frequency and spectral centroid of a clip, for checks of rendered and synthetic notes. */
final class Pitch {
    private Pitch() {
    }

    /**
     * The fundamental by the YIN difference function (de Cheveigné and Kawahara 2002) over {@code window}
     * samples from {@code start}: the first lag whose cumulative-mean-normalised difference falls below 0.15,
     * refined by parabolic interpolation; 0 when none does.
     */
    static double yin(float[] x, int start, int window, int rate, double minHz, double maxHz) {
        int maxLag = (int) Math.ceil(rate / minHz);
        int minLag = (int) Math.floor(rate / maxHz);
        double[] d = new double[maxLag + 2];
        for (int lag = 1; lag <= maxLag + 1; lag++) {
            double s = 0;
            for (int i = start; i < start + window; i++) {
                double diff = x[i] - x[i + lag];
                s += diff * diff;
            }
            d[lag] = s;
        }
        double running = 0;
        double[] cmnd = new double[maxLag + 2];
        cmnd[0] = 1;
        for (int lag = 1; lag <= maxLag + 1; lag++) {
            running += d[lag];
            cmnd[lag] = running == 0 ? 1 : d[lag] * lag / running;
        }
        for (int lag = Math.max(2, minLag); lag <= maxLag; lag++) {
            if (cmnd[lag] < 0.15) {
                while (lag + 1 <= maxLag && cmnd[lag + 1] < cmnd[lag]) {
                    lag++;
                }
                double a = cmnd[lag - 1];
                double b = cmnd[lag];
                double c = cmnd[lag + 1];
                double denom = a - 2 * b + c;
                double shift = denom == 0 ? 0 : 0.5 * (a - c) / denom;
                return rate / (lag + shift);
            }
        }
        return 0;
    }

    /** Spectral centroid in Hz of a Hann-windowed DFT of {@code n} samples from {@code start} (direct DFT up to 8 kHz). */
    static double centroid(float[] x, int start, int n, int rate) {
        double num = 0;
        double den = 0;
        int maxBin = (int) Math.min(n / 2, 8000.0 * n / rate);
        for (int k = 1; k <= maxBin; k++) {
            double re = 0;
            double im = 0;
            for (int i = 0; i < n; i++) {
                double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1));
                double a = 2 * Math.PI * k * i / n;
                re += w * x[start + i] * Math.cos(a);
                im -= w * x[start + i] * Math.sin(a);
            }
            double mag = Math.hypot(re, im);
            num += mag * k * rate / (double) n;
            den += mag;
        }
        return den == 0 ? 0 : num / den;
    }
}
