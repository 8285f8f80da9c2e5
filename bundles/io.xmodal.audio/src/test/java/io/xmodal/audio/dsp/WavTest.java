package io.xmodal.audio.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WavTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} at {1} Hz")
    @CsvSource({"PCM_8, 8000", "PCM_16, 16000", "PCM_24, 44100", "PCM_32, 96000", "FLOAT_32, 22050", "FLOAT_64, 48000",
            "PCM_16, 7350", "PCM_24, 11025", "FLOAT_32, 8001", "PCM_8, 12345"})
    void roundTripKeepsSamplesToWithinHalfAStep(Wav.Encoding encoding, int rate) throws IOException {
        Random r = new Random(rate);
        float[] x = new float[1001]; // odd: an 8-bit file needs its pad byte
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextDouble() * 1.98 - 0.99);
        }
        x[0] = 0;
        x[1] = -1;
        Path f = dir.resolve("a.wav");
        Wav.write(f, new Audio(x, rate), encoding);
        Audio a = Wav.read(f);
        assertEquals(rate, a.sampleRate());
        assertEquals(x.length, a.samples().length);
        double tol = encoding.name().startsWith("FLOAT") ? 0 : 0.5 / (1L << (encoding.bits() - 1)) + 1e-9;
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i], a.samples()[i], tol, "sample " + i);
        }
        long expectedSize = 44 + (long) x.length * encoding.bits() / 8;
        assertEquals(expectedSize + (expectedSize & 1), Files.size(f));
    }

    @Test
    void defaultWriteIs16BitPcmMono() throws IOException {
        Path f = dir.resolve("d.wav");
        Wav.write(f, new Audio(new float[] {0.5f, -0.25f, 1.5f, -2f}, 16000));
        byte[] b = Files.readAllBytes(f);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1, bb.getShort(20));      // PCM
        assertEquals(1, bb.getShort(22));      // mono
        assertEquals(16000, bb.getInt(24));
        assertEquals(16, bb.getShort(34));
        assertEquals(16384, bb.getShort(44));
        assertEquals(-8192, bb.getShort(46));
        assertEquals(32767, bb.getShort(48));  // clipped
        assertEquals(-32768, bb.getShort(50));
    }

    @Test
    void knownBytesDecodeToKnownValues() throws IOException {
        // hand-built files, independent of the writer
        Path u8 = file("u8.wav", fmt(1, 1, 8000, 8), data(new byte[] {0, (byte) 128, (byte) 255, 64}));
        assertArrayEquals(new float[] {-1f, 0f, 127 / 128f, -0.5f}, Wav.read(u8).samples());
        Path s24 = file("s24.wav", fmt(1, 1, 8000, 24), data(new byte[] {(byte) 0xFF, (byte) 0xFF, 0x7F, 0, 0, (byte) 0x80, 0, 0, 0x40}));
        assertArrayEquals(new float[] {8388607 / 8388608f, -1f, 0.5f}, Wav.read(s24).samples());
        ByteBuffer i32 = le(8).putInt(Integer.MIN_VALUE).putInt(1 << 30);
        assertArrayEquals(new float[] {-1f, 0.5f}, Wav.read(file("s32.wav", fmt(1, 1, 8000, 32), data(i32.array()))).samples());
        ByteBuffer f32 = le(8).putFloat(1.25f).putFloat(-0.125f); // floats are kept as stored, even above 1
        assertArrayEquals(new float[] {1.25f, -0.125f}, Wav.read(file("f32.wav", fmt(3, 1, 8000, 32), data(f32.array()))).samples());
    }

    @Test
    void stereoAndMultiChannelAreMixedToMono() throws IOException {
        ByteBuffer s = le(12).putShort((short) 16384).putShort((short) -16384)   // frame 0: 0.5, -0.5
                .putShort((short) 8192).putShort((short) 24576)                    // frame 1: 0.25, 0.75
                .putShort((short) -32768).putShort((short) 0);                     // frame 2: -1, 0
        Audio a = Wav.read(file("st.wav", fmt(1, 2, 44100, 16), data(s.array())));
        assertEquals(44100, a.sampleRate());
        assertArrayEquals(new float[] {0f, 0.5f, -0.5f}, a.samples());
        ByteBuffer six = le(6 * 4 * 2);
        for (int frame = 0; frame < 2; frame++) {
            for (int c = 0; c < 6; c++) {
                six.putFloat(frame == 0 ? c / 10f : -1f);
            }
        }
        Audio b = Wav.read(file("6ch.wav", fmt(3, 6, 48000, 32), data(six.array())));
        assertEquals(1.5f / 6, b.samples()[0], 1e-7);
        assertEquals(-1f, b.samples()[1], 1e-7);
    }

    @Test
    void extensibleFormatIsRead() throws IOException {
        // WAVE_FORMAT_EXTENSIBLE, 2 channels of 24-bit PCM, sub-format KSDATAFORMAT_SUBTYPE_PCM
        ByteBuffer f = le(40).putShort((short) 0xFFFE).putShort((short) 2).putInt(96000).putInt(96000 * 6)
                .putShort((short) 6).putShort((short) 24).putShort((short) 22).putShort((short) 24).putInt(3)
                .put(new byte[] {1, 0, 0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
        byte[] samples = {0, 0, 0x40, 0, 0, 0x40, 0, 0, (byte) 0xC0, 0, 0, 0};
        Audio a = Wav.read(file("ext.wav", chunk("fmt ", f.array()), data(samples)));
        assertEquals(96000, a.sampleRate());
        assertArrayEquals(new float[] {0.5f, -0.25f}, a.samples());
        // an unknown GUID is named as such
        byte[] bad = f.array().clone();
        bad[30] = 0x11;
        WavFormatException e = assertThrows(WavFormatException.class, () -> Wav.read(file("extbad.wav", chunk("fmt ", bad), data(samples))));
        assertTrue(e.getMessage().contains("sub-format GUID"), e.getMessage());
    }

    @Test
    void otherChunksAreSkippedIncludingOddSizedOnes() throws IOException {
        ByteBuffer s = le(4).putShort((short) 16384).putShort((short) -16384);
        Path f = file("list.wav", chunk("LIST", new byte[] {'I', 'N', 'F', 'O', 'x'}), fmt(1, 1, 22050, 16),
                chunk("fact", new byte[] {2, 0, 0, 0}), data(s.array()), chunk("id3 ", new byte[10]));
        assertArrayEquals(new float[] {0.5f, -0.5f}, Wav.read(f).samples());
    }

    @Test
    void emptyFile() throws IOException {
        Path f = dir.resolve("empty.wav");
        Files.write(f, new byte[0]);
        assertProblem(f, "empty file");
    }

    @Test
    void truncatedDataChunk() throws IOException {
        Path good = dir.resolve("good.wav");
        Wav.write(good, new Audio(new float[1000], 16000));
        byte[] b = Files.readAllBytes(good);
        Path cut = dir.resolve("cut.wav");
        Files.write(cut, Arrays.copyOf(b, b.length - 501));
        WavFormatException e = assertProblem(cut, "truncated: the data chunk at byte 36 declares 2000 bytes but only 1499 follow");
        assertEquals(cut, e.file());
        Path header = dir.resolve("header.wav");
        Files.write(header, Arrays.copyOf(b, 30));
        assertProblem(header, "truncated: the fmt chunk");
        Path noData = dir.resolve("nodata.wav");
        Files.write(noData, Arrays.copyOf(b, 36));
        assertProblem(noData, "no 'data' chunk");
    }

    @Test
    void notRiffWave() throws IOException {
        Path f = dir.resolve("text.wav");
        Files.writeString(f, "this is a text file, not audio\n");
        assertProblem(f, "not a RIFF/WAVE file (starts with 'this' ... 'a te', expected 'RIFF' ... 'WAVE')");
        Path avi = file("avi.wav", new byte[0]);
        byte[] b = Files.readAllBytes(avi);
        b[8] = 'A';
        b[9] = 'V';
        b[10] = 'I';
        Files.write(avi, b);
        assertProblem(avi, "not a RIFF/WAVE file");
        Path tiny = dir.resolve("tiny.wav");
        Files.write(tiny, new byte[] {'R', 'I', 'F', 'F', 0});
        assertProblem(tiny, "only 5 bytes, too short");
    }

    @Test
    void unsupportedFormatTag() throws IOException {
        Path alaw = file("alaw.wav", fmt(6, 1, 8000, 8), data(new byte[] {1, 2}));
        assertProblem(alaw, "unsupported encoding: format tag 6 (A-law), 8 bits per sample; supported: PCM 8/16/24/32-bit and IEEE float 32/64-bit");
        Path pcm12 = file("pcm12.wav", fmt(1, 1, 8000, 12), data(new byte[] {1, 2}));
        assertProblem(pcm12, "unsupported encoding: PCM, 12 bits per sample");
        Path float16 = file("f16.wav", fmt(3, 1, 8000, 16), data(new byte[] {1, 2}));
        assertProblem(float16, "unsupported encoding: IEEE float, 16 bits per sample");
    }

    @Test
    void zeroChannelsAndOtherBrokenFmtChunks() throws IOException {
        assertProblem(file("zero.wav", fmt(1, 0, 8000, 16), data(new byte[4])), "the fmt chunk says 0 channels");
        assertProblem(file("rate.wav", fmt(1, 1, 0, 16), data(new byte[4])), "invalid sample rate 0 Hz");
        assertProblem(file("short.wav", chunk("fmt ", new byte[12]), data(new byte[4])), "the fmt chunk has 12 bytes");
        assertProblem(file("nofmt.wav", data(new byte[4])), "no 'fmt ' chunk");
        ByteBuffer f = ByteBuffer.wrap(fmt(1, 2, 8000, 16)).order(ByteOrder.LITTLE_ENDIAN);
        f.putShort(8 + 12, (short) 3);
        assertProblem(file("align.wav", f.array(), data(new byte[8])), "inconsistent fmt chunk: block align 3 bytes for 2 channels of 16 bits (expected 4)");
    }

    @Test
    void writeReplacesAtomicallyAndLeavesNoTemporaryFile() throws IOException {
        Path f = dir.resolve("sub/out.wav");
        Wav.write(f, new Audio(new float[] {0.1f}, 8000));
        Wav.write(f, new Audio(new float[] {0.2f, 0.3f}, 16000));
        Audio a = Wav.read(f);
        assertEquals(16000, a.sampleRate());
        assertEquals(2, a.samples().length);
        try (Stream<Path> s = Files.list(f.getParent())) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void emptyDataChunkIsAnEmptyRecording() throws IOException {
        Audio a = Wav.read(file("nothing.wav", fmt(1, 1, 16000, 16), data(new byte[0])));
        assertEquals(0, a.samples().length);
        assertEquals(16000, a.sampleRate());
    }

    private WavFormatException assertProblem(Path f, String problem) {
        WavFormatException e = assertThrows(WavFormatException.class, () -> Wav.read(f));
        assertTrue(e.getMessage().startsWith(f.toString() + ": "), e.getMessage());
        assertTrue(e.problem().startsWith(problem), "problem '" + e.problem() + "' should start with '" + problem + "'");
        return e;
    }

    private Path file(String name, byte[]... chunks) throws IOException {
        int size = 4;
        for (byte[] c : chunks) {
            size += c.length;
        }
        ByteBuffer b = le(8 + size).put(new byte[] {'R', 'I', 'F', 'F'}).putInt(size).put(new byte[] {'W', 'A', 'V', 'E'});
        for (byte[] c : chunks) {
            b.put(c);
        }
        Path f = dir.resolve(name);
        Files.write(f, b.array());
        return f;
    }

    private static byte[] fmt(int tag, int channels, int rate, int bits) {
        int align = channels * bits / 8;
        return chunk("fmt ", le(16).putShort((short) tag).putShort((short) channels).putInt(rate).putInt(rate * align)
                .putShort((short) align).putShort((short) bits).array());
    }

    private static byte[] data(byte[] samples) {
        return chunk("data", samples);
    }

    private static byte[] chunk(String id, byte[] body) {
        int pad = body.length & 1;
        ByteBuffer b = le(8 + body.length + pad).put(id.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(body.length).put(body);
        return b.array();
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
