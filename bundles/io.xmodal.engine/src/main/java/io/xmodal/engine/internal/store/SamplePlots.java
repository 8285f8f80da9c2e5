package io.xmodal.engine.internal.store;

import io.xmodal.api.Modality;
import io.xmodal.api.Signature;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The pictures of a run: input next to true and predicted output, and learning curves (XChart). */
public final class SamplePlots {
    private SamplePlots() {
    }

    /** One test sample: the input (picture or plot) beside the target and the prediction. */
    public static byte[] sample(String title, Signature inSig, float[] input, Signature outSig, float[] truth, float[] predicted,
                                String caption) {
        BufferedImage left = inSig.modality() == Modality.IMAGE ? image(inSig, input, 200)
                : inSig.modality() == Modality.SPECTROGRAM && inSig.rank() == 3 ? spectrogram(inSig, input, 320, 200)
                : chart("input", Map.of("input", toDouble(input)), 260, 200);
        BufferedImage right;
        if (outSig.modality() == Modality.IMAGE) {
            right = sideBySide(image(outSig, truth, 200), image(outSig, predicted, 200));
        } else {
            Map<String, double[]> series = new LinkedHashMap<>();
            series.put("true", toDouble(truth));
            series.put("predicted", toDouble(predicted));
            right = chart(caption, series, 480, 200);
        }
        BufferedImage out = new BufferedImage(left.getWidth() + right.getWidth() + 30, 240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(left, 10, 30, null);
        g.drawImage(right, left.getWidth() + 20, 30, null);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(title, 10, 18);
        g.dispose();
        return png(out);
    }

    /**
     * A confusion matrix as a heat map: rows are true classes, columns predicted ones, each cell
     * coloured by the share of its row and labelled with its count.
     */
    public static byte[] confusion(String title, List<String> classes, long[][] counts) {
        int k = classes.size();
        int cell = Math.max(18, Math.min(48, 560 / Math.max(k, 1)));
        int labelW = 20 + classes.stream().mapToInt(String::length).max().orElse(1) * 7;
        int w = labelW + k * cell + 20;
        int h = 60 + labelW + k * cell;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        g.drawString(title, 10, 18);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString("rows: true class, columns: predicted class", 10, 36);
        int top = 50;
        for (int r = 0; r < k; r++) {
            long rowSum = 0;
            for (long c : counts[r]) {
                rowSum += c;
            }
            for (int c = 0; c < k; c++) {
                double share = rowSum == 0 ? 0 : counts[r][c] / (double) rowSum;
                g.setColor(viridis(share));
                g.fillRect(labelW + c * cell, top + r * cell, cell - 1, cell - 1);
                if (cell >= 22) {
                    g.setColor(share > 0.6 ? Color.BLACK : Color.WHITE);
                    String t = Long.toString(counts[r][c]);
                    g.drawString(t, labelW + c * cell + (cell - g.getFontMetrics().stringWidth(t)) / 2, top + r * cell + cell / 2 + 4);
                }
            }
            g.setColor(Color.DARK_GRAY);
            g.drawString(classes.get(r), 6, top + r * cell + cell / 2 + 4);
        }
        for (int c = 0; c < k; c++) {
            Graphics2D gr = (Graphics2D) g.create();
            gr.translate(labelW + c * cell + cell / 2 + 4, top + k * cell + 6);
            gr.rotate(Math.PI / 2);
            gr.setColor(Color.DARK_GRAY);
            gr.drawString(classes.get(c), 0, 0);
            gr.dispose();
        }
        g.dispose();
        return png(img);
    }

    /** A spectrogram [channels, frames, bins] (first channel): time to the right, frequency up, min-max scaled. */
    public static BufferedImage spectrogram(Signature sig, float[] v, int width, int height) {
        int frames = (int) sig.dim(1);
        int bins = (int) sig.dim(2);
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < frames * bins; i++) {
            lo = Math.min(lo, v[i]);
            hi = Math.max(hi, v[i]);
        }
        float span = hi > lo ? hi - lo : 1;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            int bin = Math.min(bins - 1, (int) ((height - 1 - y) * (long) bins / height));
            for (int x = 0; x < width; x++) {
                int f = Math.min(frames - 1, (int) (x * (long) frames / width));
                img.setRGB(x, y, viridis((v[f * bins + bin] - lo) / span).getRGB());
            }
        }
        return img;
    }

    /** A perceptually even colour for t in [0,1] (viridis, linearly interpolated between 5 stops). */
    static Color viridis(double t) {
        double[][] stops = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};
        double x = Math.max(0, Math.min(1, Double.isNaN(t) ? 0 : t)) * (stops.length - 1);
        int i = Math.min(stops.length - 2, (int) x);
        double f = x - i;
        return new Color((int) Math.round(stops[i][0] + f * (stops[i + 1][0] - stops[i][0])),
                (int) Math.round(stops[i][1] + f * (stops[i + 1][1] - stops[i][1])),
                (int) Math.round(stops[i][2] + f * (stops[i + 1][2] - stops[i][2])));
    }

    /** Learning curves: one line per split for each metric in {@code curves} (metric -> split -> values by epoch). */
    public static byte[] curves(String metric, Map<String, double[]> bySplit) {
        return png(chart(metric + " by epoch", bySplit, 640, 360));
    }

    private static BufferedImage chart(String title, Map<String, double[]> series, int w, int h) {
        XYChart c = new XYChartBuilder().width(w).height(h).title(title).build();
        c.getStyler().setLegendVisible(series.size() > 1);
        c.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setMarkerSize(3);
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            double[] y = e.getValue();
            double[] x = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                x[i] = i + (title.endsWith("by epoch") ? 1 : 0);
            }
            XYSeries s = c.addSeries(e.getKey(), x, y.length == 0 ? new double[] {0} : y);
            s.setMarker(y.length > 60 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        }
        return BitmapEncoder.getBufferedImage(c);
    }

    /** A CHW image in [0,1] (grey or colour), scaled up with nearest-neighbour to about {@code size} pixels. */
    public static BufferedImage image(Signature sig, float[] v, int size) {
        int c = (int) sig.dim(0);
        int h = (int) sig.dim(1);
        int w = (int) sig.dim(2);
        int scale = Math.max(1, size / Math.max(h, w));
        BufferedImage img = new BufferedImage(w * scale, h * scale, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h * scale; y++) {
            for (int x = 0; x < w * scale; x++) {
                int sy = y / scale;
                int sx = x / scale;
                int r = grey(v[sy * w + sx]);
                int g = c >= 3 ? grey(v[h * w + sy * w + sx]) : r;
                int b = c >= 3 ? grey(v[2 * h * w + sy * w + sx]) : r;
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return img;
    }

    private static BufferedImage sideBySide(BufferedImage a, BufferedImage b) {
        BufferedImage out = new BufferedImage(a.getWidth() + b.getWidth() + 10, Math.max(a.getHeight(), b.getHeight()), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(a, 0, 0, null);
        g.drawImage(b, a.getWidth() + 10, 0, null);
        g.dispose();
        return out;
    }

    private static int grey(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255)));
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /** Values of one metric per split from history rows, by epoch. */
    public static Map<String, double[]> series(List<History.Row> rows, String metric) {
        Map<String, List<Double>> m = new LinkedHashMap<>();
        for (History.Row r : rows) {
            if (r.metric().equals(metric)) {
                m.computeIfAbsent(r.split(), k -> new ArrayList<>()).add(r.value());
            }
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
        return out;
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
