package io.xmodal.engine.internal.generative;

import io.xmodal.api.Modality;
import io.xmodal.api.Signature;
import io.xmodal.engine.internal.store.SamplePlots;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The pictures and sounds of scoring: a grid with a row per condition class (real examples of the class
 * on the left, the samples generated for the same conditions on the right), a real | generated picture
 * per sample for spectrograms, and 16-bit PCM WAV files.
 */
public final class GeneratedSamples {
    private static final int CELL = 72;
    private static final int LABEL_WIDTH = 110;
    private static final int GAP = 24;

    private GeneratedSamples() {
    }

    /** True when the grid can draw the modality: images [C,H,W] and spectrograms [C,T,F]. */
    public static boolean drawable(Signature sig) {
        return sig.rank() == 3 && (sig.modality() == Modality.IMAGE || sig.modality() == Modality.SPECTROGRAM);
    }

    /**
     * The grid: for each class a row of up to {@code columns} real samples, then the generated samples of
     * the same rows. {@code rows.get(c)} lists the test rows shown for class c.
     */
    public static byte[] grid(String title, Signature sig, List<String> classNames, List<int[]> rows, float[][] real, float[][] generated,
                              int columns) {
        int cellW = sig.modality() == Modality.SPECTROGRAM ? CELL * 3 / 2 : CELL;
        int width = LABEL_WIDTH + 2 * columns * (cellW + 4) + GAP + 10;
        int top = 46;
        int height = top + classNames.size() * (CELL + 6) + 10;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(title, 10, 18);
        int genX = LABEL_WIDTH + columns * (cellW + 4) + GAP;
        g.drawString("real", LABEL_WIDTH, top - 8);
        g.drawString("generated (same conditions)", genX, top - 8);
        for (int c = 0; c < classNames.size(); c++) {
            int y = top + c * (CELL + 6);
            g.setColor(Color.DARK_GRAY);
            g.drawString(shorten(classNames.get(c)), 10, y + CELL / 2 + 5);
            int[] r = rows.get(c);
            for (int j = 0; j < Math.min(columns, r.length); j++) {
                g.drawImage(picture(sig, real[r[j]], cellW, CELL), LABEL_WIDTH + j * (cellW + 4), y, null);
                g.drawImage(picture(sig, generated[r[j]], cellW, CELL), genX + j * (cellW + 4), y, null);
            }
        }
        g.dispose();
        return png(img);
    }

    /** One sample: the real spectrogram or image beside the generated one. */
    public static byte[] pair(String title, Signature sig, float[] real, float[] generated) {
        int w = sig.modality() == Modality.SPECTROGRAM ? 320 : 200;
        BufferedImage a = picture(sig, real, w, 200);
        BufferedImage b = picture(sig, generated, w, 200);
        BufferedImage out = new BufferedImage(a.getWidth() + b.getWidth() + 30, 250, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(a, 10, 40, null);
        g.drawImage(b, a.getWidth() + 20, 40, null);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(title, 10, 16);
        g.drawString("real", 10, 34);
        g.drawString("generated", a.getWidth() + 20, 34);
        g.dispose();
        return png(out);
    }

    private static BufferedImage picture(Signature sig, float[] v, int w, int h) {
        if (sig.modality() == Modality.SPECTROGRAM) {
            return SamplePlots.spectrogram(sig, v, w, h);
        }
        return SamplePlots.image(sig, v, h);
    }

    /**
     * A mono 16-bit PCM WAV file (RIFF header and little-endian samples). Samples are clipped to [-1, 1]
     * after scaling the whole signal down when its peak exceeds 1 (a generator's spectrogram can be louder
     * than any real one).
     */
    public static byte[] wav(float[] samples, int sampleRate) {
        float peak = 0;
        for (float s : samples) {
            peak = Math.max(peak, Math.abs(s));
        }
        float gain = peak > 1 ? 0.99f / peak : 1f;
        int data = samples.length * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + data).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + data)
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(sampleRate).putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(data);
        for (float s : samples) {
            float v = Float.isFinite(s) ? Math.max(-1f, Math.min(1f, s * gain)) : 0f;
            b.putShort((short) Math.round(v * 32767));
        }
        return b.array();
    }

    private static String shorten(String s) {
        return s.length() > 14 ? s.substring(0, 13) + "." : s;
    }

    private static byte[] png(BufferedImage img) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
