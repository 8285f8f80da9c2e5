package io.xmodal.instruments.internal;

import io.xmodal.api.Params;
import io.xmodal.api.data.DataException;
import io.xmodal.testing.TestDataContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the recipe checks before it renders anything; none of this needs fluidsynth. */
class InstrumentsRecipeTest {
    private static DataException fails(Path out, Map<String, Object> with) {
        return assertThrows(DataException.class, () -> new InstrumentsRecipe().build(out, Params.defaults(InstrumentsRecipe.SPEC, with),
                new TestDataContext(7)));
    }

    @Test
    void theDefaultsPlanThirteenInstrumentsOfSixteenPitchesAtThreeVelocities() throws DataException {
        List<NotePlan.Note> notes = InstrumentsRecipe.plan(Params.defaults(InstrumentsRecipe.SPEC));
        assertEquals(13 * 16 * 3, notes.size());
        assertEquals("violin", notes.get(0).instrument().label());
        assertEquals("flute", notes.get(notes.size() - 1).instrument().label());
    }

    @Test
    void aClipLongerThanNoteAndGapIsRefused(@TempDir Path out) {
        DataException e = fails(out, Map.of("clip-seconds", 2.0));
        assertTrue(e.getMessage().contains("clip-seconds 2.00 is longer than note-seconds + gap-seconds (1.75)"), e.getMessage());
        assertEquals(0, out.toFile().list().length, "nothing was written");
    }

    @Test
    void tooManyPitchesNameTheInstrumentAndTheLimit(@TempDir Path out) {
        DataException e = fails(out, Map.of("pitches", 31, "instruments", List.of("violin", "tuba")));
        assertTrue(e.getMessage().startsWith("instruments: pitches 31 exceeds the 30 semitones the tuba plays here (F1 to A#3); use at most 30"),
                e.getMessage());
    }

    @Test
    void missingFluidsynthSaysWhatToInstall(@TempDir Path out) {
        String before = System.getProperty("xmodal.fluidsynth");
        System.setProperty("xmodal.fluidsynth", out.resolve("no-such-fluidsynth").toString());
        try {
            DataException e = fails(out, Map.of("pitches", 5));
            assertTrue(e.getMessage().contains("sudo apt-get install fluidsynth fluid-soundfont-gm"), e.getMessage());
            assertTrue(e.getMessage().contains("fluidsynth, which is not installed"), e.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty("xmodal.fluidsynth");
            } else {
                System.setProperty("xmodal.fluidsynth", before);
            }
        }
    }

    @Test
    void aMissingOrWrongSoundFontIsNamed(@TempDir Path dir) throws Exception {
        DataException e = assertThrows(DataException.class, () -> FluidSynth.checkSoundFont(dir.resolve("none.sf2")));
        assertTrue(e.getMessage().contains("none.sf2") && e.getMessage().contains("fluid-soundfont-gm"), e.getMessage());
        e = assertThrows(DataException.class, () -> FluidSynth.checkSoundFont(Path.of(FluidSynth.DEFAULT_SOUNDFONT + ".missing")));
        assertTrue(e.getMessage().contains("SoundFont not found"), e.getMessage());
        Path notSf2 = Files.writeString(dir.resolve("x.sf2"), "RIFF0000WAVEfmt ");
        e = assertThrows(DataException.class, () -> FluidSynth.checkSoundFont(notSf2));
        assertTrue(e.getMessage().contains("is not a SoundFont 2 file"), e.getMessage());
    }

    @Test
    void pictureRandomnessDependsOnSeedNoteAndIndexOnly() {
        assertEquals(InstrumentsRecipe.pictureRandom(7, 3, 1).nextLong(), InstrumentsRecipe.pictureRandom(7, 3, 1).nextLong());
        assertTrue(InstrumentsRecipe.pictureRandom(7, 3, 1).nextLong() != InstrumentsRecipe.pictureRandom(8, 3, 1).nextLong());
        assertTrue(InstrumentsRecipe.pictureRandom(7, 3, 1).nextLong() != InstrumentsRecipe.pictureRandom(7, 3, 2).nextLong());
        assertTrue(InstrumentsRecipe.pictureRandom(7, 3, 0).nextLong() != InstrumentsRecipe.pictureRandom(7, 4, 0).nextLong());
    }
}
