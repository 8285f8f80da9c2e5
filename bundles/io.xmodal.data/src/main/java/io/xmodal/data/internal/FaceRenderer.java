package io.xmodal.data.internal;

import java.util.random.RandomGenerator;

/**
 * Draws a synthetic face as a grey image of {@code S x S} pixels in [0, 1], row-major, without AWT:
 * every shape is an ellipse whose pixel coverage is measured on a {@value #SUB} x {@value #SUB} grid of
 * sub-samples (anti-aliasing that is identical on every JVM). Sizes are fractions of {@code S}:
 * <pre>
 * background  grey bg (a nuisance, 0 to 0.3)
 * face        centre (S/2 + jx, S/2 + jy), semi-axes (0.25 + 0.125 w) S by (0.28 + 0.12 h) S,
 *             grey 0.45 + 0.5 b
 * eyes        centres (cx ± (0.07 + 0.08 s) S, cy - 0.3 ry), radius (0.03 + 0.035 e) S, grey 0.08
 * mouth       centre (cx, cy + 0.45 ry), semi-axes 0.12 S by (0.008 + 0.06 m) S, grey 0.1
 * noise       + N(0, noise²) per pixel, then clamped to [0, 1]
 * </pre>
 * where ry is the face's vertical semi-axis and (jx, jy) the position jitter in pixels.
 */
final class FaceRenderer {
    /** Sub-samples per pixel side. */
    static final int SUB = 5;
    private static final double EYE_GREY = 0.08;
    private static final double MOUTH_GREY = 0.1;

    private FaceRenderer() {
    }

    /**
     * The face image.
     *
     * @param jx         horizontal offset of the face centre, pixels
     * @param jy         vertical offset of the face centre, pixels
     * @param background background grey
     * @param noise      standard deviation of the Gaussian pixel noise
     * @param rng        source of the noise; exactly {@code size * size} Gaussians are drawn from it
     */
    static float[] render(FaceAttributes a, int size, double jx, double jy, double background,
                          double noise, RandomGenerator rng) {
        double[] img = new double[size * size];
        java.util.Arrays.fill(img, background);
        double cx = size / 2.0 + jx;
        double cy = size / 2.0 + jy;
        double rx = (0.25 + 0.125 * a.faceWidth()) * size;
        double ry = (0.28 + 0.12 * a.faceHeight()) * size;
        fillEllipse(img, size, cx, cy, rx, ry, 0.45 + 0.5 * a.skinBrightness());

        double eyeDx = (0.07 + 0.08 * a.eyeSpacing()) * size;
        double eyeY = cy - 0.3 * ry;
        double eyeR = (0.03 + 0.035 * a.eyeSize()) * size;
        fillEllipse(img, size, cx - eyeDx, eyeY, eyeR, eyeR, EYE_GREY);
        fillEllipse(img, size, cx + eyeDx, eyeY, eyeR, eyeR, EYE_GREY);

        double mouthH = (0.008 + 0.06 * a.mouthOpenness()) * size;
        fillEllipse(img, size, cx, cy + 0.45 * ry, 0.12 * size, mouthH, MOUTH_GREY);

        float[] out = new float[img.length];
        for (int p = 0; p < img.length; p++) {
            double v = img[p] + noise * rng.nextGaussian();
            out[p] = (float) Math.min(1, Math.max(0, v));
        }
        return out;
    }

    /** Paints an axis-aligned ellipse of grey {@code grey} over {@code img}, weighted by coverage. */
    static void fillEllipse(double[] img, int size, double cx, double cy, double rx, double ry, double grey) {
        int x0 = Math.max(0, (int) Math.floor(cx - rx));
        int x1 = Math.min(size - 1, (int) Math.ceil(cx + rx));
        int y0 = Math.max(0, (int) Math.floor(cy - ry));
        int y1 = Math.min(size - 1, (int) Math.ceil(cy + ry));
        double irx2 = 1 / (rx * rx);
        double iry2 = 1 / (ry * ry);
        double step = 1.0 / SUB;
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                int inside = 0;
                for (int sy = 0; sy < SUB; sy++) {
                    double dy = y + (sy + 0.5) * step - cy;
                    double fy = dy * dy * iry2;
                    for (int sx = 0; sx < SUB; sx++) {
                        double dx = x + (sx + 0.5) * step - cx;
                        if (dx * dx * irx2 + fy <= 1) {
                            inside++;
                        }
                    }
                }
                if (inside > 0) {
                    double c = inside / (double) (SUB * SUB);
                    int p = y * size + x;
                    img[p] = img[p] * (1 - c) + grey * c;
                }
            }
        }
    }
}
