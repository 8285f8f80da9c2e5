package io.xmodal.engine.internal.store;

import io.xmodal.api.Modality;
import io.xmodal.api.Signature;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Pictures of video predictions: a PNG strip per sample (one row each for the input frames, the true
 * frames and the predicted frames) and an animated GIF per sample (the input frames, then the true frame
 * beside the predicted one, looping), written with the JDK's own GIF writer. Values are clamped to
 * [0, 1]; one channel is grey, three are RGB, otherwise the first channel is shown.
 */
public final class VideoSamples {
    /** Hundredths of a second each GIF frame shows. */
    static final int DELAY = 25;
    private static final int LABEL = 78;
    private static final Color BACKGROUND = new Color(0x20, 0x20, 0x20);

    private VideoSamples() {
    }

    /** True for signatures shown as frames: FRAMES [T, C, H, W] and IMAGE [C, H, W] (one frame). */
    public static boolean showsFrames(Signature sig) {
        return sig != null && (sig.modality() == Modality.FRAMES && sig.rank() == 4 || sig.modality() == Modality.IMAGE && sig.rank() == 3)
                && sig.size() > 0;
    }

    /** The frames of a value of {@code sig} as pictures, each {@code scale} screen pixels a pixel. */
    static List<BufferedImage> frames(Signature sig, float[] v, int scale) {
        int off = sig.modality() == Modality.FRAMES ? 1 : 0;
        int t = off == 1 ? (int) sig.dim(0) : 1;
        int c = (int) sig.dim(off);
        int h = (int) sig.dim(off + 1);
        int w = (int) sig.dim(off + 2);
        if (v.length != (long) t * c * h * w) {
            throw new IllegalArgumentException(v.length + " values do not make " + sig);
        }
        List<BufferedImage> out = new ArrayList<>();
        int plane = h * w;
        for (int f = 0; f < t; f++) {
            BufferedImage img = new BufferedImage(w * scale, h * scale, BufferedImage.TYPE_INT_RGB);
            int base = f * c * plane;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int p = base + y * w + x;
                    int r = byteOf(v[p]);
                    int g = c == 3 ? byteOf(v[p + plane]) : r;
                    int b = c == 3 ? byteOf(v[p + 2 * plane]) : r;
                    int rgb = (r << 16) | (g << 8) | b;
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            img.setRGB(x * scale + dx, y * scale + dy, rgb);
                        }
                    }
                }
            }
            out.add(img);
        }
        return out;
    }

    private static int byteOf(float v) {
        return Math.round(Math.max(0f, Math.min(1f, Float.isNaN(v) ? 0f : v)) * 255f);
    }

    /** Screen pixels per frame pixel: frames are shown at least about 80 pixels high. */
    static int scaleFor(Signature sig) {
        int off = sig.modality() == Modality.FRAMES ? 1 : 0;
        long side = Math.max(sig.dim(off + 1), sig.dim(off + 2));
        return (int) Math.max(1, Math.min(16, Math.ceil(80.0 / side)));
    }

    /**
     * The PNG strip: a title, then rows "inputs" (when the input shows as frames), "truth" and "prediction".
     *
     * @param inSig the input signature; its row is left out unless it {@link #showsFrames shows frames}
     */
    public static byte[] strip(String title, Signature inSig, float[] input, Signature outSig, float[] truth, float[] predicted) {
        int scale = scaleFor(outSig);
        List<List<BufferedImage>> rows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (showsFrames(inSig)) {
            rows.add(frames(inSig, input, scaleFor(inSig)));
            names.add("inputs");
        }
        rows.add(frames(outSig, truth, scale));
        names.add("truth");
        rows.add(frames(outSig, predicted, scale));
        names.add("prediction");
        int gap = 4;
        int width = 0;
        int height = 30;
        for (List<BufferedImage> row : rows) {
            int w = LABEL;
            int h = 0;
            for (BufferedImage f : row) {
                w += f.getWidth() + gap;
                h = Math.max(h, f.getHeight());
            }
            width = Math.max(width, w + 6);
            height += h + gap;
        }
        BufferedImage out = new BufferedImage(Math.max(width, 420), height + 6, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(title, 8, 18);
        int y = 30;
        for (int r = 0; r < rows.size(); r++) {
            int x = LABEL;
            int h = 0;
            for (BufferedImage f : rows.get(r)) {
                g.drawImage(f, x, y, null);
                x += f.getWidth() + gap;
                h = Math.max(h, f.getHeight());
            }
            g.setColor(Color.DARK_GRAY);
            g.drawString(names.get(r), 8, y + h / 2 + 5);
            y += h + gap;
        }
        g.dispose();
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            ImageIO.write(out, "png", bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The animated GIF, looping forever: first the input frames (shown in both panels), then each true frame
     * (left) beside the predicted one (right), every frame labelled.
     */
    public static byte[] gif(Signature inSig, float[] input, Signature outSig, float[] truth, float[] predicted) {
        int scale = scaleFor(outSig);
        List<BufferedImage> shown = new ArrayList<>();
        List<BufferedImage> truths = frames(outSig, truth, scale);
        List<BufferedImage> preds = frames(outSig, predicted, scale);
        int fw = truths.get(0).getWidth();
        int fh = truths.get(0).getHeight();
        if (showsFrames(inSig)) {
            List<BufferedImage> ins = frames(inSig, input, scale);
            for (int t = 0; t < ins.size(); t++) {
                shown.add(panel(fw, fh, ins.get(t), ins.get(t), "input " + (t + 1) + "/" + ins.size(), "input"));
            }
        }
        for (int t = 0; t < truths.size(); t++) {
            shown.add(panel(fw, fh, truths.get(t), preds.get(t), "truth t+" + (t + 1), "predicted"));
        }
        return writeGif(shown, DELAY);
    }

    private static BufferedImage panel(int fw, int fh, BufferedImage left, BufferedImage right, String leftLabel, String rightLabel) {
        int gap = 6;
        BufferedImage out = new BufferedImage(2 * fw + 3 * gap, fh + 2 * gap + 16, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(left, gap, gap + 16, fw, fh, null);
        g.drawImage(right, 2 * gap + fw, gap + 16, fw, fh, null);
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString(leftLabel, gap, 14);
        g.drawString(rightLabel, 2 * gap + fw, 14);
        g.dispose();
        return out;
    }

    /** Frames as a looping GIF (NETSCAPE2.0 application extension, 0 loops = forever), each shown {@code delay} cs. */
    static byte[] writeGif(List<BufferedImage> frames, int delay) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
             ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (int i = 0; i < frames.size(); i++) {
                BufferedImage f = frames.get(i);
                ImageWriteParam param = writer.getDefaultWriteParam();
                IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(f), param);
                String format = meta.getNativeMetadataFormatName();
                IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
                IIOMetadataNode control = child(root, "GraphicControlExtension");
                control.setAttribute("disposalMethod", "none");
                control.setAttribute("userInputFlag", "FALSE");
                control.setAttribute("transparentColorFlag", "FALSE");
                control.setAttribute("delayTime", Integer.toString(delay));
                control.setAttribute("transparentColorIndex", "0");
                if (i == 0) {
                    IIOMetadataNode apps = child(root, "ApplicationExtensions");
                    IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
                    loop.setAttribute("applicationID", "NETSCAPE");
                    loop.setAttribute("authenticationCode", "2.0");
                    loop.setUserObject(new byte[] {1, 0, 0}); // sub-block 1, loop count 0 (little-endian): forever
                    apps.appendChild(loop);
                }
                meta.setFromTree(format, root);
                writer.writeToSequence(new IIOImage(f, null, meta), param);
            }
            writer.endWriteSequence();
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }
}
