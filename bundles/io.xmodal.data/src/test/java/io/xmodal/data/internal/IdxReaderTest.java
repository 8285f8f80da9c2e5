package io.xmodal.data.internal;

import io.xmodal.testing.TestDataContext;
import io.xmodal.api.Modality;
import io.xmodal.api.Params;
import io.xmodal.api.Signature;
import io.xmodal.api.data.DataException;
import io.xmodal.api.data.Dataset;
import io.xmodal.api.data.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdxReaderTest {
    private static final int N = 5;
    private static final int H = 6;
    private static final int W = 4;
    private static final byte[] LABELS = {3, 0, 7, 3, 1};

    @TempDir
    Path dir;
    private final IdxReader reader = new IdxReader();
    private final TestDataContext ctx = new TestDataContext(1);

    /** An IDX file: the magic, the sizes, then {@code data} (whose length need not match, for bad files). */
    private static byte[] idx(int magic, int[] dims, byte[] data) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(magic);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(data);
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] plain) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(plain);
        }
        return bytes.toByteArray();
    }

    /** Pixel p of image i is (17 i + p) mod 256, so every image differs. */
    private static byte[] pixels() {
        byte[] px = new byte[N * H * W];
        for (int i = 0; i < N; i++) {
            for (int p = 0; p < H * W; p++) {
                px[i * H * W + p] = (byte) (17 * i + p * 9);
            }
        }
        return px;
    }

    private Path file(String name, byte[] content) throws Exception {
        return Files.write(dir.resolve(name), content);
    }

    private Dataset open(Path images, Path labels, Object... more) throws DataException {
        Map<String, Object> with = new HashMap<>();
        with.put("images", images == null ? null : images.toString());
        with.put("labels", labels == null ? "" : labels.toString());
        for (int i = 0; i < more.length; i += 2) {
            with.put((String) more[i], more[i + 1]);
        }
        return reader.open(ctx, Params.defaults(reader.spec(), with));
    }

    private String failure(Path images, Path labels) {
        return assertThrows(DataException.class, () -> open(images, labels)).getMessage();
    }

    private void checkRoundTrip(Dataset d) throws Exception {
        assertEquals(N, d.size());
        assertEquals(Signature.of(Modality.IMAGE, 1, H, W), d.modalities().get("image"));
        assertEquals(Signature.of(Modality.LABEL, 8), d.modalities().get("label"));
        byte[] px = pixels();
        for (int i = 0; i < N; i++) {
            Sample s = d.get(i);
            float[] img = s.get("image");
            for (int p = 0; p < H * W; p++) {
                assertEquals((px[i * H * W + p] & 0xff) / 255f, img[p], 0f);
            }
            assertArrayEquals(new float[] {LABELS[i]}, s.get("label"));
        }
        assertEquals("idx-00002", d.get(2).id());
    }

    @Test
    void plainRoundTrip() throws Exception {
        Path images = file("train-images-idx3-ubyte", idx(0x803, new int[] {N, H, W}, pixels()));
        Path labels = file("train-labels-idx1-ubyte", idx(0x801, new int[] {N}, LABELS));
        checkRoundTrip(open(images, labels));
        assertEquals("train-images-idx3-ubyte #4", open(images, labels).get(4).source());
        assertTrue(ctx.lines().get(0).contains("5 images of 6x4") && ctx.lines().get(0).contains("8 classes"), ctx.lines().toString());
    }

    @Test
    void gzipIsDetectedByItsMagicNotItsName() throws Exception {
        Path images = file("images.bin", gzip(idx(0x803, new int[] {N, H, W}, pixels())));
        Path labels = file("labels.gz", gzip(idx(0x801, new int[] {N}, LABELS)));
        checkRoundTrip(open(images, labels));
        Path plainNamedGz = file("plain.gz", idx(0x803, new int[] {N, H, W}, pixels()));
        assertEquals(N, open(plainNamedGz, null).size());
    }

    @Test
    void limitResizeAndImagesAlone() throws Exception {
        Path images = file("i", idx(0x803, new int[] {N, H, W}, pixels()));
        Dataset d = open(images, null, "limit", 2, "image-size", 3);
        assertEquals(2, d.size());
        assertEquals(Map.of("image", Signature.of(Modality.IMAGE, 1, 3, 3)), d.modalities());
        assertEquals(9, d.get(1).get("image").length);
        assertFalse(d.get(0).values().containsKey("label"));
        // a constant image stays constant through resizing
        byte[] grey = new byte[2 * 8 * 8];
        Arrays.fill(grey, (byte) 200);
        Dataset up = open(file("g", idx(0x803, new int[] {2, 8, 8}, grey)), null, "image-size", 11);
        for (float v : up.get(1).get("image")) {
            assertEquals(200 / 255f, v, 1e-6);
        }
        Path allZero = file("z", idx(0x801, new int[] {N}, new byte[N]));
        assertEquals(Signature.of(Modality.LABEL, 2), open(images, allZero).modalities().get("label"));
    }

    @Test
    void headerErrors() throws Exception {
        Path images = file("train-images.gz", gzip(idx(0x803, new int[] {N, H, W}, pixels())));
        Path labels = file("train-labels.gz", gzip(idx(0x801, new int[] {N}, LABELS)));
        assertTrue(failure(labels, null).endsWith("train-labels.gz: IDX magic 0x00000801 is a label file; give it as labels:"));
        assertTrue(failure(images, images).endsWith("train-images.gz: IDX magic 0x00000803 is an image file; give it as images:"));

        String truncated = failure(file("t", idx(0x803, new int[] {N, H, W}, Arrays.copyOf(pixels(), 100))), null);
        assertTrue(truncated.endsWith("t: holds 100 bytes of data after the 16-byte header, expected 5 x 6 x 4 = 120; "
                + "the file is truncated or the header is wrong"), truncated);
        String longer = failure(file("l.gz", gzip(idx(0x803, new int[] {N, H, W}, Arrays.copyOf(pixels(), 121)))), null);
        assertTrue(longer.contains("holds 121 bytes of data (after gunzip)") && longer.contains("longer than its header says"), longer);
        String zero = failure(file("zero", idx(0x803, new int[] {N, 0, W}, new byte[0])), null);
        assertTrue(zero.contains("dimension 2 of the header is 0"), zero);
        String negative = failure(file("neg", idx(0x803, new int[] {-1, H, W}, new byte[0])), null);
        assertTrue(negative.contains("dimension 1 of the header is 4294967295"), negative);
        String floats = failure(file("f", idx(0x0D03, new int[] {N, H, W}, new byte[0])), null);
        assertTrue(floats.contains("IDX data type 0x0D (float) is not supported"), floats);
        String png = failure(file("p.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}), null);
        assertTrue(png.contains("p.png: not an IDX file (magic 0x89504E47)"), png);
        String rank = failure(file("r4", idx(0x804, new int[] {N, H, W, 1}, pixels())), null);
        assertTrue(rank.contains("IDX magic 0x00000804 has 4 dimensions"), rank);
        String shortFile = failure(file("s", new byte[] {0, 0}), null);
        assertTrue(shortFile.contains("only 2 bytes"), shortFile);
        byte[] gz = gzip(idx(0x803, new int[] {N, H, W}, pixels()));
        String badGz = failure(file("bad.gz", Arrays.copyOf(gz, gz.length / 2)), null);
        assertTrue(badGz.contains("bad.gz: gzip data is corrupt or truncated"), badGz);
    }

    @Test
    void countsMustAgreeAndFilesMustExist() throws Exception {
        Path images = file("i", idx(0x803, new int[] {N, H, W}, pixels()));
        Path four = file("four", idx(0x801, new int[] {4}, Arrays.copyOf(LABELS, 4)));
        String m = failure(images, four);
        assertTrue(m.endsWith("four: holds 4 labels but i holds 5 images; give the label file that belongs to the images"), m);
        assertTrue(failure(dir.resolve("nope.gz"), null).contains("nope.gz: file not found; set images:"));
        assertTrue(failure(images, dir.resolve("nolabels")).contains("nolabels: file not found; set labels:"));
        assertTrue(failure(null, null).contains("idx: set images:"));
    }
}
