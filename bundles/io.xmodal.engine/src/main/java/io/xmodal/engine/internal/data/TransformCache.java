package io.xmodal.engine.internal.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Transformed values on disk: one file per cache key holding, per modality, every sample's values as
 * little-endian float32. Layout: magic {@code XMTC1}, modality count; per modality its name (UTF-8,
 * length-prefixed), sample count and values per sample, then the values. Written to a temporary
 * file and moved into place, so a reader never sees half a file.
 */
public final class TransformCache {
    private static final byte[] MAGIC = "XMTC1".getBytes(StandardCharsets.US_ASCII);

    private TransformCache() {
    }

    /** The hex SHA-256 of a text. */
    public static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes values (every sample of a modality has the same length). */
    public static void write(Path file, Map<String, float[][]> values) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer head = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
            head.put(MAGIC).putInt(values.size());
            for (Map.Entry<String, float[][]> e : values.entrySet()) {
                byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
                float[][] rows = e.getValue();
                head.putInt(name.length).put(name).putInt(rows.length).putInt(rows.length == 0 ? 0 : rows[0].length);
            }
            head.flip();
            writeFully(ch, head);
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            for (float[][] rows : values.values()) {
                for (float[] row : rows) {
                    int at = 0;
                    while (at < row.length) {
                        int n = Math.min(row.length - at, buf.remaining() / 4);
                        if (n == 0) {
                            buf.flip();
                            writeFully(ch, buf);
                            buf.clear();
                            continue;
                        }
                        buf.asFloatBuffer().put(row, at, n);
                        buf.position(buf.position() + n * 4);
                        at += n;
                    }
                }
            }
            buf.flip();
            writeFully(ch, buf);
            ch.force(false);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads the named modalities; null when the file does not exist.
     *
     * @throws IOException when the file exists but does not hold what is expected (damaged, other sizes)
     */
    public static Map<String, float[][]> read(Path file, List<String> names, int samples) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer all = ch.map(FileChannel.MapMode.READ_ONLY, 0, size).order(ByteOrder.LITTLE_ENDIAN);
            byte[] magic = new byte[MAGIC.length];
            all.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new IOException(file + " is not an xmodal transform cache");
            }
            int count = all.getInt();
            Map<String, int[]> layout = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                byte[] name = new byte[all.getInt()];
                all.get(name);
                layout.put(new String(name, StandardCharsets.UTF_8), new int[] {all.getInt(), all.getInt()});
            }
            if (!layout.keySet().containsAll(names)) {
                throw new IOException(file + " holds " + layout.keySet() + ", not " + names);
            }
            long offset = all.position();
            long expected = offset;
            for (int[] l : layout.values()) {
                expected += 4L * l[0] * l[1];
            }
            if (expected != size) {
                throw new IOException(file + " is " + size + " bytes, expected " + expected + " (damaged)");
            }
            Map<String, float[][]> out = new LinkedHashMap<>();
            for (Map.Entry<String, int[]> e : layout.entrySet()) {
                int n = e.getValue()[0];
                int width = e.getValue()[1];
                if (names.contains(e.getKey())) {
                    if (n != samples) {
                        throw new IOException(file + " has " + n + " samples of " + e.getKey() + ", expected " + samples);
                    }
                    float[][] rows = new float[n][width];
                    ByteBuffer part = all.duplicate().order(ByteOrder.LITTLE_ENDIAN);
                    part.position((int) offset);
                    java.nio.FloatBuffer fb = part.asFloatBuffer();
                    for (float[] row : rows) {
                        fb.get(row);
                    }
                    out.put(e.getKey(), rows);
                }
                offset += 4L * n * width;
            }
            return out;
        } catch (NoSuchFileException e) {
            return null;
        } catch (java.nio.BufferUnderflowException e) {
            throw new IOException(file + " is truncated", e);
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }
}
