package io.xmodal.engine.internal.run;

import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.api.runtime.RunOutcome;
import io.xmodal.api.runtime.RunRequest;
import io.xmodal.engine.internal.store.RunDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tiny experiment trained end to end with the real components, outside the framework. */
class WorkbenchEndToEndTest {
    private static WorkbenchService workbench;

    @BeforeAll
    static void setUp() {
        workbench = WorkbenchService.standalone(ClasspathComponents.registry());
    }

    static Path tiny() throws Exception {
        return Path.of(WorkbenchEndToEndTest.class.getResource("/tiny.yaml").toURI());
    }

    @Test
    @SuppressWarnings("unchecked")
    void trainsWritesTheRunDirectoryAndReevaluatesIdentically(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("run");
        List<String> lines = new ArrayList<>();
        RunOutcome o = workbench.run(new RunRequest(tiny(), out, List.of(), lines::add, Map.of("backend", "test")));
        assertTrue(o.ok(), () -> "run failed: " + o.error());
        for (String f : List.of("descriptor.yaml", "metrics.json", "history.csv", "provenance.json", "model/graph.sd", "model/model.json",
                "samples/sample-00.png", "samples/sample-01.png", "samples/learning-curve.png")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f + " is missing");
        }
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("epoch 1/2")), "no progress line per epoch: " + lines);
        Map<String, Object> metrics = RunDirectory.open(out).readJson("metrics.json");
        assertEquals("ok", metrics.get("status"));
        Map<String, Object> test = (Map<String, Object>) metrics.get("test");
        assertTrue(test.containsKey("r2") && test.containsKey("mse"));
        Map<String, Object> mean = (Map<String, Object>) ((Map<String, Object>) metrics.get("baselines")).get("mean");
        assertTrue(((Number) mean.get("r2")).doubleValue() <= 1e-9, "the mean baseline cannot beat the per-step test mean");
        String csv = Files.readString(out.resolve("history.csv"));
        assertTrue(csv.startsWith("epoch,step,split,metric,value\n"));
        assertTrue(csv.contains(",train,loss,") && csv.contains(",val,r2,") && csv.contains(",test,r2,"));

        // the resolved descriptor has every default and reruns as it is
        String resolved = Files.readString(out.resolve("descriptor.yaml"));
        assertTrue(resolved.contains("convs-per-block"), resolved);
        workbench.validate(out.resolve("descriptor.yaml"), List.of());

        RunOutcome again = workbench.evaluate(out, l -> { });
        assertTrue(again.ok(), () -> String.valueOf(again.error()));
        for (String k : List.of("mse", "r2")) {
            assertEquals(((Number) test.get(k)).doubleValue(), again.test().get(k), 1e-6, k + " differs after reload");
        }
    }

    @Test
    void refusesAnOutputDirectoryThatHoldsFilesAndKeepsThem(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("taken");
        Files.createDirectories(out);
        Files.writeString(out.resolve("precious.txt"), "keep me");
        DescriptorException e = assertThrows(DescriptorException.class,
                () -> workbench.run(new RunRequest(tiny(), out, List.of(), l -> { }, Map.of())));
        assertTrue(e.getMessage().contains("already holds files"), e.getMessage());
        assertEquals("keep me", Files.readString(out.resolve("precious.txt")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRunThatFailsAfterStartingRecordsStatusFailed(@TempDir Path tmp) throws Exception {
        var registry = ClasspathComponents.registry();
        registry.register(new BrokenReader(), "test", "1.0.0");
        Path out = tmp.resolve("fails");
        RunOutcome o = WorkbenchService.standalone(registry).run(new RunRequest(tiny(), out,
                List.of("data.reader=broken-after-open", "data.with={}"), l -> { }, Map.of()));
        assertFalse(o.ok());
        assertTrue(o.error().contains("sample 5 is unreadable"), o.error());
        Map<String, Object> metrics = RunDirectory.open(out).readJson("metrics.json");
        assertEquals("failed", metrics.get("status"));
        assertTrue(((String) metrics.get("error")).contains("sample 5 is unreadable"));
        assertTrue(Files.isRegularFile(out.resolve("descriptor.yaml")));
    }

    /** Opens fine, fails while samples are read: the "failed after the run started" path. */
    static final class BrokenReader implements io.xmodal.api.data.Reader {
        @Override
        public io.xmodal.api.ComponentSpec spec() {
            return io.xmodal.api.ComponentSpec.of(io.xmodal.api.Role.READER, "broken-after-open").doc("test reader").build();
        }

        @Override
        public io.xmodal.api.data.Dataset open(io.xmodal.api.data.DataContext ctx, io.xmodal.api.Params params) {
            return new io.xmodal.api.data.Dataset() {
                @Override
                public Map<String, io.xmodal.api.Signature> modalities() {
                    return Map.of("image", io.xmodal.api.Signature.of(io.xmodal.api.Modality.IMAGE, 1, 16, 16),
                            "series", io.xmodal.api.Signature.of(io.xmodal.api.Modality.SERIES, 16));
                }

                @Override
                public long size() {
                    return 40;
                }

                @Override
                public io.xmodal.api.data.Sample get(long index) throws io.xmodal.api.data.DataException {
                    if (index == 5) {
                        throw new io.xmodal.api.data.DataException(Path.of("x.bin"), "sample 5 is unreadable");
                    }
                    return new io.xmodal.api.data.Sample("s" + index, Map.of("image", new float[256], "series", new float[16]), "test");
                }
            };
        }
    }
}
