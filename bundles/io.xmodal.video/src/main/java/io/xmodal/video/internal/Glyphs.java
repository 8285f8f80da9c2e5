package io.xmodal.video.internal;

import java.util.SplittableRandom;

/**
 * Hand-drawn-looking digits in pure Java, the source images of {@code moving-digits} when no IDX file is
 * given. Glyph {@code k} shows digit {@code k mod 10} as thick polyline strokes (arcs as polylines) in a
 * unit box, with a style drawn from a generator seeded by {@code k} alone: stroke width, slant, scale,
 * offset and ink. A pixel's value is the ink times the stroke's coverage, {@code clamp(w/2 - d + 1/2, 0, 1)}
 * with {@code d} the pixel centre's distance to the nearest stroke in pixels (a one-pixel anti-aliased
 * edge). Like MNIST, the drawing fills about 20 of 28 pixels, centred. Identical on every JVM.
 */
final class Glyphs {
    private static final long SALT = 0x2545F4914F6CDD1DL;

    /** Strokes per digit: each stroke is x0, y0, x1, y1, ... in the unit box, y downwards. */
    private static final double[][][] STROKES = new double[10][][];

    static {
        STROKES[0] = new double[][] {ellipse(0.5, 0.5, 0.3, 0.42, 0, 360, 20)};
        STROKES[1] = new double[][] {{0.32, 0.26, 0.55, 0.08, 0.55, 0.92}};
        STROKES[2] = new double[][] {concat(ellipse(0.5, 0.32, 0.28, 0.24, 180, 395, 10),
                new double[] {0.2, 0.92, 0.82, 0.92})};
        STROKES[3] = new double[][] {{0.22, 0.15, 0.5, 0.07, 0.75, 0.18, 0.72, 0.38, 0.48, 0.48,
                0.75, 0.58, 0.78, 0.8, 0.5, 0.93, 0.2, 0.84}};
        STROKES[4] = new double[][] {{0.65, 0.92, 0.65, 0.08, 0.18, 0.65, 0.85, 0.65}};
        STROKES[5] = new double[][] {{0.78, 0.08, 0.3, 0.08, 0.26, 0.45, 0.5, 0.4, 0.75, 0.52, 0.78, 0.75,
                0.55, 0.92, 0.22, 0.86}};
        STROKES[6] = new double[][] {{0.72, 0.1, 0.45, 0.15, 0.27, 0.4, 0.25, 0.7, 0.38, 0.9, 0.62, 0.9,
                0.75, 0.72, 0.65, 0.52, 0.42, 0.5, 0.27, 0.62}};
        STROKES[7] = new double[][] {{0.2, 0.08, 0.8, 0.08, 0.4, 0.92}};
        STROKES[8] = new double[][] {ellipse(0.5, 0.28, 0.22, 0.2, 0, 360, 16),
                ellipse(0.5, 0.7, 0.27, 0.22, 0, 360, 16)};
        STROKES[9] = new double[][] {ellipse(0.5, 0.3, 0.25, 0.22, 0, 360, 16), {0.75, 0.3, 0.7, 0.92}};
    }

    private Glyphs() {
    }

    /** Glyph {@code k} as {@code size x size} values in [0, 1], row-major. */
    static float[] draw(long k, int size) {
        SplittableRandom rng = new SplittableRandom(mix64(k ^ SALT));
        int digit = (int) Math.floorMod(k, 10L);
        double box = size * 20.0 / 28.0;
        double scale = box * (0.8 + 0.2 * rng.nextDouble());
        double width = size * (0.07 + 0.06 * rng.nextDouble());
        double slant = 0.35 * (rng.nextDouble() - 0.5);
        double ox = size / 2.0 + size * 0.06 * (rng.nextDouble() - 0.5);
        double oy = size / 2.0 + size * 0.06 * (rng.nextDouble() - 0.5);
        double ink = 0.8 + 0.2 * rng.nextDouble();
        // strokes in pixel coordinates: centred, scaled, slanted (x shifts with height)
        double[][] strokes = STROKES[digit];
        double[][] px = new double[strokes.length][];
        for (int s = 0; s < strokes.length; s++) {
            px[s] = new double[strokes[s].length];
            for (int p = 0; p < strokes[s].length; p += 2) {
                double x = (strokes[s][p] - 0.5) * scale;
                double y = (strokes[s][p + 1] - 0.5) * scale;
                px[s][p] = ox + x - slant * y;
                px[s][p + 1] = oy + y;
            }
        }
        float[] out = new float[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double d = Double.MAX_VALUE;
                for (double[] s : px) {
                    for (int p = 0; p + 3 < s.length; p += 2) {
                        d = Math.min(d, segmentDistance(x + 0.5, y + 0.5, s[p], s[p + 1], s[p + 2], s[p + 3]));
                    }
                }
                double cover = Math.min(1, Math.max(0, width / 2 - d + 0.5));
                out[y * size + x] = (float) (ink * cover);
            }
        }
        return out;
    }

    /** Distance from (px, py) to the segment (ax, ay)-(bx, by). */
    static double segmentDistance(double px, double py, double ax, double ay, double bx, double by) {
        double dx = bx - ax;
        double dy = by - ay;
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
        double ex = ax + t * dx - px;
        double ey = ay + t * dy - py;
        return Math.sqrt(ex * ex + ey * ey);
    }

    private static double[] ellipse(double cx, double cy, double rx, double ry, double from, double to, int steps) {
        double[] p = new double[2 * (steps + 1)];
        for (int i = 0; i <= steps; i++) {
            double a = Math.toRadians(from + (to - from) * i / steps);
            p[2 * i] = cx + rx * Math.cos(a);
            p[2 * i + 1] = cy + ry * Math.sin(a);
        }
        return p;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = new double[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    static long mix64(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
