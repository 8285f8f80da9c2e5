package io.xmodal.retrieval.internal;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * Draws a digit with Java2D fonts: any of the JRE's logical fonts (serif, sans-serif, monospaced;
 * plain, bold, italic), rotated, scaled and placed as asked, white on black, with Gaussian pixel noise.
 * Deterministic for the same arguments; needs no font files beyond the JRE's fallbacks.
 */
final class DigitGlyphs {
    private static final String[] FAMILIES = {Font.SERIF, Font.SANS_SERIF, Font.MONOSPACED};
    private static final int[] STYLES = {Font.PLAIN, Font.BOLD, Font.ITALIC, Font.BOLD | Font.ITALIC};

    /** How a glyph is drawn: font, rotation, glyph height and centre as fractions of the image. */
    record Pose(int family, int style, double degrees, double height, double cx, double cy) {
        String describe() {
            return String.format(java.util.Locale.ROOT, "%s %s, %.0f deg, height %.2f, centre (%.2f, %.2f)",
                    FAMILIES[family], styleName(style), degrees, height, cx, cy);
        }

        private static String styleName(int s) {
            return switch (STYLES[s]) {
                case Font.BOLD -> "bold";
                case Font.ITALIC -> "italic";
                case Font.BOLD | Font.ITALIC -> "bold italic";
                default -> "plain";
            };
        }
    }

    private DigitGlyphs() {
    }

    /** A random font and rotation (at most {@code maxDegrees} either way); height and centre as given. */
    static Pose pose(Random r, double maxDegrees, double height, double cx, double cy) {
        return new Pose(r.nextInt(FAMILIES.length), r.nextInt(STYLES.length), (r.nextDouble() * 2 - 1) * maxDegrees, height, cx, cy);
    }

    /** The digit as a [size * size] row-major array of values in [0, 1] (plus noise of {@code noise} std). */
    static float[] draw(int digit, Pose p, int size, double noise, Random r) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        Font font = new Font(FAMILIES[p.family()], STYLES[p.style()], 100);
        FontRenderContext frc = g.getFontRenderContext();
        GlyphVector gv = font.createGlyphVector(frc, Integer.toString(digit));
        Rectangle2D b = gv.getVisualBounds();
        double scale = p.height() * size / Math.max(b.getHeight(), 1e-6);
        AffineTransform t = new AffineTransform();
        t.translate(p.cx() * size, p.cy() * size);
        t.rotate(Math.toRadians(p.degrees()));
        t.scale(scale, scale);
        t.translate(-b.getCenterX(), -b.getCenterY());
        g.setColor(java.awt.Color.WHITE);
        g.fill(t.createTransformedShape(gv.getOutline()));
        g.dispose();
        byte[] px = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        float[] out = new float[size * size];
        for (int i = 0; i < out.length; i++) {
            double v = (px[i] & 0xff) / 255.0 + (noise > 0 ? r.nextGaussian() * noise : 0);
            out[i] = (float) Math.max(0, Math.min(1, v));
        }
        return out;
    }
}
