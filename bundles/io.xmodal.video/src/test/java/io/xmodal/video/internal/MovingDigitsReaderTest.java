package io.xmodal.video.internal;

import io.xmodal.testing.TestDataContext;
import io.xmodal.api.Modality;
import io.xmodal.api.Params;
import io.xmodal.api.Signature;
import io.xmodal.api.data.DataException;
import io.xmodal.api.data.Dataset;
import io.xmodal.api.data.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MovingDigitsReaderTest {
    @TempDir
    Path dir;
    private final MovingDigitsReader reader = new MovingDigitsReader();

    private Dataset open(long seed, Map<String, Object> overrides) throws DataException {
        Map<String, Object> p = new HashMap<>(Map.of("count", 20, "frames", 12, "input-frames", 4, "target-frames", 2));
        p.putAll(overrides);
        return reader.open(new TestDataContext(seed), Params.defaults(reader.spec(), p));
    }

    private static Map<String, Double> splits() {
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("train", 0.8);
        f.put("val", 0.1);
        f.put("test", 0.1);
        return f;
    }

    @Test
    void signaturesAreFramesOfTheWindow() throws Exception {
        Dataset ds = open(1, Map.of());
        assertEquals(Signature.of(Modality.FRAMES, 4, 1, 64, 64), ds.modalities().get("frames"));
        assertEquals(Signature.of(Modality.FRAMES, 2, 1, 64, 64), ds.modalities().get("next"));
        assertEquals(20 * 2, ds.size(), "12 frames, windows of 4 + 2 without overlap: 2 per clip");
        Sample s = ds.get(3);
        assertEquals("clip-00001@6", s.id());
        assertEquals(4 * 64 * 64, s.get("frames").length);
        assertEquals(2 * 64 * 64, s.get("next").length);
        for (float v : s.get("frames")) {
            assertTrue(v >= 0 && v <= 1, "pixel " + v + " outside [0, 1]");
        }
    }

    @Test
    void theSameSeedGivesTheSameClipsAndAnotherSeedOthers() throws Exception {
        Dataset a = open(5, Map.of());
        Dataset b = open(5, Map.of());
        Dataset c = open(6, Map.of());
        // read b in another order first: samples depend on the index only
        Sample late = b.get(17);
        for (long i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).get("frames"), b.get(i).get("frames"));
            assertArrayEquals(a.get(i).get("next"), b.get(i).get("next"));
        }
        assertArrayEquals(a.get(17).get("next"), late.get("next"));
        assertFalse(Arrays.equals(a.get(0).get("frames"), c.get(0).get("frames")));
        assertEquals(a.fingerprint(), b.fingerprint());
        assertFalse(a.fingerprint().equals(c.fingerprint()));
    }

    @Test
    void splitsUseDisjointSourceImages() throws Exception {
        MovingDigits clips = new MovingDigits(DigitSource.procedural(28), 3, 300, 64, 2, 4, 3.6, splits());
        Map<String, Set<Integer>> pools = new HashMap<>();
        Set<Integer> all = new HashSet<>();
        for (String s : splits().keySet()) {
            Set<Integer> pool = new HashSet<>();
            for (int k : clips.pool(s)) {
                pool.add(k);
            }
            pools.put(s, pool);
            all.addAll(pool);
        }
        assertEquals(DigitSource.PROCEDURAL_COUNT, all.size(), "the pools cover the source once");
        assertEquals(pools.get("train").size() + pools.get("val").size() + pools.get("test").size(), all.size(), "pools overlap");
        assertEquals(0.1 * DigitSource.PROCEDURAL_COUNT, pools.get("test").size(), 1);
        Map<String, Set<Integer>> used = new HashMap<>();
        for (int c = 0; c < clips.count(); c++) {
            String split = clips.split(c);
            assertNotNull(split);
            for (int k : clips.imagesOf(c)) {
                assertTrue(pools.get(split).contains(k), "clip " + c + " of " + split + " shows image " + k + " from another pool");
                used.computeIfAbsent(split, x -> new HashSet<>()).add(k);
            }
        }
        assertEquals(Set.of("train", "val", "test"), used.keySet());
        assertEquals(30, countSplit(clips, "test"));
    }

    private static int countSplit(MovingDigits clips, String split) {
        int n = 0;
        for (int c = 0; c < clips.count(); c++) {
            n += split.equals(clips.split(c)) ? 1 : 0;
        }
        return n;
    }

    @Test
    void theDatasetAssignsSplitsByClipAndWindowsOfAClipStayTogether() throws Exception {
        Dataset ds = open(2, Map.of("count", 50, "frames", 20, "input-frames", 3, "target-frames", 1, "stride", 2));
        assertEquals(50 * 9, ds.size(), "(20 - 4) / 2 + 1 = 9 windows a clip");
        Map<String, String> splitOfGroup = new HashMap<>();
        Map<String, Integer> perSplit = new HashMap<>();
        for (long i = 0; i < ds.size(); i++) {
            String prev = splitOfGroup.putIfAbsent(ds.group(i), ds.split(i));
            assertTrue(prev == null || prev.equals(ds.split(i)), "clip " + ds.group(i) + " straddles splits");
            perSplit.merge(ds.split(i), 1, Integer::sum);
        }
        assertEquals(Map.of("train", 40 * 9, "val", 5 * 9, "test", 5 * 9), perSplit);
        Dataset noVal = open(2, Map.of("val-fraction", 0.0, "test-fraction", 0.25));
        Set<String> names = new HashSet<>();
        for (long i = 0; i < noVal.size(); i++) {
            names.add(noVal.split(i));
        }
        assertEquals(Set.of("train", "test"), names);
    }

    @Test
    void windowsAreConsecutiveFramesOfTheClip() throws Exception {
        Dataset ds = open(4, Map.of("count", 3, "frames", 10, "input-frames", 3, "target-frames", 2, "stride", 1));
        assertEquals(3 * 6, ds.size());
        int frame = 64 * 64;
        // window s + 1 starts one frame later: its frames 0..1 are window s's frames 1..2, its frame 2 is s's next[0]
        for (int s = 0; s + 1 < 6; s++) {
            Sample a = ds.get(6 + s);
            Sample b = ds.get(6 + s + 1);
            assertArrayEquals(Arrays.copyOfRange(a.get("frames"), frame, 3 * frame), Arrays.copyOfRange(b.get("frames"), 0, 2 * frame));
            assertArrayEquals(Arrays.copyOfRange(a.get("next"), 0, frame), Arrays.copyOfRange(b.get("frames"), 2 * frame, 3 * frame));
            assertEquals("clip-00001@" + s, a.id());
        }
        assertEquals("clip-00002@0", ds.get(12).id());
    }

    @Test
    void aClipShorterThanAWindowIsRefused() {
        DataException e = assertThrows(DataException.class, () -> open(1, Map.of("frames", 5, "input-frames", 4, "target-frames", 2)));
        assertTrue(e.getMessage().contains("has 5 frames, fewer than input-frames 4 + target-frames 2 = 6"), e.getMessage());
        DataException speed = assertThrows(DataException.class, () -> open(1, Map.of("size", 32, "speed", 5.0)));
        assertTrue(speed.getMessage().contains("speed 5.0 is more than the 4 pixels"), speed.getMessage());
    }

    @Test
    void digitsBounceAndStayWhollyInsideTheFrame() throws Exception {
        int frames = 300;
        double speed = 3.6;
        MovingDigits clips = new MovingDigits(DigitSource.procedural(28), 9, 5, 64, 1, frames, speed, Map.of("train", 1.0));
        int room = 64 - 28;
        for (int c = 0; c < clips.count(); c++) {
            double[][][] p = clips.trajectory(c);
            int flipsX = 0;
            int flipsY = 0;
            for (int t = 0; t < frames; t++) {
                assertTrue(p[t][0][0] >= 0 && p[t][0][0] <= room && p[t][0][1] >= 0 && p[t][0][1] <= room,
                        "clip " + c + " frame " + t + " at " + Arrays.toString(p[t][0]));
                if (t >= 2) {
                    double dx0 = p[t - 1][0][0] - p[t - 2][0][0];
                    double dx1 = p[t][0][0] - p[t - 1][0][0];
                    double dy0 = p[t - 1][0][1] - p[t - 2][0][1];
                    double dy1 = p[t][0][1] - p[t - 1][0][1];
                    flipsX += Math.signum(dx0) != Math.signum(dx1) ? 1 : 0;
                    flipsY += Math.signum(dy0) != Math.signum(dy1) ? 1 : 0;
                    double step = Math.hypot(dx1, dy1);
                    assertTrue(step <= speed + 1e-9, "frame " + t + " moved " + step);
                    double x = p[t - 1][0][0];
                    double y = p[t - 1][0][1];
                    if (x >= speed && x <= room - speed && y >= speed && y <= room - speed) {
                        assertEquals(speed, step, 1e-9, "free flight (no wall within reach) keeps the speed");
                    }
                }
            }
            // 300 frames of 3.6 px cover over 1000 px: both axes bounce unless the direction is nearly axis-parallel
            assertTrue(flipsX + flipsY >= 10, "clip " + c + " bounced only " + (flipsX + flipsY) + " times");
        }
        // one digit never leaves the frame: every frame holds all of its ink
        float[] glyph = DigitSource.procedural(28).image(clips.imagesOf(0)[0]);
        double ink = 0;
        for (float v : glyph) {
            ink += v;
        }
        float[] out = new float[frames * 64 * 64];
        clips.read(0, 0, frames, out, 0);
        for (int t = 0; t < frames; t++) {
            double sum = 0;
            for (int i = 0; i < 64 * 64; i++) {
                sum += out[t * 64 * 64 + i];
            }
            assertEquals(ink, sum, 1e-3, "frame " + t);
        }
    }

    @Test
    void twoDigitsCombineByTheMaximum() throws Exception {
        MovingDigits clips = new MovingDigits(DigitSource.procedural(28), 9, 4, 64, 2, 3, 3.6, Map.of("train", 1.0));
        DigitSource glyphs = DigitSource.procedural(28);
        float[] out = new float[64 * 64];
        clips.read(2, 1, 1, out, 0);
        float[] expected = new float[64 * 64];
        double[][] pos = clips.trajectory(2)[1];
        for (int k = 0; k < 2; k++) {
            float[] g = glyphs.image(clips.imagesOf(2)[k]);
            int left = (int) Math.round(pos[k][0]);
            int top = (int) Math.round(pos[k][1]);
            for (int r = 0; r < 28; r++) {
                for (int c = 0; c < 28; c++) {
                    int at = (top + r) * 64 + left + c;
                    expected[at] = Math.max(expected[at], g[r * 28 + c]);
                }
            }
        }
        assertArrayEquals(expected, out);
    }

    @Test
    void digitsComeFromAnIdxFileWhenGiven() throws Exception {
        int n = 40;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x00000803);
        out.writeInt(n);
        out.writeInt(8);
        out.writeInt(8);
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < 64; p++) {
                out.writeByte(i + 1); // image i is flat grey (i + 1) / 255
            }
        }
        Path file = dir.resolve("digits-idx3-ubyte");
        Files.write(file, bytes.toByteArray());
        Dataset ds = open(3, Map.of("source", file.toString(), "digit-size", 8, "size", 16, "speed", 1.0,
                "digits", 1, "count", 30));
        MovingDigits clips = new MovingDigits(DigitSource.idx(file, 8), 3, 30, 16, 1, 12, 1.0, splits());
        for (long i = 0; i < ds.size(); i++) {
            float max = 0;
            for (float v : ds.get(i).get("frames")) {
                max = Math.max(max, v);
            }
            int image = clips.imagesOf((int) (i / 2))[0];
            assertEquals((image + 1) / 255f, max, 1e-7, "window " + i + " shows image " + image);
        }
        assertTrue(ds.get(0).source().contains("digits-idx3-ubyte #"), ds.get(0).source());
        DataException few = assertThrows(DataException.class,
                () -> new MovingDigits(DigitSource.idx(file, 8), 3, 30, 16, 1, 12, 1.0, Map.of("train", 0.99, "test", 0.01)));
        assertTrue(few.getMessage().contains("too few to give the 'test' split"), few.getMessage());
        DataException missing = assertThrows(DataException.class, () -> open(3, Map.of("source", dir.resolve("nope.gz").toString())));
        assertTrue(missing.getMessage().contains("nope.gz: file not found"), missing.getMessage());
    }

    @Test
    void glyphsShowTenDifferentDigitsAndVary() {
        float[][] g = new float[20][];
        for (int k = 0; k < 20; k++) {
            g[k] = Glyphs.draw(k, 28);
            double ink = 0;
            for (float v : g[k]) {
                assertTrue(v >= 0 && v <= 1);
                ink += v;
            }
            assertTrue(ink > 20 && ink < 400, "glyph " + k + " ink " + ink);
            // the border rows stay empty, as in MNIST
            for (int x = 0; x < 28; x++) {
                assertEquals(0f, g[k][x], "glyph " + k + " touches the top row");
            }
        }
        assertArrayEquals(g[3], Glyphs.draw(3, 28));
        // the digits stay recognisable across styles: the mean glyph of each digit (over 30 styles) is the
        // nearest of the ten for most new glyphs (a nearest-centroid classifier)
        float[][] centroid = new float[10][28 * 28];
        for (int k = 0; k < 300; k++) {
            float[] x = Glyphs.draw(k, 28);
            for (int p = 0; p < x.length; p++) {
                centroid[k % 10][p] += x[p] / 30;
            }
        }
        int right = 0;
        for (int k = 1000; k < 1200; k++) {
            float[] x = Glyphs.draw(k, 28);
            int best = 0;
            for (int d = 1; d < 10; d++) {
                best = distance(x, centroid[d]) < distance(x, centroid[best]) ? d : best;
            }
            right += best == k % 10 ? 1 : 0;
            assertFalse(Arrays.equals(x, Glyphs.draw(k + 10, 28)), "two glyphs of digit " + k % 10 + " look alike");
        }
        assertTrue(right >= 180, "nearest-centroid accuracy " + right + "/200");
    }

    private static double distance(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(s);
    }
}
