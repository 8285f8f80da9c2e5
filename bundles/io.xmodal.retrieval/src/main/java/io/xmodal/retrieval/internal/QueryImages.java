package io.xmodal.retrieval.internal;

import io.xmodal.api.data.DataException;
import io.xmodal.api.data.Sample;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** An image file (PNG, JPEG, BMP, GIF) as the readers' images: grey, size x size, values in [0, 1], light strokes on dark. */
final class QueryImages {
    private QueryImages() {
    }

    static float[] load(Path file, int size) throws DataException {
        BufferedImage src;
        try {
            src = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new DataException(file, "cannot read the image: " + e.getMessage());
        }
        if (src == null) {
            throw new DataException(file, "not an image ImageIO reads (PNG, JPEG, BMP, GIF); give one of those or a WAV file");
        }
        BufferedImage grey = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, size, size, null);
        g.dispose();
        byte[] px = ((java.awt.image.DataBufferByte) grey.getRaster().getDataBuffer()).getData();
        float[] out = new float[size * size];
        double mean = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] = (px[i] & 0xff) / 255f;
            mean += out[i];
        }
        if (mean / out.length > 0.5) { // dark strokes on a light page: invert to the data's convention
            for (int i = 0; i < out.length; i++) {
                out[i] = 1 - out[i];
            }
        }
        return out;
    }

    /**
     * A query file of a paired image/sound reader as a sample: an image becomes the {@code image}
     * modality ({@code size} x {@code size}), a WAV the {@code audio} one (resampled to {@code rate},
     * cropped or padded to {@code length}).
     */
    static Sample decode(Path file, String reader, int size, int rate, int length) throws DataException {
        if (isImage(file)) {
            return new Sample(file.getFileName().toString(), Map.of("image", load(file, size)), file.toString());
        }
        if (isWav(file)) {
            return new Sample(file.getFileName().toString(), Map.of("audio", AudioClips.load(file, rate, length)), file.toString());
        }
        throw new DataException(file, reader + " reads images (.png, .jpg, .bmp, .gif) and .wav files; give one of those");
    }

    static boolean isImage(Path file) {
        String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".bmp") || n.endsWith(".gif");
    }

    static boolean isWav(Path file) {
        return file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".wav");
    }
}
