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

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class NpyVideoReaderTest {
    private static final int T = 6;
    private static final int N = 3;
    private static final int H = 4;
    private static final int W = 5;

    @TempDir
    Path dir;
    private final NpyVideoReader reader = new NpyVideoReader();

    /** The value of pixel (clip n, frame t, row y, column x), distinct everywhere, in 0..255. */
    private static int value(int n, int t, int y, int x) {
        return (n * 61 + t * 17 + y * 5 + x) % 256;
    }

    /** A .npy file: magic, version, header length, the header padded to 64 bytes with a newline, then data. */
    static byte[] npy(int major, String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        int prefix = major == 1 ? 10 : 12;
        int total = (prefix + h.length + 1 + 63) / 64 * 64;
        int len = total - prefix;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x93);
        out.writeBytes("NUMPY".getBytes(StandardCharsets.US_ASCII));
        out.write(major);
        out.write(0);
        out.write(len & 0xff);
        out.write((len >> 8) & 0xff);
        if (major > 1) {
            out.write((len >> 16) & 0xff);
            out.write((len >> 24) & 0xff);
        }
        out.writeBytes(h);
        for (int i = h.length; i < len - 1; i++) {
            out.write(' ');
        }
        out.write('\n');
        out.writeBytes(data);
        return out.toByteArray();
    }

    /** The clips as values of {@code itemSize} bytes in {@code order}, layout (T, N, H, W) or (N, T, H, W). */
    private static byte[] data(boolean timeFirst, int itemSize, ByteOrder order, double scale) {
        ByteBuffer b = ByteBuffer.allocate(T * N * H * W * itemSize).order(order);
        for (int a = 0; a < (timeFirst ? T : N); a++) {
            for (int c = 0; c < (timeFirst ? N : T); c++) {
                for (int y = 0; y < H; y++) {
                    for (int x = 0; x < W; x++) {
                        int v = timeFirst ? value(c, a, y, x) : value(a, c, y, x);
                        switch (itemSize) {
                            case 1 -> b.put((byte) v);
                            case 4 -> b.putFloat((float) (v * scale));
                            default -> b.putDouble(v * scale);
                        }
                    }
                }
            }
        }
        return b.array();
    }

    private static String header(String descr, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    }

    private Dataset open(Path file, Map<String, Object> more) throws DataException {
        Map<String, Object> p = new HashMap<>(Map.of("path", file.toString(), "input-frames", 2, "target-frames", 1, "stride", 1));
        p.putAll(more);
        return reader.open(new TestDataContext(1), Params.defaults(reader.spec(), p));
    }

    private Path write(String name, byte[] bytes) throws Exception {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    /** Every window of every clip holds the frames the file holds, scaled to [0, 1]. */
    private static void checkWindows(Dataset ds, float tolerance) throws Exception {
        assertEquals(Signature.of(Modality.FRAMES, 2, 1, H, W), ds.modalities().get("frames"));
        assertEquals(Signature.of(Modality.FRAMES, 1, 1, H, W), ds.modalities().get("next"));
        assertEquals(N * (T - 2), ds.size(), "windows of 2 + 1 at stride 1 in 6 frames: 4 a clip");
        for (long i = 0; i < ds.size(); i++) {
            int n = (int) (i / (T - 2));
            int s = (int) (i % (T - 2));
            Sample sample = ds.get(i);
            float[] frames = sample.get("frames");
            float[] next = sample.get("next");
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    assertEquals(value(n, s, y, x) / 255f, frames[y * W + x], tolerance);
                    assertEquals(value(n, s + 1, y, x) / 255f, frames[H * W + y * W + x], tolerance);
                    assertEquals(value(n, s + 2, y, x) / 255f, next[y * W + x], tolerance);
                }
            }
            assertEquals("clip-0000" + n, ds.group(i));
        }
    }

    @Test
    void readsUint8TimeFirstAsThePublishedFile() throws Exception {
        Path f = write("mm.npy", npy(1, header("|u1", "(6, 3, 4, 5)"), data(true, 1, ByteOrder.LITTLE_ENDIAN, 1)));
        Dataset ds = open(f, Map.of());
        checkWindows(ds, 0f);
        assertEquals("clip-00001@2", ds.get(6).id());
        assertEquals("mm.npy #1 frames 2..4", ds.get(6).source());
    }

    @Test
    void readsFloatsOfEitherByteOrderAndBothLayoutsAndVersions() throws Exception {
        double s = 1 / 255.0;
        checkWindows(open(write("a.npy", npy(1, header("<f4", "(6, 3, 4, 5)"), data(true, 4, ByteOrder.LITTLE_ENDIAN, s))), Map.of()), 1e-7f);
        checkWindows(open(write("b.npy", npy(2, header(">f4", "(6, 3, 4, 5)"), data(true, 4, ByteOrder.BIG_ENDIAN, s))), Map.of()), 1e-7f);
        checkWindows(open(write("c.npy", npy(3, header("<f8", "(3, 6, 4, 5)"), data(false, 8, ByteOrder.LITTLE_ENDIAN, s))),
                Map.of("layout", "nthw")), 1e-7f);
        checkWindows(open(write("d.npy", npy(1, header(">f8", "(3, 6, 4, 5)"), data(false, 8, ByteOrder.BIG_ENDIAN, s))),
                Map.of("layout", "nthw")), 1e-7f);
        // stored as 0..255 floats, scaled by the parameter
        checkWindows(open(write("e.npy", npy(1, header("<f4", "(6, 3, 4, 5)"), data(true, 4, ByteOrder.LITTLE_ENDIAN, 1))),
                Map.of("scale", 1 / 255.0)), 1e-6f);
        // a double-quoted header and a Python 2 long still parse
        checkWindows(open(write("f.npy", npy(1, "{\"descr\": \"|u1\", \"fortran_order\": False, \"shape\": (6L, 3L, 4L, 5L)}",
                data(true, 1, ByteOrder.LITTLE_ENDIAN, 1))), Map.of()), 0f);
    }

    @Test
    void limitKeepsTheFirstClips() throws Exception {
        Dataset ds = open(write("mm.npy", npy(1, header("|u1", "(6, 3, 4, 5)"), data(true, 1, ByteOrder.LITTLE_ENDIAN, 1))),
                Map.of("limit", 2, "stride", 0, "input-frames", 3, "target-frames", 3));
        assertEquals(2, ds.size());
        assertEquals("clip-00001@0", ds.get(1).id());
    }

    private String refused(String name, byte[] bytes, Map<String, Object> params) throws Exception {
        Path f = write(name, bytes);
        DataException e = assertThrows(DataException.class, () -> open(f, params));
        assertTrue(e.getMessage().startsWith(f.toString() + ": "), "the message names the file: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void badFilesAreRefusedWithTheReasonAndTheFix() throws Exception {
        byte[] u8 = data(true, 1, ByteOrder.LITTLE_ENDIAN, 1);
        String m;
        m = refused("magic.npy", "PK\3\4 not numpy at all".getBytes(StandardCharsets.US_ASCII), Map.of());
        assertTrue(m.contains("not a NumPy .npy file (first bytes 50 4b 03 04 20 6e"), m);
        byte[] v4 = npy(1, header("|u1", "(6, 3, 4, 5)"), u8);
        v4[6] = 4;
        m = refused("v4.npy", v4, Map.of());
        assertTrue(m.contains(".npy format version 4.0 is not supported (1.0, 2.0 and 3.0 are)"), m);
        m = refused("fortran.npy", npy(1, "{'descr': '|u1', 'fortran_order': True, 'shape': (6, 3, 4, 5), }", u8), Map.of());
        assertTrue(m.contains("Fortran (column-major) order") && m.contains("numpy.ascontiguousarray"), m);
        m = refused("int64.npy", npy(1, header("<i8", "(6, 3, 4, 5)"), new byte[u8.length * 8]), Map.of());
        assertTrue(m.contains("dtype '<i8' (signed integer, 8 bytes) is not supported") && m.contains("astype(numpy.float32)"), m);
        m = refused("f2.npy", npy(1, header("<f2", "(6, 3, 4, 5)"), new byte[u8.length * 2]), Map.of());
        assertTrue(m.contains("dtype '<f2' (float, 2 bytes) is not supported"), m);
        m = refused("struct.npy", npy(1, "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (6, 3, 4, 5), }", u8), Map.of());
        assertTrue(m.contains("structured dtype"), m);
        m = refused("short.npy", npy(1, header("|u1", "(6, 3, 4, 5)"), Arrays.copyOf(u8, u8.length - 7)), Map.of());
        assertTrue(m.contains("holds 353 bytes of data") && m.contains("expected (6, 3, 4, 5) x 1 = 360 bytes; the file is truncated"), m);
        m = refused("long.npy", npy(1, header("|u1", "(6, 3, 4, 5)"), Arrays.copyOf(u8, u8.length + 1)), Map.of());
        assertTrue(m.contains("longer than its header says"), m);
        m = refused("rank3.npy", npy(1, header("|u1", "(18, 4, 5)"), u8), Map.of());
        assertTrue(m.contains("shape (18, 4, 5) has 3 dimensions; npy-video needs 4"), m);
        m = refused("nokey.npy", npy(1, "{'descr': '|u1', 'shape': (6, 3, 4, 5), }", u8), Map.of());
        assertTrue(m.contains("the header lacks 'fortran_order'"), m);
        m = refused("extra.npy", npy(1, "{'descr': '|u1', 'fortran_order': False, 'shape': (6, 3, 4, 5), 'x': 1}", u8), Map.of());
        assertTrue(m.contains("bad .npy header at column") || m.contains("unknown key 'x'"), m);
        m = refused("syntax.npy", npy(1, "{'descr': '|u1', 'fortran_order': False, 'shape': (6, 3, 4 5), }", u8), Map.of());
        assertTrue(m.contains("bad .npy header at column 60: expected ',' or ')' in the shape"), m);
        byte[] huge = npy(2, header("|u1", "(6, 3, 4, 5)"), u8);
        huge[11] = 0x10;
        m = refused("huge.npy", huge, Map.of());
        assertTrue(m.contains("the header claims 268435572 bytes") && m.contains("corrupt"), m);
        m = refused("cut.npy", Arrays.copyOf(npy(1, header("|u1", "(6, 3, 4, 5)"), u8), 40), Map.of());
        assertTrue(m.contains("truncated: the header says it is 118 bytes"), m);
        Path few = write("few.npy", npy(1, header("|u1", "(6, 3, 4, 5)"), u8));
        m = assertThrows(DataException.class, () -> open(few, Map.of("input-frames", 5, "target-frames", 2))).getMessage();
        assertTrue(m.contains("npy-video: clip few.npy #0 has 6 frames, fewer than input-frames 5 + target-frames 2 = 7"), m);
        DataException missing = assertThrows(DataException.class, () -> open(dir.resolve("none.npy"), Map.of()));
        assertTrue(missing.getMessage().contains("none.npy: file not found; set path: to a NumPy .npy file"), missing.getMessage());
    }

    /** numpy's own files, when python3 with numpy is here (skipped otherwise: it must not be required). */
    @Test
    void readsFilesWrittenByNumpy() throws Exception {
        Path script = dir.resolve("w.py");
        Files.writeString(script, String.join("\n",
                "import numpy as np, sys",
                "n, t, h, w = 3, 6, 4, 5",
                "a = np.zeros((n, t, h, w), dtype=np.int64)",
                "for i in range(n):",
                "  for j in range(t):",
                "    for y in range(h):",
                "      for x in range(w):",
                "        a[i, j, y, x] = (i * 61 + j * 17 + y * 5 + x) % 256",
                "np.save(sys.argv[1] + '/u8.npy', a.transpose(1, 0, 2, 3).astype(np.uint8))",
                "np.save(sys.argv[1] + '/f4.npy', (a / 255.0).astype('>f4'))",
                "np.save(sys.argv[1] + '/f8.npy', a / 255.0)",
                "np.save(sys.argv[1] + '/fortran.npy', np.asfortranarray(a.astype(np.uint8)))",
                ""));
        int rc;
        try {
            Process p = new ProcessBuilder("python3", script.toString(), dir.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            rc = p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (java.io.IOException e) {
            rc = -1;
        }
        assumeTrue(rc == 0, "python3 with numpy is not available");
        checkWindows(open(dir.resolve("u8.npy"), Map.of()), 0f);
        checkWindows(open(dir.resolve("f4.npy"), Map.of("layout", "nthw")), 1e-7f);
        checkWindows(open(dir.resolve("f8.npy"), Map.of("layout", "nthw")), 1e-7f);
        DataException e = assertThrows(DataException.class, () -> open(dir.resolve("fortran.npy"), Map.of("layout", "nthw")));
        assertTrue(e.getMessage().contains("Fortran"), e.getMessage());
    }
}
