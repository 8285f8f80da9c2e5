package io.xmodal.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Where {@code System.out} points while the engine runs: everything that is not a result (the
 * console keeps the real stdout) goes to stderr, line by line. Without {@code --verbose}, lines
 * known to be noise are dropped:
 * <ul>
 *   <li>{@code Added differentiated op ...}: SameDiff 1.0.0-M2.1 prints one per op with
 *       {@code System.out.println} whenever it builds a gradient function (about 200 per graph); no
 *       logger level silences it (pinned by StrayOutputTest).</li>
 * </ul>
 */
final class StrayOutput extends OutputStream {
    static final List<String> NOISE = List.of("Added differentiated op ");

    private static final List<byte[]> NOISE_BYTES = NOISE.stream()
            .map(n -> n.getBytes(StandardCharsets.US_ASCII)).toList();

    private final PrintStream target;
    private final boolean keepAll;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);

    /**
     * @param target  where kept lines go, byte for byte (stderr)
     * @param keepAll true with --verbose: nothing is dropped
     */
    StrayOutput(PrintStream target, boolean keepAll) {
        this.target = target;
        this.keepAll = keepAll;
    }

    /** A PrintStream over a StrayOutput; its bytes pass unchanged (noise is matched as ASCII). */
    static PrintStream over(PrintStream target, boolean keepAll) {
        return new PrintStream(new StrayOutput(target, keepAll), true, Charset.defaultCharset());
    }

    @Override
    public synchronized void write(int b) {
        line.write(b);
        if (b == '\n') {
            emit();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int start = off;
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\n') {
                line.write(b, start, i + 1 - start);
                emit();
                start = i + 1;
            }
        }
        line.write(b, start, off + len - start);
    }

    /** Holds a partial line back (it may turn out to be noise); {@link #close()} writes it. */
    @Override
    public void flush() {
        target.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        if (line.size() > 0) {
            emit();
        }
        target.flush();
    }

    private void emit() {
        byte[] bytes = line.toByteArray();
        line.reset();
        if (keepAll || NOISE_BYTES.stream().noneMatch(n -> startsWith(bytes, n))) {
            target.write(bytes, 0, bytes.length);
        }
    }

    private static boolean startsWith(byte[] text, byte[] prefix) {
        return text.length >= prefix.length && Arrays.equals(text, 0, prefix.length, prefix, 0, prefix.length);
    }
}
