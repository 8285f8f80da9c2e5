package io.xmodal.engine.internal.run;

import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.api.runtime.Problem;
import io.xmodal.engine.internal.registry.ComponentRegistry;
import org.example.generative.ClassShapes;
import org.example.generative.EchoGenerator;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The corpus in src/test/resources/bad: every file is a descriptor with one mistake, headed by
 * {@code # expect: <text of the message>} and optionally {@code # at: line:col}. Validation must
 * refuse each (exit status 2 in the CLI) with that message at that place, before building anything.
 */
class BadDescriptorsTest {
    @TestFactory
    Stream<DynamicTest> everyBadDescriptorGetsItsMessage() throws Exception {
        Path dir = Path.of(BadDescriptorsTest.class.getResource("/bad").toURI());
        ComponentRegistry registry = ClasspathComponents.registry();
        // a generating objective and a reader with classes, for the scoring: cases (5x)
        registry.register(new ClassShapes(), "org.example.generative", "1.0.0");
        registry.register(new EchoGenerator(), "org.example.generative", "1.0.0");
        WorkbenchService workbench = WorkbenchService.standalone(registry);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(files.size() >= 25, "the corpus must hold at least 25 bad descriptors, has " + files.size());
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(workbench, f)));
    }

    private static void check(WorkbenchService workbench, Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String expect = header(lines, "# expect: ");
        String at = header(lines, "# at: ");
        if (expect == null) {
            fail(file + " has no '# expect:' line");
        }
        DescriptorException e = assertThrows(DescriptorException.class, () -> workbench.validate(file, List.of()),
                file.getFileName() + " was accepted");
        Problem p = e.problems().stream().filter(x -> x.message().contains(expect)).findFirst()
                .orElseThrow(() -> new AssertionError(file.getFileName() + ": expected a problem containing\n  " + expect + "\nbut got\n  "
                        + String.join("\n  ", e.problems().stream().map(Problem::toString).toList())));
        assertEquals(file.toString(), p.file(), "the problem must name the file");
        if (at != null) {
            assertEquals(at, p.line() + ":" + p.column(), file.getFileName() + ": wrong place for " + p);
        }
        assertTrue(p.toString().startsWith(file + ":") , p.toString());
    }

    private static String header(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).trim()).findFirst().orElse(null);
    }
}
