package io.xmodal.video.internal;

import io.xmodal.api.data.DataException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The header of a NumPy {@code .npy} file, parsed by hand and strictly (format versions 1.0, 2.0 and 3.0):
 * the magic {@code \x93NUMPY}, the major and minor version bytes, the header length (2 bytes little-endian
 * in version 1, 4 bytes in 2 and 3), then a Python dict literal (ASCII, UTF-8 in version 3) with exactly
 * the keys {@code descr}, {@code fortran_order} and {@code shape}. Accepted dtypes: unsigned bytes
 * ({@code |u1}) and little- or big-endian float32 and float64 ({@code <f4 >f4 <f8 >f8}); fortran order
 * is refused. The data must be exactly the product of the shape times the item size.
 *
 * @param file       the file, for messages
 * @param version    "1.0", "2.0" or "3.0"
 * @param dtype      the descr as written, e.g. {@code <f4}
 * @param itemSize   1, 4 or 8
 * @param isFloat    false for unsigned bytes
 * @param order      the byte order of multi-byte items
 * @param shape      the dimensions, C order
 * @param dataOffset where the data starts
 */
record NpyHeader(Path file, String version, String dtype, int itemSize, boolean isFloat, ByteOrder order,
                 long[] shape, long dataOffset) {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** The longest header accepted (numpy's own readers refuse more than 10000 bytes by default). */
    private static final long MAX_HEADER = 1 << 16;
    private static final String FIX_DTYPE = "save it as uint8 or float32, e.g. numpy.save(path, a.astype(numpy.float32))";

    /** Number of items: the product of the shape. */
    long items() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** Reads and checks the header of {@code file}, and that the file holds exactly the data it announces. */
    static NpyHeader read(Path file) throws DataException {
        if (!Files.isRegularFile(file)) {
            throw new DataException(file, (Files.exists(file) ? "is not a file" : "file not found")
                    + "; set path: to a NumPy .npy file such as mnist_test_seq.npy");
        }
        long fileSize;
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            fileSize = Files.size(file);
            head = in.readNBytes(12);
            if (head.length < 10 || !startsWithMagic(head)) {
                throw new DataException(file, "not a NumPy .npy file (first bytes " + hex(head)
                        + ", expected 93 4e 55 4d 50 59 = \\x93NUMPY); write it with numpy.save");
            }
            int major = head[6] & 0xff;
            int minor = head[7] & 0xff;
            if (major < 1 || major > 3 || minor != 0) {
                throw new DataException(file, ".npy format version " + major + "." + minor
                        + " is not supported (1.0, 2.0 and 3.0 are); write it with numpy.save");
            }
            int prefix = major == 1 ? 10 : 12;
            if (head.length < prefix) {
                throw new DataException(file, "truncated: " + head.length + " bytes, shorter than the " + prefix + "-byte preamble");
            }
            long headerLength = major == 1
                    ? (head[8] & 0xff) | ((head[9] & 0xff) << 8)
                    : (head[8] & 0xffL) | ((head[9] & 0xffL) << 8) | ((head[10] & 0xffL) << 16) | ((head[11] & 0xffL) << 24);
            if (headerLength > MAX_HEADER) {
                throw new DataException(file, "the header claims " + headerLength + " bytes; numpy writes a few hundred at most, "
                        + "so the file is corrupt; write it again with numpy.save");
            }
            if (prefix + headerLength > fileSize) {
                throw new DataException(file, "truncated: the header says it is " + headerLength + " bytes, but the file has "
                        + fileSize + " bytes in all");
            }
            byte[] text = new byte[(int) headerLength];
            System.arraycopy(head, prefix, text, 0, Math.max(0, Math.min(head.length - prefix, text.length)));
            int have = Math.max(0, head.length - prefix);
            if (have < text.length) {
                byte[] rest = in.readNBytes(text.length - have);
                System.arraycopy(rest, 0, text, have, rest.length);
            }
            String dict = new String(text, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            if (major < 3) {
                for (int i = 0; i < text.length; i++) {
                    if (text[i] < 0) {
                        throw new DataException(file, "the header holds a non-ASCII byte at " + (prefix + i)
                                + ", which format " + major + ".0 does not allow; write the file with numpy.save");
                    }
                }
            }
            return of(file, major + ".0", dict, prefix + headerLength, fileSize);
        } catch (IOException e) {
            throw new DataException(file, "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static NpyHeader of(Path file, String version, String dict, long dataOffset, long fileSize) throws DataException {
        Map<String, Object> keys = new DictParser(file, dict).parse();
        for (String k : keys.keySet()) {
            if (!k.equals("descr") && !k.equals("fortran_order") && !k.equals("shape")) {
                throw new DataException(file, "the header has an unknown key '" + k + "' (a .npy header has exactly descr, "
                        + "fortran_order and shape); write the file with numpy.save");
            }
        }
        for (String k : List.of("descr", "fortran_order", "shape")) {
            if (!keys.containsKey(k)) {
                throw new DataException(file, "the header lacks '" + k + "' (header: " + dict.trim() + "); write the file with numpy.save");
            }
        }
        if (!(keys.get("descr") instanceof String descr)) {
            throw new DataException(file, "descr " + keys.get("descr") + " is a structured dtype, which is not supported; " + FIX_DTYPE);
        }
        if (!(keys.get("fortran_order") instanceof Boolean fortran)) {
            throw new DataException(file, "fortran_order must be True or False, not " + keys.get("fortran_order"));
        }
        if (fortran) {
            throw new DataException(file, "the array is stored in Fortran (column-major) order, which is not supported; "
                    + "re-save it in C order: numpy.save(path, numpy.ascontiguousarray(a))");
        }
        if (!(keys.get("shape") instanceof long[] shape)) {
            throw new DataException(file, "shape must be a tuple of integers, not " + keys.get("shape"));
        }
        int itemSize;
        boolean isFloat;
        ByteOrder order;
        switch (descr) {
            case "|u1", "<u1", ">u1" -> {
                itemSize = 1;
                isFloat = false;
                order = ByteOrder.LITTLE_ENDIAN;
            }
            case "<f4", ">f4", "<f8", ">f8" -> {
                itemSize = descr.charAt(2) == '4' ? 4 : 8;
                isFloat = true;
                order = descr.charAt(0) == '<' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            }
            default -> throw new DataException(file, "dtype '" + descr + "' (" + describe(descr) + ") is not supported; "
                    + "uint8 (|u1) and float32/float64 (<f4 >f4 <f8 >f8) are; " + FIX_DTYPE);
        }
        long items = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new DataException(file, "shape " + shapeText(shape) + " has a negative dimension");
            }
            items = Math.multiplyExact(items, d);
        }
        long expected = Math.multiplyExact(items, itemSize);
        long data = fileSize - dataOffset;
        if (data != expected) {
            throw new DataException(file, "holds " + data + " bytes of data after its " + dataOffset + "-byte header, expected "
                    + shapeText(shape) + " x " + itemSize + " = " + expected + " bytes; the file is "
                    + (data < expected ? "truncated" : "longer than its header says") + "; write it again with numpy.save");
        }
        return new NpyHeader(file, version, descr, itemSize, isFloat, order, shape, dataOffset);
    }

    static String shapeText(long[] shape) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return s.append(shape.length == 1 ? ",)" : ")").toString();
    }

    private static String describe(String descr) {
        String body = descr.replaceAll("^[<>|=]", "");
        String bytes = body.length() > 1 ? ", " + body.substring(1) + " bytes" : "";
        return switch (body.isEmpty() ? '?' : body.charAt(0)) {
            case 'i' -> "signed integer" + bytes;
            case 'u' -> "unsigned integer" + bytes;
            case 'f' -> "float" + bytes;
            case 'b' -> "boolean";
            case 'c' -> "complex" + bytes;
            case 'U', 'S' -> "string";
            case 'O' -> "Python objects";
            default -> "unknown kind";
        };
    }

    private static boolean startsWithMagic(byte[] b) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (b[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static String hex(byte[] b) {
        if (b.length == 0) {
            return "none, the file is empty";
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(6, b.length); i++) {
            s.append(i == 0 ? "" : " ").append(String.format("%02x", b[i] & 0xff));
        }
        return s.toString();
    }

    /**
     * The header's dict literal: {@code {'key': value, ...}} with string keys and values that are quoted
     * strings, True/False or tuples of non-negative integers, optional trailing commas, and the padding of
     * spaces and the final newline numpy writes. Anything else is an error naming the column.
     */
    private static final class DictParser {
        private final Path file;
        private final String s;
        private int at;

        DictParser(Path file, String s) {
            this.file = file;
            this.s = s;
        }

        Map<String, Object> parse() throws DataException {
            Map<String, Object> out = new LinkedHashMap<>();
            skip();
            expect('{');
            skip();
            while (peek() != '}') {
                String key = string();
                skip();
                expect(':');
                skip();
                Object value = value();
                if (out.put(key, value) != null) {
                    throw error("key '" + key + "' appears twice");
                }
                skip();
                if (peek() == ',') {
                    at++;
                    skip();
                } else if (peek() != '}') {
                    throw error("expected ',' or '}'");
                }
            }
            at++;
            skip();
            if (at != s.length()) {
                throw error("unexpected text after the dict");
            }
            return out;
        }

        private Object value() throws DataException {
            char c = peek();
            if (c == '\'' || c == '"') {
                return string();
            }
            if (c == '(') {
                at++;
                List<Long> dims = new ArrayList<>();
                skip();
                while (peek() != ')') {
                    int start = at;
                    while (at < s.length() && Character.isDigit(s.charAt(at))) {
                        at++;
                    }
                    if (start == at) {
                        throw error("expected a non-negative integer in the shape");
                    }
                    try {
                        dims.add(Long.parseLong(s.substring(start, at)));
                    } catch (NumberFormatException e) {
                        throw error("dimension " + s.substring(start, at) + " is too large");
                    }
                    if (peek() == 'L') {
                        at++; // Python 2 long literal, as old numpy wrote
                    }
                    skip();
                    if (peek() == ',') {
                        at++;
                        skip();
                    } else if (peek() != ')') {
                        throw error("expected ',' or ')' in the shape");
                    }
                }
                at++;
                return dims.stream().mapToLong(Long::longValue).toArray();
            }
            if (s.startsWith("True", at)) {
                at += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("False", at)) {
                at += 5;
                return Boolean.FALSE;
            }
            if (c == '[') {
                int depth = 0;
                int start = at;
                do {
                    char x = peek();
                    depth += x == '[' ? 1 : x == ']' ? -1 : 0;
                    at++;
                } while (depth > 0);
                return List.of(s.substring(start, at));
            }
            throw error("expected a string, True, False or a tuple");
        }

        private String string() throws DataException {
            char q = peek();
            if (q != '\'' && q != '"') {
                throw error("expected a quoted key");
            }
            int end = s.indexOf(q, at + 1);
            if (end < 0) {
                throw error("unterminated string");
            }
            String v = s.substring(at + 1, end);
            at = end + 1;
            return v;
        }

        private void skip() {
            while (at < s.length() && (s.charAt(at) == ' ' || s.charAt(at) == '\n' || s.charAt(at) == '\t' || s.charAt(at) == '\r')) {
                at++;
            }
        }

        private char peek() throws DataException {
            if (at >= s.length()) {
                throw error("the header ends early");
            }
            return s.charAt(at);
        }

        private void expect(char c) throws DataException {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            at++;
        }

        private DataException error(String what) {
            String shown = s.strip();
            return new DataException(file, "bad .npy header at column " + (at + 1) + ": " + what + " (header: "
                    + (shown.length() > 120 ? shown.substring(0, 120) + "..." : shown) + "); write the file with numpy.save");
        }
    }
}
