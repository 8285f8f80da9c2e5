package io.xmodal.audio.dsp;

/**
 * Band-limited resampling by a Kaiser-windowed sinc, the method of torchaudio's
 * {@code functional.resample(..., resampling_method="sinc_interp_kaiser")}.
 *
 * <p>Output sample j sits at input position p = j * fromRate / toRate (exact rational arithmetic) and
 * y[j] = sum_k x[k] h(k - p) with x zero outside the signal and
 * h(tau) = c sinc(c tau) w(c tau / W), c = rolloff min(1, toRate / fromRate), sinc(u) = sin(pi u)/(pi u),
 * w(r) = I0(beta sqrt(1 - r^2)) / I0(beta) for |r| &lt;= 1, else 0. The cut-off c (in cycles per two
 * input samples) is below the lower of the two Nyquist frequencies, so downsampling is anti-aliased.
 * The output has ceil(N * toRate / fromRate) samples. The defaults are librosa's/resampy's
 * "kaiser_best" filter (W = 64 zero crossings, rolloff 0.9475937, beta 14.7696565). Measured on sines
 * (16000 to 8000 and 44100 to 16000 Hz): gain within 0.001 dB up to 0.85 of the lower Nyquist
 * frequency, -0.02 dB at 0.9, -7 dB at 0.95, -29 dB at 0.98, and below -140 dB from the new Nyquist
 * frequency up. The kernel is tabulated per output phase (toRate / gcd phases) unless that table would
 * exceed 4M values; then it is evaluated per tap.
 */
public final class Resample {

    /** Zero crossings on each side of the kernel (librosa "kaiser_best"). */
    public static final int DEFAULT_LOWPASS_FILTER_WIDTH = 64;
    /** Cut-off as a fraction of the lower Nyquist frequency (librosa "kaiser_best"). */
    public static final double DEFAULT_ROLLOFF = 0.9475937167399596;
    /** Kaiser window shape (librosa "kaiser_best"). */
    public static final double DEFAULT_BETA = 14.769656459379492;

    private static final long MAX_TABLE_FLOATS = 1L << 22;

    private Resample() {
    }

    /** {@code x} from {@code fromRate} to {@code toRate} with the default filter; a copy when the rates are equal. */
    public static float[] resample(float[] x, int fromRate, int toRate) {
        return resample(x, fromRate, toRate, DEFAULT_LOWPASS_FILTER_WIDTH, DEFAULT_ROLLOFF, DEFAULT_BETA);
    }

    /** {@code x} from {@code fromRate} to {@code toRate} with the given Kaiser-sinc filter. */
    public static float[] resample(float[] x, int fromRate, int toRate, int lowpassFilterWidth, double rolloff, double beta) {
        return resample(x, fromRate, toRate, lowpassFilterWidth, rolloff, beta, true);
    }

    static float[] resample(float[] x, int fromRate, int toRate, int lowpassFilterWidth, double rolloff, double beta,
            boolean allowTable) {
        if (fromRate <= 0 || toRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive, got " + fromRate + " -> " + toRate);
        }
        if (lowpassFilterWidth < 1) {
            throw new IllegalArgumentException("lowpass filter width must be positive, got " + lowpassFilterWidth);
        }
        if (!(rolloff > 0 && rolloff <= 1)) {
            throw new IllegalArgumentException("rolloff must be in (0, 1], got " + rolloff);
        }
        if (!(beta >= 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("Kaiser beta must be finite and non-negative, got " + beta);
        }
        if (fromRate == toRate) {
            return x.clone();
        }
        int g = gcd(fromRate, toRate);
        long from = fromRate / g;
        long to = toRate / g;
        int outLength = (int) Math.min(Integer.MAX_VALUE, ceilDiv(x.length * to, from));
        double cutoff = rolloff * Math.min(1.0, (double) to / from);
        int half = (int) Math.ceil(lowpassFilterWidth / cutoff);
        int taps = 2 * half + 1;
        Kernel kernel = new Kernel(cutoff, lowpassFilterWidth, beta);
        float[] y = new float[outLength];
        boolean tabulate = allowTable && to * taps <= MAX_TABLE_FLOATS;
        float[][] table = tabulate ? new float[(int) to][] : null;
        for (int j = 0; j < outLength; j++) {
            long num = j * from;
            int base = (int) (num / to);
            int phase = (int) (num % to);
            double frac = (double) phase / to;
            int first = base - half;
            double sum = 0;
            if (tabulate) {
                float[] h = table[phase];
                if (h == null) {
                    h = new float[taps];
                    for (int i = 0; i < taps; i++) {
                        h[i] = (float) kernel.at(i - half - frac);
                    }
                    table[phase] = h;
                }
                int lo = Math.max(0, -first);
                int hi = Math.min(taps, x.length - first);
                for (int i = lo; i < hi; i++) {
                    sum += h[i] * x[first + i];
                }
            } else {
                int lo = Math.max(0, -first);
                int hi = Math.min(taps, x.length - first);
                for (int i = lo; i < hi; i++) {
                    sum += kernel.at(i - half - frac) * x[first + i];
                }
            }
            y[j] = (float) sum;
        }
        return y;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** h(tau) = c sinc(c tau) I0(beta sqrt(1 - (c tau / W)^2)) / I0(beta). */
    private static final class Kernel {
        private final double cutoff;
        private final double width;
        private final double beta;
        private final double i0Beta;

        Kernel(double cutoff, double width, double beta) {
            this.cutoff = cutoff;
            this.width = width;
            this.beta = beta;
            this.i0Beta = besselI0(beta);
        }

        double at(double tau) {
            double t = cutoff * tau;
            double r = t / width;
            if (Math.abs(r) > 1) {
                return 0;
            }
            double sinc = t == 0 ? 1.0 : Math.sin(Math.PI * t) / (Math.PI * t);
            double window = besselI0(beta * Math.sqrt(1 - r * r)) / i0Beta;
            return cutoff * sinc * window;
        }
    }

    /** Modified Bessel function of the first kind, order 0, by its power series (converges for all x). */
    static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; k < 500; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }
}
