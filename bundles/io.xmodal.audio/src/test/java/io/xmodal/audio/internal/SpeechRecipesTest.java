package io.xmodal.audio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xmodal.api.Params;
import io.xmodal.api.data.DataContext;
import io.xmodal.api.data.DataException;
import io.xmodal.audio.dsp.Audio;
import io.xmodal.audio.dsp.Wav;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpeechRecipesTest {
    @TempDir
    Path dir;

    static DataContext ctx(long seed, List<String> lines) {
        return new DataContext() {
            @Override
            public long seed() {
                return seed;
            }

            @Override
            public Path cacheDir() {
                return Path.of(System.getProperty("java.io.tmpdir"));
            }

            @Override
            public Consumer<String> progress() {
                return lines::add;
            }
        };
    }

    static boolean espeakInstalled() {
        try {
            Espeak.find();
            return true;
        } catch (DataException e) {
            System.err.println("SKIPPED: espeak-ng is not installed, so the recipes are not exercised here ("
                    + e.getMessage() + ")");
            return false;
        }
    }

    @Test
    void withoutEspeakTheRecipeSaysHowToInstallIt() {
        String before = System.getProperty("xmodal.espeak");
        System.setProperty("xmodal.espeak", dir.resolve("no-such-espeak").toString());
        try {
            SpokenDigitsRecipe r = new SpokenDigitsRecipe();
            DataException e = assertThrows(DataException.class,
                    () -> r.build(dir.resolve("out"), Params.defaults(r.spec()), ctx(1, new ArrayList<>())));
            assertTrue(e.getMessage().contains("espeak-ng, which is not installed") && e.getMessage().contains("apt-get install espeak-ng"),
                    e.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty("xmodal.espeak");
            } else {
                System.setProperty("xmodal.espeak", before);
            }
        }
    }

    @Test
    void spokenLanguagesWritesBalancedLabelledWavsWithVoicesAsGroupsDeterministically() throws Exception {
        Assumptions.assumeTrue(espeakInstalled(), "espeak-ng is not installed");
        SpokenLanguagesRecipe r = new SpokenLanguagesRecipe();
        Params p = Params.defaults(r.spec(), Map.of("size", 6, "languages", List.of("en", "de", "fr"), "voices", List.of("m1", "f2"),
                "numbers", 1));
        String summary = r.build(dir.resolve("a"), p, ctx(4, new ArrayList<>()));
        assertTrue(summary.contains("6 utterances, 3 languages, 2 voices"), summary);
        List<String> lines = Files.readAllLines(dir.resolve("a/manifest.csv"));
        assertEquals("path,label,group,language,voice,speed,pitch,text", lines.get(0));
        assertEquals(7, lines.size());
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            assertEquals(List.of("en", "de", "fr").get((i - 1) % 3), f[1]);
            assertTrue(f[2].equals("m1") || f[2].equals("f2"), lines.get(i));
            Audio a = Wav.read(dir.resolve("a").resolve(f[0]));
            assertEquals(16000, a.sampleRate());
            assertTrue(a.durationSeconds() > 0.2, f[0] + " is " + a.durationSeconds() + " s");
        }
        r.build(dir.resolve("b"), p, ctx(4, new ArrayList<>()));
        assertEquals(lines, Files.readAllLines(dir.resolve("b/manifest.csv")), "same options and seed, same corpus");
        assertTrue(Files.mismatch(dir.resolve("a").resolve(lines.get(1).split(",")[0]), dir.resolve("b").resolve(lines.get(1).split(",")[0])) < 0);
    }

    @Test
    void unknownLanguagesAndVoicesAreListedWithWhatIsInstalled() {
        Assumptions.assumeTrue(espeakInstalled(), "espeak-ng is not installed");
        SpokenLanguagesRecipe r = new SpokenLanguagesRecipe();
        DataException e = assertThrows(DataException.class, () -> r.build(dir.resolve("x"),
                Params.defaults(r.spec(), Map.of("languages", List.of("en", "klingon"))), ctx(1, new ArrayList<>())));
        assertTrue(e.getMessage().startsWith("espeak-ng has no language [klingon]; installed: "), e.getMessage());
        e = assertThrows(DataException.class, () -> r.build(dir.resolve("y"),
                Params.defaults(r.spec(), Map.of("voices", List.of("nobody"))), ctx(1, new ArrayList<>())));
        assertTrue(e.getMessage().startsWith("voice variant 'nobody' is not installed; installed: "), e.getMessage());
    }
}
