package io.xmodal.instruments.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;

/**
 * Draws a player with an instrument in Java2D, front view, in a 100 x 100 unit space scaled to the picture.
 * The player (head, torso, legs, two arms whose hands hold the instrument) stands, or sits on a stool for
 * the cello. Instruments are told apart as in a photograph: bowed ones by their size and how they are held
 * (violin and viola under the chin, cello between the knees, double bass standing and taller than the
 * player) with a bow across the strings; brass in gold with a bell and tubing (trumpet short with three
 * valves, trombone with a long slide, tuba large and upright with the bell up, horn a round coil with the
 * bell down and back); woodwinds by length, width, bell and colour (flute thin, silver and sideways,
 * clarinet black with a flared bell, oboe black, thinner and shorter, saxophone a gold J with the bell up,
 * bassoon a long red-brown tube reaching above the head). The {@link Pose} moves, scales, tilts, mirrors
 * and colours the whole picture and sets the playing arm. Deterministic: the same arguments give the same
 * pixels.
 */
final class InstrumentPainter {
    private static final Color WOOD = new Color(156, 78, 26);
    private static final Color BRASS = new Color(214, 172, 48);
    private static final Color SILVER = new Color(205, 205, 215);
    private static final Color BLACK_WOOD = new Color(28, 26, 30);
    private static final Color BASSOON_WOOD = new Color(122, 46, 28);
    private static final Color TROUSERS = new Color(52, 56, 70);
    private static final Color HAIR = new Color(40, 28, 20);

    private InstrumentPainter() {
    }

    /** The picture as an RGB image. */
    static BufferedImage draw(Instrument ins, Pose p, int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        Color back = Color.getHSBColor((float) p.backHue(), 0.16f, (float) (0.70 + 0.26 * p.backLight()));
        g.setColor(back);
        g.fillRect(0, 0, size, size);
        g.setColor(back.darker());
        g.fill(new Rectangle2D.Double(0, size * 0.88, size, size * 0.12));

        AffineTransform base = new AffineTransform();
        base.scale(size / 100.0, size / 100.0);
        base.translate(50 + p.x() * 100, 55 + p.y() * 100);
        base.rotate(Math.toRadians(p.angle()));
        base.scale(p.scale() * (p.mirror() ? -1 : 1), p.scale());
        g.setTransform(base);

        Body body = ins == Instrument.CELLO ? Body.SEATED : Body.STANDING;
        Color skin = blend(new Color(250, 218, 186), new Color(112, 74, 52), p.skin());
        Color shirt = Color.getHSBColor((float) p.shirtHue(), 0.55f, 0.72f);
        drawBody(g, body, skin, shirt);
        Point2D[] hands = drawInstrument(g, base, ins, body, p);
        g.setTransform(base);
        drawArms(g, body, hands, skin, shirt);
        g.dispose();
        return img;
    }

    /** The picture's pixels as C x H x W floats in [0, 1] (R, G, B planes). */
    static float[] pixels(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        float[] out = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y);
                out[y * w + x] = ((rgb >> 16) & 0xff) / 255f;
                out[w * h + y * w + x] = ((rgb >> 8) & 0xff) / 255f;
                out[2 * w * h + y * w + x] = (rgb & 0xff) / 255f;
            }
        }
        return out;
    }

    /** Where the parts of a standing or seated player are (figure units, y down, origin at the centre). */
    private enum Body {
        STANDING(-33, -23, 8), SEATED(-25, -15, 14);

        final double headY;
        final double shoulderY;
        final double hipY;

        Body(double headY, double shoulderY, double hipY) {
            this.headY = headY;
            this.shoulderY = shoulderY;
            this.hipY = hipY;
        }

        Point2D mouth() {
            return new Point2D.Double(0, headY + 4);
        }
    }

    private static void drawBody(Graphics2D g, Body b, Color skin, Color shirt) {
        double foot = 40;
        if (b == Body.SEATED) {
            g.setColor(new Color(90, 60, 40));
            g.fill(new Rectangle2D.Double(-13, b.hipY, 26, 3));
            g.setStroke(new BasicStroke(1.5f));
            g.draw(new Line2D.Double(-11, b.hipY + 3, -12, foot));
            g.draw(new Line2D.Double(11, b.hipY + 3, 12, foot));
            g.setColor(TROUSERS);
            g.fill(quad(-9, b.hipY, -3, b.hipY, -12, foot, -17, foot));
            g.fill(quad(3, b.hipY, 9, b.hipY, 17, foot, 12, foot));
        } else {
            g.setColor(TROUSERS);
            g.fill(new Rectangle2D.Double(-7.5, b.hipY, 6, foot - b.hipY));
            g.fill(new Rectangle2D.Double(1.5, b.hipY, 6, foot - b.hipY));
        }
        g.setColor(shirt);
        g.fill(new RoundRectangle2D.Double(-10, b.shoulderY - 1, 20, b.hipY - b.shoulderY + 2, 6, 6));
        g.setColor(skin);
        g.fill(new Rectangle2D.Double(-2, b.headY + 5, 4, b.shoulderY - b.headY - 4));
        g.fill(new Ellipse2D.Double(-6.5, b.headY - 7.5, 13, 15));
        g.setColor(HAIR);
        g.fill(new Arc2D.Double(-6.8, b.headY - 8, 13.6, 12, 0, 180, Arc2D.CHORD));
    }

    private static void drawArms(Graphics2D g, Body b, Point2D[] hands, Color skin, Color shirt) {
        Point2D a = hands[0].getX() <= hands[1].getX() ? hands[0] : hands[1];
        Point2D c = a == hands[0] ? hands[1] : hands[0];
        arm(g, new Point2D.Double(-8.5, b.shoulderY + 1), a, -1, skin, shirt);
        arm(g, new Point2D.Double(8.5, b.shoulderY + 1), c, 1, skin, shirt);
    }

    /** Upper arm and forearm, the elbow bent outwards ({@code side} -1 left, 1 right) and down. */
    private static void arm(Graphics2D g, Point2D shoulder, Point2D hand, int side, Color skin, Color shirt) {
        double dx = hand.getX() - shoulder.getX();
        double dy = hand.getY() - shoulder.getY();
        double len = Math.hypot(dx, dy);
        double bend = Math.max(0, 13 - len / 2.5);
        double ex = (shoulder.getX() + hand.getX()) / 2 + side * bend * 0.8;
        double ey = (shoulder.getY() + hand.getY()) / 2 + bend * 0.6;
        Path2D.Double path = new Path2D.Double();
        path.moveTo(shoulder.getX(), shoulder.getY());
        path.lineTo(ex, ey);
        path.lineTo(hand.getX(), hand.getY());
        g.setColor(shirt.darker());
        g.setStroke(new BasicStroke(3.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(path);
        g.setColor(skin);
        g.fill(new Ellipse2D.Double(hand.getX() - 1.9, hand.getY() - 1.9, 3.8, 3.8));
    }

    /** Draws the instrument and returns where the two hands hold it (figure units). */
    private static Point2D[] drawInstrument(Graphics2D g, AffineTransform base, Instrument ins, Body b, Pose p) {
        double arm = p.arm();
        Point2D mouth = b.mouth();
        return switch (ins) {
            case VIOLIN -> underChin(g, base, b, 13.5, shade(WOOD, p), arm);
            case VIOLA -> underChin(g, base, b, 16.5, shade(WOOD.darker(), p), arm);
            case CELLO -> upright(g, base, new Point2D.Double(1, 31), -84, 30, shade(WOOD, p), arm);
            case DOUBLE_BASS -> upright(g, base, new Point2D.Double(14, 38), -97, 42, shade(WOOD.darker(), p), arm);
            case TRUMPET -> trumpet(g, base, mouth, shade(BRASS, p), arm);
            case TROMBONE -> trombone(g, base, mouth, shade(BRASS, p), arm);
            case TUBA -> tuba(g, base, mouth, shade(BRASS, p), arm);
            case HORN -> horn(g, base, mouth, shade(BRASS, p), arm);
            case SAXOPHONE -> saxophone(g, base, mouth, shade(BRASS, p), arm);
            case OBOE -> reed(g, base, mouth, 60 - 15 * arm, 26, 1.1, 1.5, 2.8, 3, false, shade(BLACK_WOOD, p));
            case CLARINET -> reed(g, base, mouth, 62 - 15 * arm, 31, 1.6, 1.8, 4.8, 6, true, shade(BLACK_WOOD, p));
            case FLUTE -> flute(g, base, mouth, shade(SILVER, p), arm);
            case BASSOON -> bassoon(g, base, mouth, shade(BASSOON_WOOD, p), arm);
        };
    }

    /** A local frame: origin and direction of the instrument's long axis (degrees, 0 = right, y down). */
    private static AffineTransform frame(Graphics2D g, AffineTransform base, Point2D origin, double degrees) {
        AffineTransform local = new AffineTransform();
        local.translate(origin.getX(), origin.getY());
        local.rotate(Math.toRadians(degrees));
        AffineTransform t = new AffineTransform(base);
        t.concatenate(local);
        g.setTransform(t);
        return local;
    }

    private static Point2D at(AffineTransform local, double x, double y) {
        return local.transform(new Point2D.Double(x, y), null);
    }

    /**
     * A violin-family body along +x from 0 to {@code len} (lower bout at 0), neck and scroll beyond, strings,
     * f-holes.
     */
    private static void bowedBody(Graphics2D g, double len, Color wood) {
        double lw = 0.29 * len;
        double uw = 0.23 * len;
        g.setColor(wood);
        g.fill(new Ellipse2D.Double(0, -lw, 0.56 * len, 2 * lw));
        g.fill(new Ellipse2D.Double(0.52 * len, -uw, 0.48 * len, 2 * uw));
        g.fill(new Rectangle2D.Double(0.4 * len, -0.19 * len, 0.3 * len, 0.38 * len));
        g.setColor(new Color(36, 22, 14));
        g.fill(new Rectangle2D.Double(0.85 * len, -0.045 * len, 0.6 * len, 0.09 * len));
        g.fill(new Ellipse2D.Double(1.42 * len, -0.07 * len, 0.14 * len, 0.14 * len));
        g.setStroke(new BasicStroke((float) (0.02 * len)));
        g.draw(new Line2D.Double(0.35 * len, -0.13 * len, 0.6 * len, -0.13 * len));
        g.draw(new Line2D.Double(0.35 * len, 0.13 * len, 0.6 * len, 0.13 * len));
        g.setColor(new Color(235, 225, 200));
        g.setStroke(new BasicStroke((float) (0.012 * len)));
        g.draw(new Line2D.Double(0.12 * len, -0.03 * len, 1.45 * len, -0.015 * len));
        g.draw(new Line2D.Double(0.12 * len, 0.03 * len, 1.45 * len, 0.015 * len));
    }

    /** A bow across the strings at {@code contact} (local units), perpendicular to them; returns the frog. */
    private static Point2D bow(Graphics2D g, AffineTransform local, double len, double contact, double arm, int towards) {
        double bowLen = 2.1 * len;
        double frog = (0.12 + 0.75 * arm) * bowLen;
        double y0 = towards * frog;
        double y1 = towards * (frog - bowLen);
        g.setColor(new Color(60, 34, 18));
        g.setStroke(new BasicStroke((float) Math.max(0.6, 0.035 * len), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new Line2D.Double(contact, y0, contact, y1));
        g.setColor(new Color(240, 236, 225));
        g.setStroke(new BasicStroke((float) Math.max(0.35, 0.015 * len)));
        g.draw(new Line2D.Double(contact - 0.03 * len, y0, contact - 0.03 * len, y1));
        return at(local, contact, y0);
    }

    private static Point2D[] underChin(Graphics2D g, AffineTransform base, Body b, double len, Color wood, double arm) {
        AffineTransform local = frame(g, base, new Point2D.Double(2, b.headY + 8), -14);
        bowedBody(g, len, wood);
        Point2D left = at(local, 1.35 * len, 0.05 * len);
        Point2D right = bow(g, local, len, 0.3 * len, arm, 1);
        return new Point2D[] {left, right};
    }

    private static Point2D[] upright(Graphics2D g, AffineTransform base, Point2D bottom, double degrees, double len, Color wood, double arm) {
        AffineTransform local = frame(g, base, bottom, degrees);
        g.setColor(new Color(70, 70, 70));
        g.setStroke(new BasicStroke(0.9f));
        g.draw(new Line2D.Double(0, 0, -0.12 * len, 0));
        bowedBody(g, len, wood);
        Point2D left = at(local, 1.3 * len, 0);
        Point2D right = bow(g, local, len, 0.3 * len, arm, -1);
        return new Point2D[] {left, right};
    }

    private static void flare(Graphics2D g, double x0, double x1, double w0, double w1) {
        Path2D.Double bell = new Path2D.Double();
        bell.moveTo(x0, -w0);
        bell.quadTo(x1 - (x1 - x0) * 0.25, -w0 - (w1 - w0) * 0.2, x1, -w1);
        bell.lineTo(x1, w1);
        bell.quadTo(x1 - (x1 - x0) * 0.25, w0 + (w1 - w0) * 0.2, x0, w0);
        bell.closePath();
        g.fill(bell);
    }

    private static void tube(Graphics2D g, Color c, double width, Shape s) {
        g.setColor(c);
        g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(s);
    }

    private static Point2D[] trumpet(Graphics2D g, AffineTransform base, Point2D mouth, Color brass, double arm) {
        AffineTransform local = frame(g, base, mouth, (arm - 0.5) * 24);
        // drawn 1.35 times its nominal size: at 64 pixels a smaller trumpet looked like a violin at the chin
        g.scale(1.35, 1.35);
        local.scale(1.35, 1.35);
        tube(g, brass, 1.6, new Line2D.Double(0, 0, 17, 0));
        tube(g, brass, 1.2, new RoundRectangle2D.Double(5, 0, 11, 4.5, 4, 4));
        g.setColor(brass);
        flare(g, 14, 23, 0.9, 4.6);
        g.setColor(brass.darker());
        for (int v = 0; v < 3; v++) {
            g.fill(new Rectangle2D.Double(8 + v * 2.2, -4.5, 1.5, 9.5));
        }
        return new Point2D[] {at(local, 10, -4.8), at(local, 12, 5)};
    }

    private static Point2D[] trombone(Graphics2D g, AffineTransform base, Point2D mouth, Color brass, double arm) {
        AffineTransform local = frame(g, base, mouth, 4);
        double slide = 24 + 20 * arm;
        tube(g, brass, 1.2, new Line2D.Double(0, 1.2, slide, 1.2));
        tube(g, brass, 1.2, new Line2D.Double(0, 3.6, slide, 3.6));
        tube(g, brass, 1.2, new Arc2D.Double(slide - 1.2, 1.2, 2.4, 2.4, -90, 180, Arc2D.OPEN));
        tube(g, brass, 1.4, new Line2D.Double(0, -2.5, 15, -2.5));
        g.setColor(brass);
        AffineTransform up = new AffineTransform(g.getTransform());
        g.translate(0, -2.5);
        flare(g, 10, 22, 0.8, 6.5);
        g.setTransform(up);
        return new Point2D[] {at(local, 5, -1.5), at(local, slide - 3, 2.4)};
    }

    private static Point2D[] tuba(Graphics2D g, AffineTransform base, Point2D mouth, Color brass, double arm) {
        AffineTransform local = frame(g, base, new Point2D.Double(1, -1), (arm - 0.5) * 16);
        g.setColor(brass);
        g.fill(new Ellipse2D.Double(-9, -12, 18, 26));
        g.setColor(brass.darker());
        g.setStroke(new BasicStroke(1.6f));
        g.draw(new Ellipse2D.Double(-5, -6, 10, 16));
        g.fill(new Rectangle2D.Double(-4, -10, 8, 3));
        for (int v = 0; v < 4; v++) {
            g.fill(new Rectangle2D.Double(-4 + v * 2.3, -14, 1.5, 5));
        }
        g.setColor(brass);
        AffineTransform flat = new AffineTransform(g.getTransform());
        g.translate(5, -10);
        g.rotate(-Math.PI / 2);
        flare(g, 0, 22, 3.5, 11);
        g.setTransform(flat);
        g.setColor(new Color(70, 50, 10));
        g.fill(new Ellipse2D.Double(5 - 11, -32 - 2, 22, 4));
        Point2D m = toLocal(local, mouth);
        tube(g, brass, 1.2, new Line2D.Double(m.getX(), m.getY(), -3, -12));
        return new Point2D[] {at(local, -8.5, 2), at(local, 1, -12)};
    }

    private static Point2D[] horn(Graphics2D g, AffineTransform base, Point2D mouth, Color brass, double arm) {
        AffineTransform local = frame(g, base, new Point2D.Double(14, -12), (arm - 0.5) * 30);
        Point2D m = toLocal(local, mouth);
        tube(g, brass, 1.2, new Line2D.Double(m.getX(), m.getY(), -4, -8));
        for (double r : new double[] {9, 6.8, 4.6}) {
            tube(g, brass, 1.5, new Ellipse2D.Double(-r, -r, 2 * r, 2 * r));
        }
        g.setColor(brass.darker());
        g.fill(new Rectangle2D.Double(-5, -3, 6, 3));
        g.setColor(brass);
        AffineTransform flat = new AffineTransform(g.getTransform());
        g.translate(4, 6);
        g.rotate(Math.toRadians(55));
        flare(g, 0, 13, 1.2, 6.5);
        g.setTransform(flat);
        return new Point2D[] {at(local, -3, -2), at(local, 10, 15)};
    }

    private static Point2D[] saxophone(Graphics2D g, AffineTransform base, Point2D mouth, Color brass, double arm) {
        AffineTransform local = frame(g, base, mouth, 0);
        g.rotate(Math.toRadians((arm - 0.5) * 26));
        g.scale(1.25, 1.25);
        local.rotate(Math.toRadians((arm - 0.5) * 26));
        local.scale(1.25, 1.25);
        tube(g, brass, 1.2, new Line2D.Double(0, 0, 5, 5));
        Path2D.Double body = new Path2D.Double();
        body.moveTo(4.2, 5);
        body.lineTo(5.8, 5);
        body.lineTo(10.5, 34);
        body.quadTo(14, 41, 18.5, 33);
        body.lineTo(19, 26);
        body.lineTo(14, 28);
        body.quadTo(12.5, 34, 8, 33);
        body.closePath();
        g.setColor(brass);
        g.fill(body);
        AffineTransform flat = new AffineTransform(g.getTransform());
        g.translate(16.5, 28);
        g.rotate(-Math.PI / 2 - 0.12);
        flare(g, 0, 8, 2.4, 5);
        g.setTransform(flat);
        g.setColor(brass.darker().darker());
        for (int k = 0; k < 6; k++) {
            double t = 0.15 + k * 0.13;
            g.fill(new Ellipse2D.Double(5 + t * 6 - 0.8 + 0.8, 5 + t * 29 - 0.8, 1.6, 1.6));
        }
        return new Point2D[] {at(local, 6.5, 13), at(local, 9.5, 26)};
    }

    /**
     * A straight reed instrument from the mouth down and forwards at {@code degrees} below the horizontal:
     * {@code len} long, half-widths from {@code w0} to {@code w1}, a bell {@code bellLen} long opening to
     * {@code bell}; {@code barrel} adds the clarinet's barrel below the mouthpiece.
     */
    private static Point2D[] reed(Graphics2D g, AffineTransform base, Point2D mouth, double degrees, double len, double w0, double w1,
                                  double bell, double bellLen, boolean barrel, Color wood) {
        AffineTransform local = frame(g, base, mouth, degrees);
        g.setColor(wood);
        g.fill(quad(0, -w0, len - bellLen, -w1, len - bellLen, w1, 0, w0));
        flare(g, len - bellLen, len, w1, bell);
        if (barrel) {
            g.fill(new RoundRectangle2D.Double(3, -w1 * 1.35, 3.2, w1 * 2.7, 1.2, 1.2));
        }
        g.setColor(new Color(195, 195, 205));
        for (int k = 0; k < 7; k++) {
            double x = len * (0.2 + 0.09 * k);
            g.fill(new Ellipse2D.Double(x - 0.45, -0.45, 0.9, 0.9));
        }
        return new Point2D[] {at(local, len * 0.32, 0), at(local, len * 0.66, 0)};
    }

    private static Point2D[] flute(Graphics2D g, AffineTransform base, Point2D mouth, Color silver, double arm) {
        AffineTransform local = frame(g, base, new Point2D.Double(mouth.getX() - 4, mouth.getY() + 0.5), (arm - 0.5) * 20 + 6);
        g.setColor(silver);
        g.fill(new RoundRectangle2D.Double(0, -0.9, 36, 1.8, 1, 1));
        g.setColor(silver.darker().darker());
        g.fill(new Ellipse2D.Double(2.5, -0.5, 1.2, 1));
        for (int k = 0; k < 8; k++) {
            g.fill(new Ellipse2D.Double(11 + k * 2.6, -0.45, 0.9, 0.9));
        }
        return new Point2D[] {at(local, 12, 0.8), at(local, 27, 0.8)};
    }

    private static Point2D[] bassoon(Graphics2D g, AffineTransform base, Point2D mouth, Color wood, double arm) {
        AffineTransform local = frame(g, base, new Point2D.Double(9, 14), -104 - (arm - 0.5) * 14);
        g.setColor(wood);
        g.fill(new RoundRectangle2D.Double(-2, -2.6, 66, 5.2, 3, 3));
        g.fill(new RoundRectangle2D.Double(-2, -5.6, 30, 3.2, 2, 2));
        g.setColor(wood.darker());
        g.fill(new Rectangle2D.Double(60, -2.9, 4, 5.8));
        g.fill(new Rectangle2D.Double(26, -2.6, 1, 5.2));
        Point2D m = toLocal(local, mouth);
        tube(g, new Color(200, 200, 210), 0.7, new java.awt.geom.QuadCurve2D.Double(26, -5, m.getX() - 4, m.getY() - 6, m.getX(), m.getY()));
        g.setColor(new Color(195, 195, 205));
        for (int k = 0; k < 5; k++) {
            g.fill(new Ellipse2D.Double(8 + k * 4, -0.5, 1, 1));
        }
        return new Point2D[] {at(local, 12, 3), at(local, 30, -3)};
    }

    /** A figure point in the instrument's frame (the frames are rotations and shifts, always invertible). */
    private static Point2D toLocal(AffineTransform local, Point2D p) {
        try {
            return local.inverseTransform(p, null);
        } catch (java.awt.geom.NoninvertibleTransformException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Shape quad(double x0, double y0, double x1, double y1, double x2, double y2, double x3, double y3) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(x0, y0);
        p.lineTo(x1, y1);
        p.lineTo(x2, y2);
        p.lineTo(x3, y3);
        p.closePath();
        return p;
    }

    private static Color shade(Color c, Pose p) {
        double f = p.shade();
        return new Color(clamp(c.getRed() * f), clamp(c.getGreen() * f), clamp(c.getBlue() * f));
    }

    private static Color blend(Color a, Color b, double t) {
        return new Color(clamp(a.getRed() + (b.getRed() - a.getRed()) * t), clamp(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
                clamp(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
