package io.xmodal.metrics.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.train.Metric;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.osgi.service.component.annotations.Component;

/**
 * Structural similarity (Wang, Bovik, Sheikh and Simoncelli 2004) as in their reference implementation:
 * local means, variances and covariance under an 11 x 11 Gaussian window of standard deviation 1.5
 * (normalised to sum 1), computed where the window fits wholly inside the frame ("valid"), with
 * {@code C1 = (0.01 L)²}, {@code C2 = (0.03 L)²} and data range L = 1 (pixels in [0, 1]):
 * <pre>
 * SSIM = (2 μx μy + C1) (2 σxy + C2) / ((μx² + μy² + C1) (σx² + σy² + C2))
 * </pre>
 * averaged over the map, then over channels, frames and samples. Frames smaller than 11 pixels use the
 * largest odd window that fits, with σ scaled by the same factor. Higher is better (1 for identical frames).
 */
@Component(service = Metric.class)
public final class SsimMetric implements Metric {
    static final String NAME = "ssim";
    private static final int WINDOW = 11;
    private static final double SIGMA = 1.5;
    private static final double C1 = 0.01 * 0.01;
    private static final double C2 = 0.03 * 0.03;
    private static final ComponentSpec SPEC = Specs.frames(NAME,
            "structural similarity (11x11 Gaussian window, sigma 1.5, data range 1) per frame, averaged (higher is better)");

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    public double compute(INDArray predicted, INDArray target) {
        Frames f = Frames.of(NAME, predicted, target);
        int h = f.height();
        int w = f.width();
        int win = Math.min(WINDOW, Math.min(h, w));
        if (win % 2 == 0) {
            win--;
        }
        double[] g = gaussian(win, SIGMA * win / WINDOW);
        double sum = 0;
        int plane = h * w;
        for (int i = 0; i < f.frames(); i++) {
            double frame = 0;
            for (int c = 0; c < f.channels(); c++) {
                int at = i * f.frameSize() + c * plane;
                frame += ssim(f.predicted(), f.target(), at, h, w, g, win);
            }
            sum += frame / f.channels();
        }
        return sum / f.frames();
    }

    /**
     * The mean SSIM of one plane of {@code x} against {@code y}, both starting at {@code at}. The window is
     * separable, so the five local moments are filtered along rows, then along columns.
     */
    static double ssim(double[] x, double[] y, int at, int h, int w, double[] g, int win) {
        int oh = h - win + 1;
        int ow = w - win + 1;
        double[][] moments = new double[5][h * ow];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < ow; c++) {
                double mx = 0;
                double my = 0;
                double xx = 0;
                double yy = 0;
                double xy = 0;
                int row = at + r * w + c;
                for (int j = 0; j < win; j++) {
                    double a = x[row + j];
                    double b = y[row + j];
                    mx += g[j] * a;
                    my += g[j] * b;
                    xx += g[j] * a * a;
                    yy += g[j] * b * b;
                    xy += g[j] * a * b;
                }
                int o = r * ow + c;
                moments[0][o] = mx;
                moments[1][o] = my;
                moments[2][o] = xx;
                moments[3][o] = yy;
                moments[4][o] = xy;
            }
        }
        double total = 0;
        double[] m = new double[5];
        for (int r = 0; r < oh; r++) {
            for (int c = 0; c < ow; c++) {
                java.util.Arrays.fill(m, 0);
                for (int i = 0; i < win; i++) {
                    int o = (r + i) * ow + c;
                    for (int k = 0; k < 5; k++) {
                        m[k] += g[i] * moments[k][o];
                    }
                }
                double vx = m[2] - m[0] * m[0];
                double vy = m[3] - m[1] * m[1];
                double cov = m[4] - m[0] * m[1];
                total += (2 * m[0] * m[1] + C1) * (2 * cov + C2) / ((m[0] * m[0] + m[1] * m[1] + C1) * (vx + vy + C2));
            }
        }
        return total / ((double) oh * ow);
    }

    /** A 1-D Gaussian of {@code n} taps, normalised to sum 1 (the 2-D window is its outer product). */
    static double[] gaussian(int n, double sigma) {
        double[] g = new double[n];
        double s = 0;
        for (int i = 0; i < n; i++) {
            double d = i - (n - 1) / 2.0;
            g[i] = Math.exp(-d * d / (2 * sigma * sigma));
            s += g[i];
        }
        for (int i = 0; i < n; i++) {
            g[i] /= s;
        }
        return g;
    }
}
