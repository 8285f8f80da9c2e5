package io.xmodal.data.internal;

import io.xmodal.api.Modality;
import io.xmodal.api.Params;
import io.xmodal.api.Signature;
import io.xmodal.api.data.DataException;
import io.xmodal.api.data.Sample;
import io.xmodal.audio.dsp.Audio;
import io.xmodal.audio.dsp.Wav;
import io.xmodal.testing.TestDataContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tiny generated folders: class c's image k is a solid colour whose red is 40 c + 5 k; class c's sound s is a
 * constant 0.1 (c + 1) + 0.01 s at 8 kHz, so a pair's image and sound tell their class and file.
 */
class AvPairsReaderTest {
    private static final List<String> CLASSES = List.of("bell", "drum", "horn");
    private static final int IMAGES = 5;
    private static final int SOUNDS = 2;

    @TempDir
    Path dir;
    private Path images;
    private Path audio;

    @BeforeEach
    void writeFolders() throws Exception {
        images = dir.resolve("pictures");
        audio = dir.resolve("sounds");
        for (int c = 0; c < CLASSES.size(); c++) {
            Files.createDirectories(images.resolve(CLASSES.get(c)));
            Files.createDirectories(audio.resolve(CLASSES.get(c)));
            for (int k = 0; k < IMAGES; k++) {
                writeImage(images.resolve(CLASSES.get(c)).resolve("img" + k + ".png"), 40 * c + 5 * k);
            }
            for (int s = 0; s < SOUNDS; s++) {
                writeWav(audio.resolve(CLASSES.get(c)).resolve("snd" + s + ".wav"), 0.1f * (c + 1) + 0.01f * s, 8000, 4000);
            }
        }
        Files.writeString(images.resolve("README.txt"), "not an image, ignored");
    }

    private static void writeImage(Path f, int red) throws Exception {
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                img.setRGB(x, y, red << 16 | 0x40);
            }
        }
        ImageIO.write(img, "png", f.toFile());
    }

    private static void writeWav(Path f, float value, int rate, int n) throws Exception {
        float[] x = new float[n];
        Arrays.fill(x, value);
        Wav.write(f, new Audio(x, rate), Wav.Encoding.FLOAT_32);
    }

    private Params params(Map<String, Object> with) {
        Map<String, Object> m = new HashMap<>(Map.of("images", images.toString(), "audio", audio.toString(), "image-size", 4,
                "sample-rate", 8000, "duration", 0.25));
        m.putAll(with);
        return Params.defaults(AvPairsReader.SPEC, m);
    }

    private AvPairsReader.AvPairs open(Map<String, Object> with, long seed) throws DataException {
        return (AvPairsReader.AvPairs) new AvPairsReader().open(new TestDataContext(seed), params(with));
    }

    /** The class of a sample's image (from its red) and the class and file of its sound (from its value). */
    private static int[] decodePair(Sample s) {
        int red = Math.round(s.get("image")[0] * 255);
        float v = s.get("audio")[100];
        int soundClass = (int) Math.floor(v * 10 + 1e-3) - 1;
        int soundFile = Math.round((v - 0.1f * (soundClass + 1)) * 100);
        return new int[] {red / 40, soundClass, soundFile, (int) s.get("label")[0]};
    }

    @Test
    void everyImageOnceWithASoundOfItsClassEachSoundUsedEvenly() throws DataException {
        AvPairsReader.AvPairs d = open(Map.of(), 7);
        assertEquals(CLASSES.size() * IMAGES, d.size());
        assertEquals(Signature.of(Modality.IMAGE, 3, 4, 4), d.modalities().get("image"));
        assertEquals(Signature.of(Modality.AUDIO, 2000).withRate(8000), d.modalities().get("audio"));
        assertEquals(Signature.of(Modality.LABEL, 3), d.modalities().get("label"));
        assertEquals(CLASSES, d.classes("label"));
        int[][] uses = new int[CLASSES.size()][SOUNDS];
        for (int i = 0; i < d.size(); i++) {
            int[] p = decodePair(d.get(i));
            assertEquals(p[0], p[1], "image and sound of sample " + i + " share a class");
            assertEquals(p[0], p[3], "the label is the class's index");
            uses[p[1]][p[2]]++;
            assertEquals(2000, d.get(i).get("audio").length);
            assertTrue(d.get(i).source().contains(" | "), d.get(i).source());
        }
        for (int[] u : uses) {
            assertTrue(Math.abs(u[0] - u[1]) <= 1, "cycle uses each sound of a class 2 or 3 times: " + Arrays.toString(u));
        }
        assertEquals(null, d.split(0));
        assertEquals(null, d.group(0));
    }

    @Test
    void pairingIsSeededAndDeterministic() throws DataException {
        int[] a = pairs(open(Map.of(), 7));
        assertEquals(Arrays.toString(a), Arrays.toString(pairs(open(Map.of(), 7))));
        boolean differs = false;
        for (long seed = 8; seed < 14 && !differs; seed++) {
            differs = !Arrays.equals(a, pairs(open(Map.of(), seed)));
        }
        assertTrue(differs, "another seed pairs differently");
        int[] r = pairs(open(Map.of("pairing", "random"), 7));
        assertEquals(Arrays.toString(r), Arrays.toString(pairs(open(Map.of("pairing", "random"), 7))));
        AvPairsReader.AvPairs random = open(Map.of("pairing", "random"), 7);
        for (int i = 0; i < random.size(); i++) {
            int[] p = decodePair(random.get(i));
            assertEquals(p[0], p[1]);
        }
    }

    private static int[] pairs(AvPairsReader.AvPairs d) {
        int[] out = new int[(int) d.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = d.soundOf(i);
        }
        return out;
    }

    @Test
    void classesChooseAndOrder() throws DataException {
        AvPairsReader.AvPairs d = open(Map.of("classes", List.of("horn", "bell")), 1);
        assertEquals(List.of("horn", "bell"), d.classes("label"));
        assertEquals(2 * IMAGES, d.size());
        for (int i = 0; i < d.size(); i++) {
            int[] p = decodePair(d.get(i));
            assertEquals(p[0] == 2 ? 0 : 1, p[3]);
        }
        DataException e = assertThrows(DataException.class, () -> open(Map.of("classes", List.of("horn", "harp")), 1));
        assertTrue(e.getMessage().contains("has no images of class 'harp'"), e.getMessage());
    }

    @Test
    void aClassOnOneSideOnlyIsNamedWithTheFix() throws Exception {
        Files.createDirectories(audio.resolve("tuba"));
        writeWav(audio.resolve("tuba/t.wav"), 0.5f, 8000, 100);
        DataException e = assertThrows(DataException.class, () -> open(Map.of(), 1));
        assertTrue(e.getMessage().startsWith(images.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("has no images of class 'tuba' (audio has some); add images for it"), e.getMessage());
        // with the classes listed, the extra class is left out
        assertEquals(CLASSES.size() * IMAGES, open(Map.of("classes", CLASSES), 1).size());

        Files.createDirectories(images.resolve("zither"));
        writeImage(images.resolve("zither/z.png"), 10);
        e = assertThrows(DataException.class, () -> open(Map.of("classes", List.of("bell", "zither")), 1));
        assertTrue(e.getMessage().contains("has no sounds of class 'zither' (images has some); add WAV files for it"), e.getMessage());
    }

    @Test
    void emptyOrMissingFoldersSayWhatIsExpected() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty/none"));
        DataException e = assertThrows(DataException.class, () -> open(Map.of("audio", empty.getParent().toString()), 1));
        assertTrue(e.getMessage().contains("holds no WAV files in class subfolders (expected empty/<class>/<file>)"), e.getMessage());
        e = assertThrows(DataException.class, () -> open(Map.of("images", dir.resolve("nowhere").toString()), 1));
        assertTrue(e.getMessage().contains("nowhere: not found; set images: to a folder"), e.getMessage());
        e = assertThrows(DataException.class, () -> new AvPairsReader().open(new TestDataContext(1),
                Params.defaults(AvPairsReader.SPEC, Map.of("images", images.toString()))));
        assertTrue(e.getMessage().contains("needs both 'images' and 'audio'"), e.getMessage());
    }

    @Test
    void unreadableFilesAreNamedWithTheFix() throws Exception {
        Path badImage = images.resolve("drum/broken.png");
        Files.write(badImage, new byte[] {1, 2, 3, 4});
        DataException e = assertThrows(DataException.class, () -> open(Map.of(), 1));
        assertTrue(e.getMessage().startsWith(badImage.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not a readable image") && e.getMessage().contains("replace it with a PNG"), e.getMessage());
        Files.delete(badImage);
        Path badWav = audio.resolve("horn/broken.wav");
        Files.writeString(badWav, "RIFF but not really");
        e = assertThrows(DataException.class, () -> open(Map.of(), 1));
        assertTrue(e.getMessage().startsWith(badWav.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("replace it with a 16-bit PCM or float WAV file, or remove it"), e.getMessage());
    }

    @Test
    void labelCsvsWithSplitsPairWithinTheSplit() throws Exception {
        StringBuilder ic = new StringBuilder("path,label,split,group\n");
        StringBuilder ac = new StringBuilder("label,path,split\n");
        for (int c = 0; c < CLASSES.size(); c++) {
            for (int k = 0; k < IMAGES; k++) {
                ic.append("pictures/").append(CLASSES.get(c)).append("/img").append(k).append(".png,").append(CLASSES.get(c)).append(',')
                        .append(k < 3 ? "train" : "test").append(",g").append(k).append('\n');
            }
            for (int s = 0; s < SOUNDS; s++) {
                ac.append(CLASSES.get(c)).append(",sounds/").append(CLASSES.get(c)).append("/snd").append(s).append(".wav,")
                        .append(s == 0 ? "train" : "test").append('\n');
            }
        }
        Path icsv = Files.writeString(dir.resolve("images.csv"), ic);
        Path acsv = Files.writeString(dir.resolve("audio.csv"), ac);
        AvPairsReader.AvPairs d = open(Map.of("images", icsv.toString(), "audio", acsv.toString()), 3);
        assertEquals(15, d.size());
        for (int i = 0; i < d.size(); i++) {
            int[] p = decodePair(d.get(i));
            String split = d.split(i);
            assertEquals(split.equals("train") ? 0 : 1, p[2], "sample " + i + " (" + split + ") gets the sound of its split");
            assertEquals(p[0], p[1]);
            assertTrue(d.group(i).startsWith("g"));
        }
        // splits on one side only would mix train and test sounds
        DataException e = assertThrows(DataException.class, () -> open(Map.of("images", icsv.toString()), 3));
        assertTrue(e.getMessage().contains("has a split column but audio has none"), e.getMessage());
        // a split with images but no sounds of the class
        Files.writeString(acsv, ac.toString().replace("horn,sounds/horn/snd1.wav,test", "horn,sounds/horn/snd1.wav,train"));
        e = assertThrows(DataException.class, () -> open(Map.of("images", icsv.toString(), "audio", acsv.toString()), 3));
        assertTrue(e.getMessage().contains("has no sounds of class 'horn' in split 'test'"), e.getMessage());
        Files.writeString(acsv, "path,label\nsounds/horn/none.wav,horn\n");
        e = assertThrows(DataException.class, () -> open(Map.of("images", icsv.toString(), "audio", acsv.toString()), 3));
        assertTrue(e.getMessage().contains("line 2:") && e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void soundsAreResampledCroppedAndPadded() throws Exception {
        for (int c = 0; c < CLASSES.size(); c++) {
            writeWav(audio.resolve(CLASSES.get(c)).resolve("snd0.wav"), 0.3f, 16000, 16000);
            writeWav(audio.resolve(CLASSES.get(c)).resolve("snd1.wav"), 0.3f, 8000, 400);
        }
        AvPairsReader.AvPairs d = open(Map.of("duration", 0.5), 1);
        List<Float> tails = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            float[] a = d.get(i).get("audio");
            assertEquals(4000, a.length);
            assertEquals(0.3, a[200], 0.02);
            tails.add(a[3999]);
        }
        assertTrue(tails.contains(0f), "the 50 ms file is zero-padded");
        assertTrue(tails.stream().anyMatch(t -> Math.abs(t - 0.3) < 0.02), "the 1 s file is cropped");
    }

    @Test
    void decodeReadsAnImageOrAWav() throws Exception {
        AvPairsReader.AvPairs d = open(Map.of(), 1);
        Sample img = d.decode(images.resolve("horn/img1.png"));
        assertEquals(3 * 4 * 4, img.get("image").length);
        assertEquals(85 / 255f, img.get("image")[0], 1e-6);
        assertEquals(2000, d.decode(audio.resolve("bell/snd0.wav")).get("audio").length);
        DataException e = assertThrows(DataException.class, () -> d.decode(images.resolve("README.txt")));
        assertTrue(e.getMessage().contains("reads images"), e.getMessage());
        assertNotEquals(null, d.fingerprint());
    }
}
