package io.xmodal.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.service.command.CommandSession;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell's terminal reader (JLine 3 with Gogo's JLine parser and highlighter), driven through a
 * terminal over streams: lines come back as typed, a line Gogo reads as unfinished (an open quote)
 * continues on the next, history is written to its file and read back by the next session, and the end
 * of input ends the shell. Pins that org.apache.felix.gogo.jline works with the JLine version in use.
 */
class ShellLineEditingTest {
    @TempDir
    Path tmp;

    /**
     * Types {@code typed} into a terminal over streams and reads {@code count} lines from the shell's reader
     * (the input stays open while they are read: a stream that ends at once can end the terminal before its
     * last characters are read, as a closed terminal would); {@code count} 0 reads from an input that ends.
     */
    private static List<String> read(String typed, Path history, int count) throws Exception {
        CommandProcessorImpl processor = new CommandProcessorImpl();
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]),
                new PrintStream(screen, true, StandardCharsets.UTF_8), new PrintStream(screen, true, StandardCharsets.UTF_8));
        PipedOutputStream keyboard = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keyboard, 1 << 16);
        keyboard.write(typed.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
        if (count == 0) {
            keyboard.close();
        }
        Terminal terminal = TerminalBuilder.builder().system(false).dumb(true).encoding(StandardCharsets.UTF_8)
                .streams(in, screen).build();
        List<String> lines = new ArrayList<>();
        try (ShellCommand.JLineSource source = new ShellCommand.JLineSource(session, terminal, history)) {
            if (count == 0) {
                assertNull(source.next(), "the end of input ends the shell");
            }
            for (int i = 0; i < count; i++) {
                lines.add(source.next());
            }
        } finally {
            keyboard.close();
            session.close();
            processor.stop();
        }
        return lines;
    }

    @Test
    void linesComeBackAsTypedAnOpenQuoteContinuesAndHistoryIsKept() throws Exception {
        Path history = tmp.resolve("shell-history");
        List<String> lines = read("plugins --json\nvalidate x.yaml --set 'model.decoder={use:\ndense}'\nlb\n", history, 3);
        assertEquals(List.of("plugins --json", "validate x.yaml --set 'model.decoder={use:\ndense}'", "lb"), lines);
        String saved = Files.readString(history, StandardCharsets.UTF_8);
        assertTrue(saved.contains(":plugins --json\n") && saved.contains(":lb\n"), saved);

        // the next session finds the previous one's lines: Ctrl-P (previous history) then Enter repeats "lb"
        assertEquals(List.of("lb"), read("\u0010\n", history, 1));
    }

    @Test
    void theEndOfInputEndsTheShell() throws Exception {
        assertEquals(List.of(), read("", null, 0));
    }
}
