package io.xmodal.data.io;

import io.xmodal.api.data.DataException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * One IDX file (the MNIST format), read whole and checked strictly: a 4-byte magic {@code 00 00 TT DD}
 * (TT the data type, only 0x08 unsigned byte is accepted; DD the number of dimensions), DD big-endian
 * positive int32 sizes, then exactly the product of the sizes in bytes. A gzipped file is recognised by
 * its first two bytes (1f 8b), whatever its name, and checked after decompression.
 *
 * @param path   the file
 * @param dims   the sizes, the first being the number of items
 * @param data   the bytes after the header, exactly the product of {@code dims}
 */
public record IdxFile(Path path, int[] dims, byte[] data) {
    /** Magic of an image file: unsigned bytes, 3 dimensions (count, rows, columns). */
    public static final int IMAGES = 0x00000803;
    /** Magic of a label file: unsigned bytes, 1 dimension (count). */
    public static final int LABELS = 0x00000801;

    /** Number of items (the first dimension). */
    public int count() {
        return dims[0];
    }

    /**
     * Reads {@code path} and checks that its magic is {@code expected} ({@link #IMAGES} or {@link #LABELS}).
     *
     * @param param the descriptor parameter that named the file, for messages
     */
    public static IdxFile read(Path path, int expected, String param) throws DataException {
        if (!Files.isRegularFile(path)) {
            throw new DataException(path, (Files.exists(path) ? "is not a file" : "file not found")
                    + "; set " + param + ": to an IDX file such as "
                    + (expected == IMAGES ? "train-images-idx3-ubyte.gz" : "train-labels-idx1-ubyte.gz"));
        }
        byte[] bytes;
        boolean gzip;
        try {
            bytes = Files.readAllBytes(path);
            gzip = bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
            if (gzip) {
                try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                    bytes = in.readAllBytes();
                } catch (IOException e) {
                    throw new DataException(path, "gzip data is corrupt or truncated (" + e.getMessage()
                            + "); download the file again", e);
                }
            }
        } catch (IOException e) {
            throw new DataException(path, "cannot be read (" + e.getMessage() + ")", e);
        }
        String what = gzip ? " (after gunzip)" : "";
        if (bytes.length < 4) {
            throw new DataException(path, "only " + bytes.length + " bytes" + what + "; an IDX file starts with a 4-byte magic");
        }
        int magic = readInt(bytes, 0);
        if ((bytes[0] | bytes[1]) != 0) {
            throw new DataException(path, "not an IDX file" + what + " (magic " + hex(magic) + "); expected "
                    + hex(expected) + " as in MNIST");
        }
        int type = bytes[2] & 0xff;
        if (type != 0x08) {
            throw new DataException(path, "IDX data type 0x" + String.format("%02X", type) + " (" + typeName(type)
                    + ") is not supported; only unsigned bytes (0x08) as in MNIST");
        }
        if (magic != expected) {
            if (magic == LABELS) {
                throw new DataException(path, "IDX magic " + hex(magic) + " is a label file; give it as labels:");
            }
            if (magic == IMAGES) {
                throw new DataException(path, "IDX magic " + hex(magic) + " is an image file; give it as images:");
            }
            throw new DataException(path, "IDX magic " + hex(magic) + " has " + (magic & 0xff) + " dimensions; "
                    + param + ": needs " + hex(expected) + " (" + (expected & 0xff) + " dimensions)");
        }
        int rank = magic & 0xff;
        int header = 4 + 4 * rank;
        if (bytes.length < header) {
            throw new DataException(path, "only " + bytes.length + " bytes" + what + ", shorter than its " + header
                    + "-byte header; the file is truncated");
        }
        int[] dims = new int[rank];
        long product = 1;
        for (int d = 0; d < rank; d++) {
            dims[d] = readInt(bytes, 4 + 4 * d);
            if (dims[d] <= 0) {
                throw new DataException(path, "dimension " + (d + 1) + " of the header is " + Integer.toUnsignedString(dims[d])
                        + "; IDX sizes must be positive int32 values");
            }
            product *= dims[d];
        }
        long data = bytes.length - (long) header;
        if (data != product) {
            throw new DataException(path, "holds " + data + " bytes of data" + what + " after the " + header
                    + "-byte header, expected " + dimsText(dims) + " = " + product + "; the file is "
                    + (data < product ? "truncated" : "longer than its header says") + " or the header is wrong");
        }
        return new IdxFile(path, dims, Arrays.copyOfRange(bytes, header, bytes.length));
    }

    public static String dimsText(int[] dims) {
        StringBuilder s = new StringBuilder();
        for (int d : dims) {
            s.append(s.length() == 0 ? "" : " x ").append(d);
        }
        return s.toString();
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    private static String hex(int v) {
        return String.format("0x%08X", v);
    }

    private static String typeName(int type) {
        return switch (type) {
            case 0x09 -> "signed byte";
            case 0x0B -> "short";
            case 0x0C -> "int";
            case 0x0D -> "float";
            case 0x0E -> "double";
            default -> "unknown";
        };
    }
}
