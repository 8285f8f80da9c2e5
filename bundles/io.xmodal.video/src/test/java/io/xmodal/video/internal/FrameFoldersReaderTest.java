package io.xmodal.video.internal;

import io.xmodal.testing.TestDataContext;
import io.xmodal.api.Modality;
import io.xmodal.api.Params;
import io.xmodal.api.Signature;
import io.xmodal.api.data.DataException;
import io.xmodal.api.data.Dataset;
import io.xmodal.api.data.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameFoldersReaderTest {
    @TempDir
    Path dir;
    private final FrameFoldersReader reader = new FrameFoldersReader();

    /** A flat grey 8x8 frame of value {@code v} (0..255), or an RGB one of (v, 0, 255 - v). */
    private static void frame(Path file, int v, boolean rgb) throws Exception {
        BufferedImage img = new BufferedImage(8, 8, rgb ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                if (rgb) {
                    img.setRGB(x, y, (v << 16) | (255 - v));
                } else {
                    img.getRaster().setSample(x, y, 0, v);
                }
            }
        }
        String name = file.getFileName().toString();
        Files.createDirectories(file.getParent());
        assertTrue(ImageIO.write(img, name.endsWith(".png") ? "png" : "jpeg", file.toFile()));
    }

    /** Clip folders a (frames f1..f12: value 10 t, named so that plain string order would be wrong) and b (5 frames). */
    private Path clips() throws Exception {
        Path root = dir.resolve("clips");
        for (int t = 1; t <= 12; t++) {
            frame(root.resolve("a").resolve("f" + t + ".png"), 10 * t, false);
        }
        for (int t = 0; t < 5; t++) {
            frame(root.resolve("b").resolve(String.format("%03d.PNG", t)), 200 + t, false);
        }
        Files.writeString(root.resolve("b").resolve("notes.txt"), "not a frame");
        Files.writeString(root.resolve("README"), "a file beside the clip folders is ignored");
        return root;
    }

    private Dataset open(Path root, Map<String, Object> more) throws DataException {
        Map<String, Object> p = new HashMap<>(Map.of("root", root.toString(), "image-size", 4, "input-frames", 2,
                "target-frames", 1, "stride", 2));
        p.putAll(more);
        return reader.open(new TestDataContext(1), Params.defaults(reader.spec(), p));
    }

    @Test
    void foldersAreClipsAndFramesComeInNaturalOrder() throws Exception {
        Dataset ds = open(clips(), Map.of());
        assertEquals(Signature.of(Modality.FRAMES, 2, 1, 4, 4), ds.modalities().get("frames"));
        // a: 12 frames -> (12 - 3) / 2 + 1 = 5 windows; b: 5 frames -> 2 windows
        assertEquals(7, ds.size());
        List<String> ids = new ArrayList<>();
        for (long i = 0; i < ds.size(); i++) {
            ids.add(ds.get(i).id());
        }
        assertEquals(List.of("a@0", "a@2", "a@4", "a@6", "a@8", "b@0", "b@2"), ids);
        Sample s = ds.get(1); // a, frames 2..4 = f3, f4, f5
        assertEquals(30 / 255f, s.get("frames")[0], 1e-6);
        assertEquals(40 / 255f, s.get("frames")[16], 1e-6);
        assertEquals(50 / 255f, s.get("next")[15], 1e-6);
        assertEquals("clips/a frames 2..4", s.source());
        assertEquals(204 / 255f, ds.get(6).get("next")[0], 1e-6);
        assertEquals("a", ds.group(3));
        assertEquals("b", ds.group(6));
        assertEquals(1, open(clips(), Map.of("limit", 1)).get(0).id().equals("a@0") ? 1 : 0);
    }

    @Test
    void rgbAndJpegFrames() throws Exception {
        Path root = dir.resolve("rgb");
        for (int t = 0; t < 3; t++) {
            frame(root.resolve("c").resolve("x" + t + ".jpg"), 100, true);
        }
        Dataset ds = open(root, Map.of("channels", 3));
        assertEquals(Signature.of(Modality.FRAMES, 2, 3, 4, 4), ds.modalities().get("frames"));
        float[] f = ds.get(0).get("frames");
        assertEquals(100 / 255f, f[0], 0.03, "red");
        assertEquals(0, f[16], 0.03, "green");
        assertEquals(155 / 255f, f[32], 0.03, "blue");
        Dataset grey = open(root, Map.of());
        assertEquals((0.299 * 100 + 0.114 * 155) / 255, grey.get(0).get("frames")[0], 0.03, "luma");
    }

    @Test
    void badFoldersAndFramesAreNamed() throws Exception {
        Path root = clips();
        Path bad = root.resolve("b").resolve("003.PNG");
        Files.write(bad, new byte[] {0, 0, 0, 12, 1, 2, 3});
        DataException corrupt = assertThrows(DataException.class, () -> open(root, Map.of()));
        assertTrue(corrupt.getMessage().startsWith(bad + ": not a readable image (PNG, JPEG, BMP, GIF; first bytes 00 00 00 0c); "
                + "replace or remove the frame (or its clip folder b)"), corrupt.getMessage());

        Path empty = dir.resolve("empty");
        Files.createDirectories(empty.resolve("clip-1"));
        DataException none = assertThrows(DataException.class, () -> open(empty, Map.of()));
        assertTrue(none.getMessage().contains("clip-1: holds no PNG or JPEG frames"), none.getMessage());

        DataException short_ = assertThrows(DataException.class, () -> open(clips(), Map.of("input-frames", 5)));
        assertTrue(short_.getMessage().contains("clip clips/b has 5 frames, fewer than input-frames 5 + target-frames 1 = 6"),
                short_.getMessage());
        DataException missing = assertThrows(DataException.class, () -> open(dir.resolve("nowhere"), Map.of()));
        assertTrue(missing.getMessage().contains("nowhere: folder not found"), missing.getMessage());
        Files.createDirectories(dir.resolve("bare"));
        DataException bare = assertThrows(DataException.class, () -> open(dir.resolve("bare"), Map.of()));
        assertTrue(bare.getMessage().contains("holds no sub-folders"), bare.getMessage());
    }

    @Test
    void naturalOrderComparesNumbersByValue() {
        assertTrue(FrameFoldersReader.natural("f2.png", "f10.png") < 0);
        assertTrue(FrameFoldersReader.natural("f010.png", "f9.png") > 0);
        assertTrue(FrameFoldersReader.natural("a.png", "b.png") < 0);
        assertTrue(FrameFoldersReader.natural("f02.png", "f2.png") != 0, "distinct names never tie");
        assertEquals(0, FrameFoldersReader.natural("same", "same"));
    }
}
