package io.xmodal.engine.internal.run;

import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.api.runtime.Problem;
import io.xmodal.api.runtime.RunOutcome;
import io.xmodal.api.runtime.RunRequest;
import io.xmodal.engine.internal.registry.ComponentRegistry;
import io.xmodal.engine.internal.store.RunDirectory;
import org.example.clips.MovingSquares;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Slots that hold chains of blocks and blocks that hold nested components, on tiny videos (a test
 * reader of moving squares): validation, overrides, messages naming both blocks of a mismatch, and a
 * run with frame targets end to end (that a next-frame model learns is NextFrameLearningTest's, in
 * io.xmodal.vision: there it runs in seconds without the engine's per-epoch work).
 */
class ChainsTest {
    private static WorkbenchService workbench;

    @BeforeAll
    static void setUp() {
        ComponentRegistry registry = ClasspathComponents.registry();
        registry.register(new MovingSquares(), "org.example.clips", "1.0.0");
        workbench = WorkbenchService.standalone(registry);
    }

    private static Path descriptor(Path dir, String model, String extra) throws Exception {
        String text = """
                experiment: clips
                seed: 3
                data:
                  reader: moving-squares
                  with: {count: 48, size: 16, inputs: 4, targets: 1}
                  split: {train: 0.5, val: 0.25, test: 0.25}
                model:
                  input: clip
                  target: next
                %s
                  head: {use: regression, with: {activation: sigmoid}}
                train:
                  loss: mse
                  optimizer: {use: adam, with: {lr: 0.003}}
                  epochs: 1
                  batch: 8
                evaluate: [mse]
                samples: 1
                %s""".formatted(model.stripIndent().indent(2).stripTrailing(), extra);
        Path f = dir.resolve("clips.yaml");
        Files.writeString(f, text);
        return f;
    }

    private static final String TD_LSTM_DECONV = """
              encoder:
                - {use: time-distributed, with: {encoder: {use: vgg, with: {blocks: 2, width: 4, output: global-avg}}}}
                - {use: lstm, with: {hidden: 8}}
              decoder: {use: deconv, with: {height: 16, width: 16, stages: 2, filters: 8, frames: 1}}""";

    @Test
    void aChainWithANestedEncoderValidatesAndRecordsEveryDefault(@TempDir Path tmp) throws Exception {
        Path f = descriptor(tmp, TD_LSTM_DECONV, "");
        workbench.validate(f, List.of());
        workbench.validate(f, List.of("model.encoder[1].with.hidden=12", "model.encoder[0].with.encoder.with.blocks=1"));
        DescriptorException e = assertThrows(DescriptorException.class,
                () -> workbench.validate(f, List.of("model.encoder[1].with.hidden=0")));
        assertTrue(e.getMessage().contains("model.encoder[1].with.hidden: 0 is out of range for 'hidden' of encoder 'lstm'"), e.getMessage());
        DescriptorException index = assertThrows(DescriptorException.class,
                () -> workbench.validate(f, List.of("model.encoder[2].with.hidden=3")));
        assertTrue(index.getMessage().contains("model.encoder has 2 items; index 0 to 1, not 2"), index.getMessage());
    }

    @Test
    void aMismatchInsideAChainNamesBothBlocksAndTheirSignatures(@TempDir Path tmp) throws Exception {
        Path f = descriptor(tmp, """
                  encoder:
                    - {use: convlstm, with: {hidden: 4}}
                    - {use: gru, with: {hidden: 8}}
                  decoder: {use: deconv, with: {height: 16, width: 16, stages: 2, filters: 8}}""", "");
        DescriptorException e = assertThrows(DescriptorException.class, () -> workbench.validate(f, List.of()));
        Problem p = e.problems().get(0);
        assertEquals("model.encoder[1]: encoder[1] 'gru' accepts [sequence] of rank [2] but receives image[4x16x16] from "
                + "encoder[0] 'convlstm' (frames[4x1x16x16] -> image[4x16x16])", p.message());
        assertEquals(f + ":12:7", p.file() + ":" + p.line() + ":" + p.column());

        // between slots: the decoder names the chain's last block
        Path g = descriptor(tmp, """
                  encoder: [{use: conv3d, with: {blocks: 1, width: 4}}, {use: convlstm}]
                  decoder: {use: deconv, with: {height: 16, width: 16, stages: 2}}""", "");
        DescriptorException d = assertThrows(DescriptorException.class, () -> workbench.validate(g, List.of()));
        assertTrue(d.getMessage().contains("encoder[1] 'convlstm' cannot take features[4] from encoder[0] 'conv3d' "
                + "(frames[4x1x16x16] -> features[4])") || d.getMessage().contains("encoder[1] 'convlstm' accepts [frames]"),
                d.getMessage());
    }

    @Test
    void framesTargetsTrainEndToEndAndReevaluateIdentically(@TempDir Path tmp) throws Exception {
        Path f = descriptor(tmp, """
                  encoder: [{use: conv3d, with: {blocks: 1, width: 4, output: frames}}, {use: convlstm, with: {hidden: 4}}]
                  decoder: {use: deconv, with: {height: 16, width: 16, stages: 1, filters: 8, frames: 1}}""", "");
        Path out = tmp.resolve("run");
        RunOutcome o = workbench.run(new RunRequest(f, out, List.of(), l -> { }, Map.of()));
        assertTrue(o.ok(), () -> "run failed: " + o.error());
        String resolved = Files.readString(out.resolve("descriptor.yaml"));
        assertTrue(resolved.contains("time-kernel") && resolved.contains("- use: conv3d"), resolved);
        workbench.validate(out.resolve("descriptor.yaml"), List.of());
        RunOutcome again = workbench.evaluate(out, l -> { });
        assertEquals(o.test().get("mse"), again.test().get("mse"), 1e-6);
        Map<String, Object> metrics = RunDirectory.open(out).readJson("metrics.json");
        assertEquals("ok", metrics.get("status"));
        // a chain's blocks are scoped slot/index in the graph; a single block keeps the slot's name
        org.nd4j.autodiff.samediff.SameDiff graph = org.nd4j.autodiff.samediff.SameDiff.load(out.resolve("model/graph.sd").toFile(), false);
        for (String v : List.of("encoder/0/block0/w", "encoder/1/layer0/h/w", "encoder/1/layer0/x/w", "decoder/stage0/w", "decoder/out/w")) {
            assertTrue(graph.hasVariable(v), v + " is not in the saved graph");
        }
    }
}
