package io.xmodal.engine.internal.store;

import io.xmodal.api.Modality;
import io.xmodal.api.Signature;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Node;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VideoSamplesTest {
    private static final Signature IN = Signature.of(Modality.FRAMES, 3, 1, 8, 8);
    private static final Signature OUT = Signature.of(Modality.FRAMES, 2, 1, 8, 8);

    /** Frames where frame t is flat grey {@code base + 0.2 t}. */
    private static float[] flat(int frames, float base) {
        float[] v = new float[frames * 64];
        for (int t = 0; t < frames; t++) {
            for (int p = 0; p < 64; p++) {
                v[t * 64 + p] = base + 0.2f * t;
            }
        }
        return v;
    }

    @Test
    void theStripHasARowForInputsTruthAndPrediction() throws Exception {
        byte[] png = VideoSamples.strip("clip-00001@0", IN, flat(3, 0.1f), OUT, flat(2, 0.5f), flat(2, 0.4f));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(img, "not a readable PNG");
        int scale = VideoSamples.scaleFor(OUT);
        assertEquals(10, scale, "8-pixel frames are drawn 80 pixels high");
        // rows start at y = 30 and are 80 + 4 apart; frames start at x = 78 and are 80 + 4 apart
        int[][] expected = {{26, 77, 128}, {128, 179}, {102, 153}}; // round(255 (0.1 + 0.2 t)), truth, prediction
        for (int r = 0; r < 3; r++) {
            for (int f = 0; f < expected[r].length; f++) {
                int rgb = img.getRGB(78 + f * 84 + 40, 30 + r * 84 + 40);
                assertEquals(expected[r][f], rgb & 0xff, "row " + r + " frame " + f);
                assertEquals(expected[r][f], (rgb >> 16) & 0xff, "grey: red = blue");
            }
        }
        assertEquals(30 + 3 * 84 + 6, img.getHeight());
    }

    @Test
    void theGifLoopsOverInputsThenTruthBesidePrediction() throws Exception {
        byte[] gif = VideoSamples.gif(IN, flat(3, 0.1f), OUT, flat(2, 0.5f), flat(2, 0.4f));
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(gif))) {
            reader.setInput(in);
            assertEquals(5, reader.getNumImages(true), "3 input frames, then 2 predicted");
            // the last frame: truth (0.7 -> 179) on the left, prediction (0.6 -> 153) on the right
            BufferedImage last = reader.read(4);
            assertEquals(179, last.getRGB(6 + 40, 22 + 40) & 0xff, 2);
            assertEquals(153, last.getRGB(12 + 80 + 40, 22 + 40) & 0xff, 2);
            BufferedImage first = reader.read(0);
            assertEquals(26, first.getRGB(6 + 40, 22 + 40) & 0xff, 2);
            assertEquals(26, first.getRGB(12 + 80 + 40, 22 + 40) & 0xff, 2);
            IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0");
            Node control = root.getElementsByTagName("GraphicControlExtension").item(0);
            assertEquals(Integer.toString(VideoSamples.DELAY), control.getAttributes().getNamedItem("delayTime").getNodeValue());
            IIOMetadataNode app = (IIOMetadataNode) root.getElementsByTagName("ApplicationExtension").item(0);
            assertNotNull(app, "no NETSCAPE2.0 loop extension");
            assertEquals("NETSCAPE", app.getAttribute("applicationID"));
            assertArrayEquals(new byte[] {1, 0, 0}, (byte[]) app.getUserObject(), "loop forever");
        } finally {
            reader.dispose();
        }
    }

    @Test
    void rgbFramesAndImageInputs() throws Exception {
        Signature rgb = Signature.of(Modality.FRAMES, 1, 3, 8, 8);
        float[] v = new float[3 * 64];
        for (int p = 0; p < 64; p++) {
            v[p] = 1f;
            v[128 + p] = 0.5f;
        }
        Signature image = Signature.of(Modality.IMAGE, 1, 8, 8);
        assertTrue(VideoSamples.showsFrames(image));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(VideoSamples.strip("rgb", image, new float[64], rgb, v, v)));
        int px = img.getRGB(78 + 40, 30 + 84 + 40); // truth, the second row after the one-frame input row
        assertEquals(255, (px >> 16) & 0xff);
        assertEquals(0, (px >> 8) & 0xff);
        assertEquals(128, px & 0xff);
        assertTrue(!VideoSamples.showsFrames(Signature.of(Modality.SERIES, 10)));
    }
}
