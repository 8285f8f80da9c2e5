package io.xmodal.engine.internal.retrieval;

import io.xmodal.api.Modality;
import io.xmodal.api.Signature;
import io.xmodal.engine.internal.store.SamplePlots;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * A retrieval sample picture: the query on the left, its top results to the right with their
 * similarity, the correct ones (relevant to the query) framed in green, the others in grey.
 */
public final class RetrievalSamples {
    private static final int TILE = 112;
    private static final int CAPTION = 34;

    /** One shown item: its values, a caption and whether it is relevant to the query. */
    public record Item(float[] values, String caption, boolean correct) {
    }

    private RetrievalSamples() {
    }

    public static byte[] picture(String title, Signature querySig, Item query, Signature gallerySig, List<Item> results) {
        int w = (results.size() + 1) * (TILE + 16) + 24;
        int h = TILE + CAPTION + 44;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        g.drawString(title, 8, 16);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int x = 8;
        int y = 26;
        draw(g, tile(querySig, query.values()), x, y, new Color(40, 90, 200), "query", query.caption());
        x += TILE + 24;
        for (int i = 0; i < results.size(); i++) {
            Item r = results.get(i);
            draw(g, tile(gallerySig, r.values()), x, y, r.correct() ? new Color(20, 160, 40) : Color.LIGHT_GRAY,
                    "#" + (i + 1) + (r.correct() ? "  correct" : ""), r.caption());
            x += TILE + 16;
        }
        g.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void draw(Graphics2D g, BufferedImage tile, int x, int y, Color frame, String head, String caption) {
        g.drawImage(tile, x, y, TILE, TILE, null);
        g.setColor(frame);
        g.setStroke(new BasicStroke(4));
        g.drawRect(x - 2, y - 2, TILE + 3, TILE + 3);
        g.setColor(Color.BLACK);
        g.drawString(head, x, y + TILE + 16);
        g.drawString(caption, x, y + TILE + 30);
    }

    /** An image (min-max scaled, first channel or RGB), a spectrogram, or a line of values. */
    static BufferedImage tile(Signature sig, float[] v) {
        if (sig.modality() == Modality.SPECTROGRAM && sig.rank() == 3) {
            return SamplePlots.spectrogram(sig, v, TILE, TILE);
        }
        if (sig.modality() == Modality.IMAGE && sig.rank() == 3) {
            int c = (int) sig.dim(0);
            int hh = (int) sig.dim(1);
            int ww = (int) sig.dim(2);
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (float f : v) {
                lo = Math.min(lo, f);
                hi = Math.max(hi, f);
            }
            float span = hi > lo ? hi - lo : 1;
            BufferedImage img = new BufferedImage(ww, hh, BufferedImage.TYPE_INT_RGB);
            for (int yy = 0; yy < hh; yy++) {
                for (int xx = 0; xx < ww; xx++) {
                    int r = grey((v[yy * ww + xx] - lo) / span);
                    int gg = c >= 3 ? grey((v[hh * ww + yy * ww + xx] - lo) / span) : r;
                    int b = c >= 3 ? grey((v[2 * hh * ww + yy * ww + xx] - lo) / span) : r;
                    img.setRGB(xx, yy, (r << 16) | (gg << 8) | b);
                }
            }
            return img;
        }
        // anything else: the values as a line
        BufferedImage img = new BufferedImage(TILE, TILE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, TILE, TILE);
        g.setColor(Color.DARK_GRAY);
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float f : v) {
            lo = Math.min(lo, f);
            hi = Math.max(hi, f);
        }
        float span = hi > lo ? hi - lo : 1;
        for (int xx = 1; xx < TILE; xx++) {
            int i0 = (int) ((xx - 1) * (long) v.length / TILE);
            int i1 = (int) (xx * (long) v.length / TILE);
            g.drawLine(xx - 1, (int) ((1 - (v[i0] - lo) / span) * (TILE - 1)), xx, (int) ((1 - (v[i1] - lo) / span) * (TILE - 1)));
        }
        g.dispose();
        return img;
    }

    private static int grey(float t) {
        return Math.max(0, Math.min(255, Math.round(t * 255)));
    }

    static String score(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }
}
