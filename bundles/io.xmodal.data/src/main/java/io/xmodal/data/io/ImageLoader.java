package io.xmodal.data.io;

import io.xmodal.api.data.DataException;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Decodes an image file (PNG, JPEG, BMP, GIF: whatever {@link ImageIO} reads) into channel planes in
 * [0, 1] and resizes them to {@code size x size} with {@link Resampler}; the aspect ratio is not kept.
 * One channel is grey: single-band images give their samples as stored (no colour-space
 * conversion), colour images the luma 0.299 R + 0.587 G + 0.114 B. Three channels are R, G, B (a grey
 * image is repeated). Alpha is ignored.
 */
public final class ImageLoader {
    private ImageLoader() {
    }

    /** The image as C x size x size values in [0, 1], row-major per channel (CHW), quantized to bytes. */
    public static byte[] load(Path file, int channels, int size) throws DataException {
        return load(file, channels, size, "remove it or set skip-bad: true");
    }

    /**
     * As {@link #load(Path, int, int)}; an unreadable file fails with a message that names it, shows its
     * first bytes and ends with {@code fix} (what the caller's user should do).
     */
    public static byte[] load(Path file, int channels, int size, String fix) throws DataException {
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            img = null;
        }
        if (img == null || img.getWidth() < 1 || img.getHeight() < 1) {
            throw new DataException(file, "not a readable image (PNG, JPEG, BMP, GIF; first bytes " + firstBytes(file)
                    + "); " + fix);
        }
        float[][] planes = planes(img, channels);
        int plane = size * size;
        byte[] out = new byte[channels * plane];
        for (int c = 0; c < channels; c++) {
            float[] r = Resampler.resize(planes[c], img.getHeight(), img.getWidth(), size, size);
            for (int p = 0; p < plane; p++) {
                out[c * plane + p] = Resampler.quantize(r[p]);
            }
        }
        return out;
    }

    private static float[][] planes(BufferedImage img, int channels) {
        int w = img.getWidth();
        int h = img.getHeight();
        Raster raster = img.getRaster();
        float[][] out = new float[channels][w * h];
        if (raster.getNumBands() == 1 && !(img.getColorModel() instanceof IndexColorModel)) {
            int bits = img.getColorModel().getComponentSize(0);
            double max = (1L << bits) - 1;
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    float v = (float) (row[x] / max);
                    for (int c = 0; c < channels; c++) {
                        out[c][y * w + x] = v;
                    }
                }
            }
            return out;
        }
        int[] rgb = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, rgb, 0, w);
            for (int x = 0; x < w; x++) {
                float r = ((rgb[x] >> 16) & 0xff) / 255f;
                float g = ((rgb[x] >> 8) & 0xff) / 255f;
                float b = (rgb[x] & 0xff) / 255f;
                if (channels == 1) {
                    out[0][y * w + x] = 0.299f * r + 0.587f * g + 0.114f * b;
                } else {
                    out[0][y * w + x] = r;
                    out[1][y * w + x] = g;
                    out[2][y * w + x] = b;
                }
            }
        }
        return out;
    }

    /** The first four bytes of a file in hex, for messages. */
    public static String firstBytes(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(4);
            if (b.length == 0) {
                return "none, the file is empty";
            }
            StringBuilder s = new StringBuilder();
            for (byte x : b) {
                s.append(s.length() == 0 ? "" : " ").append(String.format("%02x", x & 0xff));
            }
            return s.toString();
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }
}
