package io.xmodal.audio.dsp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Reading and writing RIFF/WAVE files.
 *
 * <p>Read: format tags WAVE_FORMAT_PCM (1; 8-bit unsigned, 16-, 24- and 32-bit signed integers),
 * WAVE_FORMAT_IEEE_FLOAT (3; 32- and 64-bit) and WAVE_FORMAT_EXTENSIBLE (0xFFFE) with either of those
 * sub-formats; any number of channels, averaged to mono; any sample rate. Integers are scaled by
 * 1 / 2^(bits-1) (8-bit: (v - 128) / 128), floats are kept as stored. Chunks other than "fmt " and
 * "data" are skipped. Anything else is a {@link WavFormatException} naming the file and the problem.
 *
 * <p>Write: {@link #write(Path, Audio)} writes 16-bit PCM mono; {@link #write(Path, Audio, Encoding)}
 * any {@link Encoding}. Samples are clipped to [-1, 1] for integer encodings and rounded to the
 * nearest step of 1 / 2^(bits-1). The file appears atomically (written beside it, then moved).
 */
public final class Wav {

    /** Sample encodings that {@link #write(Path, Audio, Encoding)} can produce. */
    public enum Encoding {
        PCM_8(1, 8), PCM_16(1, 16), PCM_24(1, 24), PCM_32(1, 32), FLOAT_32(3, 32), FLOAT_64(3, 64);

        final int formatTag;
        final int bits;

        Encoding(int formatTag, int bits) {
            this.formatTag = formatTag;
            this.bits = bits;
        }

        public int bits() {
            return bits;
        }
    }

    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_IEEE_FLOAT = 3;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;
    /** Bytes 2..15 of every KSDATAFORMAT_SUBTYPE GUID for a WAVE format tag (the tag is bytes 0..1). */
    private static final byte[] SUBTYPE_GUID_TAIL = {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00,
            0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71};

    private Wav() {
    }

    /** The file's samples, mixed to mono. */
    public static Audio read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return parse(file, bytes);
    }

    /** Writes 16-bit PCM mono. */
    public static void write(Path file, Audio audio) throws IOException {
        write(file, audio, Encoding.PCM_16);
    }

    /** Writes mono in the given encoding. */
    public static void write(Path file, Audio audio, Encoding encoding) throws IOException {
        float[] x = audio.samples();
        int bytesPerSample = encoding.bits / 8;
        long dataBytes = (long) x.length * bytesPerSample;
        if (dataBytes + 46 > Integer.MAX_VALUE - 8) {
            throw new IOException(file + ": " + x.length + " samples of " + encoding + " exceed the 2 GiB this writer handles");
        }
        ByteBuffer b = ByteBuffer.allocate((int) (44 + dataBytes + (dataBytes & 1)))
                .order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'R', 'I', 'F', 'F'}).putInt((int) (36 + dataBytes + (dataBytes & 1)));
        b.put(new byte[] {'W', 'A', 'V', 'E'});
        b.put(new byte[] {'f', 'm', 't', ' '}).putInt(16);
        b.putShort((short) encoding.formatTag).putShort((short) 1).putInt(audio.sampleRate())
                .putInt(audio.sampleRate() * bytesPerSample).putShort((short) bytesPerSample).putShort((short) encoding.bits);
        b.put(new byte[] {'d', 'a', 't', 'a'}).putInt((int) dataBytes);
        for (float v : x) {
            switch (encoding) {
                case PCM_8 -> b.put((byte) (quantize(v, 128) + 128));
                case PCM_16 -> b.putShort((short) quantize(v, 32768));
                case PCM_24 -> {
                    long q = quantize(v, 8388608);
                    b.put((byte) q).put((byte) (q >> 8)).put((byte) (q >> 16));
                }
                case PCM_32 -> b.putInt((int) quantize(v, 2147483648L));
                case FLOAT_32 -> b.putFloat(v);
                case FLOAT_64 -> b.putDouble(v);
            }
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
        try {
            Files.write(tmp, b.array());
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** round(v * scale) clipped to [-scale, scale - 1]; NaN becomes 0. */
    private static long quantize(float v, long scale) {
        if (Float.isNaN(v)) {
            return 0;
        }
        long q = Math.round(v * (double) scale);
        return Math.max(-scale, Math.min(scale - 1, q));
    }

    static Audio parse(Path file, byte[] bytes) throws WavFormatException {
        if (bytes.length == 0) {
            throw new WavFormatException(file, "empty file (0 bytes), not a WAV file");
        }
        if (bytes.length < 12) {
            throw new WavFormatException(file, "only " + bytes.length + " bytes, too short for a RIFF/WAVE header (12 bytes)");
        }
        String riff = fourcc(bytes, 0);
        String wave = fourcc(bytes, 8);
        if (!riff.equals("RIFF") || !wave.equals("WAVE")) {
            if (riff.equals("RF64") || riff.equals("RIFX")) {
                throw new WavFormatException(file, "is a " + riff + " file; only little-endian RIFF/WAVE up to 4 GiB is supported");
            }
            throw new WavFormatException(file, "not a RIFF/WAVE file (starts with '" + printable(riff) + "' ... '"
                    + printable(wave) + "', expected 'RIFF' ... 'WAVE')");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int fmtAt = -1;
        int fmtSize = 0;
        int dataAt = -1;
        long dataSize = 0;
        int pos = 12;
        while (pos + 8 <= bytes.length) {
            String id = fourcc(bytes, pos);
            long size = b.getInt(pos + 4) & 0xFFFFFFFFL;
            int body = pos + 8;
            if (id.equals("fmt ") && fmtAt < 0) {
                fmtAt = body;
                fmtSize = (int) Math.min(size, Integer.MAX_VALUE);
                if (body + size > bytes.length) {
                    throw new WavFormatException(file, "truncated: the fmt chunk at byte " + pos + " declares " + size
                            + " bytes but the file ends after " + (bytes.length - body));
                }
            } else if (id.equals("data") && dataAt < 0) {
                dataAt = body;
                dataSize = size;
                if (size == 0xFFFFFFFFL) {
                    dataSize = bytes.length - body; // streaming writers leave the size unknown
                } else if (body + size > bytes.length) {
                    throw new WavFormatException(file, "truncated: the data chunk at byte " + pos + " declares " + size
                            + " bytes but only " + (bytes.length - body) + " follow");
                }
            }
            long next = body + size + (size & 1);
            if (next > bytes.length || (fmtAt >= 0 && dataAt >= 0)) {
                break;
            }
            pos = (int) next;
        }
        if (fmtAt < 0) {
            throw new WavFormatException(file, "no 'fmt ' chunk (the format description is missing or the file is truncated)");
        }
        if (fmtSize < 16) {
            throw new WavFormatException(file, "the fmt chunk has " + fmtSize + " bytes, a valid one has at least 16");
        }
        if (dataAt < 0) {
            throw new WavFormatException(file, "no 'data' chunk (the samples are missing or the file is truncated)");
        }
        int tag = b.getShort(fmtAt) & 0xFFFF;
        int channels = b.getShort(fmtAt + 2) & 0xFFFF;
        long sampleRate = b.getInt(fmtAt + 4) & 0xFFFFFFFFL;
        int blockAlign = b.getShort(fmtAt + 12) & 0xFFFF;
        int bits = b.getShort(fmtAt + 14) & 0xFFFF;
        if (tag == FORMAT_EXTENSIBLE) {
            if (fmtSize < 40) {
                throw new WavFormatException(file, "WAVE_FORMAT_EXTENSIBLE with a " + fmtSize
                        + "-byte fmt chunk, expected at least 40 (the sub-format is missing)");
            }
            int subTag = b.getShort(fmtAt + 24) & 0xFFFF;
            for (int i = 0; i < SUBTYPE_GUID_TAIL.length; i++) {
                if (bytes[fmtAt + 26 + i] != SUBTYPE_GUID_TAIL[i]) {
                    throw new WavFormatException(file, "WAVE_FORMAT_EXTENSIBLE with an unknown sub-format GUID; supported: PCM, IEEE float");
                }
            }
            tag = subTag;
        }
        if (channels == 0) {
            throw new WavFormatException(file, "the fmt chunk says 0 channels");
        }
        if (sampleRate == 0 || sampleRate > Integer.MAX_VALUE) {
            throw new WavFormatException(file, "invalid sample rate " + sampleRate + " Hz in the fmt chunk");
        }
        boolean pcm = tag == FORMAT_PCM && (bits == 8 || bits == 16 || bits == 24 || bits == 32);
        boolean flt = tag == FORMAT_IEEE_FLOAT && (bits == 32 || bits == 64);
        if (!pcm && !flt) {
            throw new WavFormatException(file, "unsupported encoding: " + formatName(tag) + ", " + bits
                    + " bits per sample; supported: PCM 8/16/24/32-bit and IEEE float 32/64-bit (convert it, e.g. sox IN -e signed -b 16 OUT.wav)");
        }
        int bytesPerSample = bits / 8;
        if (blockAlign != channels * bytesPerSample) {
            throw new WavFormatException(file, "inconsistent fmt chunk: block align " + blockAlign + " bytes for "
                    + channels + " channels of " + bits + " bits (expected " + channels * bytesPerSample + ")");
        }
        long frames = dataSize / blockAlign;
        if (frames > Integer.MAX_VALUE) {
            throw new WavFormatException(file, "too many samples (" + frames + ")");
        }
        float[] out = new float[(int) frames];
        float inv = 1f / channels;
        int p = dataAt;
        for (int f = 0; f < frames; f++) {
            double sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += sample(b, p, tag, bits);
                p += bytesPerSample;
            }
            out[f] = channels == 1 ? (float) sum : (float) (sum * inv);
        }
        return new Audio(out, (int) sampleRate);
    }

    private static double sample(ByteBuffer b, int p, int tag, int bits) {
        if (tag == FORMAT_IEEE_FLOAT) {
            return bits == 32 ? b.getFloat(p) : b.getDouble(p);
        }
        return switch (bits) {
            case 8 -> ((b.get(p) & 0xFF) - 128) / 128.0;
            case 16 -> b.getShort(p) / 32768.0;
            case 24 -> (((b.get(p) & 0xFF) | ((b.get(p + 1) & 0xFF) << 8) | (b.get(p + 2) << 16))) / 8388608.0;
            default -> b.getInt(p) / 2147483648.0;
        };
    }

    private static String formatName(int tag) {
        return switch (tag) {
            case FORMAT_PCM -> "PCM";
            case 2 -> "format tag 2 (Microsoft ADPCM)";
            case FORMAT_IEEE_FLOAT -> "IEEE float";
            case 6 -> "format tag 6 (A-law)";
            case 7 -> "format tag 7 (mu-law)";
            case 0x11 -> "format tag 17 (IMA ADPCM)";
            case 0x55 -> "format tag 85 (MPEG layer 3)";
            default -> "format tag " + tag;
        };
    }

    private static String fourcc(byte[] bytes, int at) {
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) {
            c[i] = (char) (bytes[at + i] & 0xFF);
        }
        return new String(c);
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c >= 32 && c < 127) {
                sb.append(c);
            } else {
                sb.append(String.format("\\x%02x", (int) c));
            }
        }
        return sb.toString();
    }
}
