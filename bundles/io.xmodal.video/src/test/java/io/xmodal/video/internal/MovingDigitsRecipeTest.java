package io.xmodal.video.internal;

import io.xmodal.testing.TestDataContext;
import io.xmodal.api.Params;
import io.xmodal.api.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MovingDigitsRecipeTest {
    @TempDir
    Path dir;

    @Test
    void writesOneNpyFilePerSplitThatNpyVideoReadsBack() throws Exception {
        MovingDigitsRecipe recipe = new MovingDigitsRecipe();
        Map<String, Object> clipParams = Map.of("count", 30, "size", 16, "digit-size", 8, "frames", 5, "speed", 1.5);
        TestDataContext ctx = new TestDataContext(11);
        String summary = recipe.build(dir.resolve("out"), Params.defaults(recipe.spec(), clipParams), ctx);
        assertTrue(summary.startsWith("moving-digits: train 24 val 3 test 3 clips of 5 frames 16x16"), summary);
        MovingDigits clips = MovingDigitsReader.clips(Params.defaults(recipe.spec(), clipParams), 11);
        NpyVideoReader npy = new NpyVideoReader();
        for (String split : List.of("train", "val", "test")) {
            Path file = dir.resolve("out").resolve(split + ".npy");
            assertTrue(Files.isRegularFile(file), split);
            Dataset ds = npy.open(ctx, Params.defaults(npy.spec(), Map.of("path", file.toString(), "layout", "nthw",
                    "input-frames", 5, "target-frames", 0)));
            List<Integer> ofSplit = new ArrayList<>();
            for (int c = 0; c < clips.count(); c++) {
                if (split.equals(clips.split(c))) {
                    ofSplit.add(c);
                }
            }
            assertEquals(ofSplit.size(), ds.size(), split);
            float[] expected = new float[5 * 16 * 16];
            for (int k = 0; k < ofSplit.size(); k++) {
                clips.read(ofSplit.get(k), 0, 5, expected, 0);
                float[] got = ds.get(k).get("frames");
                for (int p = 0; p < expected.length; p++) {
                    assertEquals(expected[p], got[p], 0.5 / 255 + 1e-6, split + " clip " + k + " value " + p);
                }
            }
        }
        // the header is what numpy writes: version 1.0, padded to 64 bytes, ending in a newline
        byte[] head = MovingDigitsRecipe.header(24, 5, 16, 16);
        assertEquals(0, head.length % 64);
        assertEquals('\n', head[head.length - 1]);
    }
}
