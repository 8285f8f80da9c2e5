package io.xmodal.data.internal;

import io.xmodal.testing.TestDataContext;
import io.xmodal.api.Modality;
import io.xmodal.api.Params;
import io.xmodal.api.Signature;
import io.xmodal.api.data.DataException;
import io.xmodal.api.data.Dataset;
import io.xmodal.api.data.Sample;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageSeriesReaderTest {
    @TempDir
    Path dir;
    private Path faces;
    private final ImageSeriesReader reader = new ImageSeriesReader();
    private final TestDataContext ctx = new TestDataContext(1);

    @BeforeEach
    void writeImages() throws Exception {
        faces = Files.createDirectories(dir.resolve("faces"));
        // a grey image of one value, a colour image, and one with a black left half and white right half
        ImageIO.write(grey(16, 16, 128), "png", faces.resolve("a.png").toFile());
        BufferedImage red = new BufferedImage(20, 40, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 20; x++) {
                red.setRGB(x, y, 0xff0000);
            }
        }
        ImageIO.write(red, "png", faces.resolve("b.png").toFile());
        BufferedImage halves = grey(64, 64, 0);
        for (int y = 0; y < 64; y++) {
            for (int x = 32; x < 64; x++) {
                halves.getRaster().setSample(x, y, 0, 255);
            }
        }
        ImageIO.write(halves, "png", faces.resolve("c.png").toFile());
        Files.write(faces.resolve("bad.png"), new byte[] {0, 0, 0, 12, 1, 2, 3});
    }

    private static BufferedImage grey(int w, int h, int value) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, value);
            }
        }
        return img;
    }

    private Path csv(String name, String... lines) throws Exception {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    private Dataset open(Map<String, Object> with) throws DataException {
        return reader.open(ctx, Params.defaults(reader.spec(), with));
    }

    private Map<String, Object> with(Path series, Object... more) {
        Map<String, Object> m = new HashMap<>(Map.of("images", faces.toString(), "series", series.toString()));
        for (int i = 0; i < more.length; i += 2) {
            m.put((String) more[i], more[i + 1]);
        }
        return m;
    }

    private String failure(Map<String, Object> with) {
        return assertThrows(DataException.class, () -> open(with)).getMessage();
    }

    @Test
    void readsImagesAndSeriesWithAHeader() throws Exception {
        Path series = csv("series.csv", "file,v0,v1,v2", "a.png,0.1,0.2,0.3", "", "b.png, -1, 0 ,1e-3", "c.png,4,5,6");
        Dataset d = open(with(series, "image-size", 8));
        assertEquals(3, d.size());
        assertEquals(Signature.of(Modality.IMAGE, 1, 8, 8), d.modalities().get("image"));
        assertEquals(Signature.of(Modality.SERIES, 3), d.modalities().get("series"));
        Sample a = d.get(0);
        assertEquals("a.png", a.id());
        assertEquals(faces.resolve("a.png").toString(), a.source());
        assertArrayEquals(new float[] {0.1f, 0.2f, 0.3f}, a.get("series"));
        for (float v : a.get("image")) {
            assertEquals(128 / 255f, v, 1e-6, "grey samples are taken as stored, without a colour-space change");
        }
        assertEquals(0.299f, d.get(1).get("image")[0], 1 / 255f, "luma of pure red");
        float[] c = d.get(2).get("image");
        assertEquals(0f, c[3], 1e-6);
        assertEquals(1f, c[4], 1e-6, "area averaging keeps a sharp edge that falls between output pixels");
        assertArrayEquals(new float[] {-1f, 0f, 1e-3f}, d.get(1).get("series"));
        assertTrue(ctx.lines().get(ctx.lines().size() - 1).contains("3 images of 1x8x8"));
    }

    @Test
    void colourAndManifestWithSubfolders() throws Exception {
        Path manifest = csv("manifest.csv", "faces/b.png,1,2", "\"faces/c.png\",3,4");
        Dataset d = open(Map.of("manifest", manifest.toString(), "channels", 3, "image-size", 4));
        assertEquals(Signature.of(Modality.IMAGE, 3, 4, 4), d.modalities().get("image"));
        float[] red = d.get(0).get("image");
        assertEquals(1f, red[0], 1e-6);
        assertEquals(0f, red[16], 1e-6);
        assertEquals(0f, red[32], 1e-6);
        assertEquals("faces/c.png", d.get(1).id());
    }

    @Test
    void missingImageNamesTheLineAndTheFolder() throws Exception {
        Path series = csv("series.csv", "a.png,1,2", "x.png,3,4");
        String m = failure(with(series));
        assertTrue(m.endsWith("series.csv:2: image 'x.png' not found in " + faces + "/; fix the name or set skip-bad: true"), m);
    }

    @Test
    void corruptImageFailsWithTheFix() throws Exception {
        Path series = csv("series.csv", "a.png,1,2", "bad.png,3,4");
        String m = failure(with(series));
        assertTrue(m.startsWith(faces.resolve("bad.png") + ": not a readable image (PNG, JPEG, BMP, GIF; first bytes 00 00 00 0c)"), m);
        assertTrue(m.endsWith("remove it or set skip-bad: true"), m);
    }

    @Test
    void skipBadCountsWhatItSkipped() throws Exception {
        Path series = csv("series.csv", "a.png,1,2", "bad.png,3,4", "gone.png,5,6", "c.png,7,8");
        Dataset d = open(with(series, "skip-bad", true));
        assertEquals(2, d.size());
        assertEquals("c.png", d.get(1).id());
        assertTrue(ctx.lines().stream().anyMatch(l -> l.contains("skipped 2 of 4 images (1 unreadable, 1 missing)")), ctx.lines().toString());
    }

    @Test
    void raggedRowsNonNumbersAndEmptyFiles() throws Exception {
        String ragged = failure(with(csv("r.csv", "a.png,1,2,3", "b.png,1,2,3", "c.png,1,2")));
        assertTrue(ragged.endsWith("r.csv:3: 2 values, expected 3 like the first row (line 1); every series must have the same length"), ragged);
        String nan = failure(with(csv("n.csv", "name,x,y", "a.png,1,2", "b.png,1,abc")));
        assertTrue(nan.endsWith("n.csv:3: column 3 'abc' is not a number; write plain decimal numbers such as 0.25 or -1.5e-3"), nan);
        String inf = failure(with(csv("i.csv", "a.png,1,Infinity")));
        assertTrue(inf.contains("i.csv:1: column 3 'Infinity' is not a finite number"), inf);
        String empty = failure(with(csv("e.csv", "file,v0", "")));
        assertTrue(empty.contains("e.csv: no data rows"), empty);
        String noValues = failure(with(csv("o.csv", "a.png")));
        assertTrue(noValues.contains("o.csv:1: no values after 'a.png'"), noValues);
    }

    @Test
    void missingFolderCsvOrParameters() throws Exception {
        Path series = csv("series.csv", "a.png,1");
        Map<String, Object> noFolder = with(series);
        noFolder.put("images", dir.resolve("nowhere").toString());
        assertTrue(failure(noFolder).contains("nowhere: folder not found; set images:"));
        String noCsv = failure(with(dir.resolve("missing.csv")));
        assertTrue(noCsv.contains("missing.csv: file not found"), noCsv);
        assertTrue(failure(Map.of()).contains("set images: (a folder of images) and series:"));
        assertTrue(failure(with(series, "manifest", series.toString())).contains("not both"));
        assertTrue(failure(with(series, "channels", 2)).contains("channels: 2 is not allowed"));
    }

    @Test
    void reportsProgressEveryThousandImages() throws Exception {
        Path many = Files.createDirectories(dir.resolve("many"));
        String[] lines = new String[1001];
        for (int i = 0; i < lines.length; i++) {
            String name = String.format("%04d.png", i);
            ImageIO.write(grey(4, 4, i % 256), "png", many.resolve(name).toFile());
            lines[i] = name + "," + i;
        }
        Path series = csv("many.csv", lines);
        Dataset d = open(Map.of("images", many.toString(), "series", series.toString(), "image-size", 4));
        assertEquals(1001, d.size());
        assertEquals(List.of("image-series: decoded 1000 of 1001 images",
                "image-series: 1001 images of 1x4x4 with series of 1 values from many.csv"), ctx.lines());
        assertEquals((1000 % 256) / 255f, d.get(1000).get("image")[0], 1e-6);
    }

    @Test
    void headerLikeFirstRowGetsAHint() throws Exception {
        String m = failure(with(csv("h.csv", "image,0,1", "a.png,1,2")));
        assertTrue(m.contains("h.csv:1: image 'image' not found") && m.contains("if this line is a header"), m);
    }
}
