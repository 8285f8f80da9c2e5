package io.xmodal.audio.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Param;
import io.xmodal.api.Params;
import io.xmodal.api.data.DataException;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** What the speech recipes share: voice, speed and pitch options and their checks. */
final class SpeechRecipes {
    private SpeechRecipes() {
    }

    static ComponentSpec.Builder voiceParams(ComponentSpec.Builder b) {
        return b.param(Param.stringList("voices", List.of())
                        .doc("espeak-ng voice variants to use (e.g. [m1, f2, Alex]); empty: every installed variant"))
                .param(Param.integer("sample-rate", 16000).range(0, 384000)
                        .doc("rate the WAV files are written at (resampled from espeak-ng's 22050 Hz); 0 keeps 22050"))
                .param(Param.integer("min-speed", 130).range(80, 450).doc("slowest speaking rate, words per minute"))
                .param(Param.integer("max-speed", 200).range(80, 450).doc("fastest speaking rate, words per minute"))
                .param(Param.integer("min-pitch", 25).range(0, 99).doc("lowest base pitch (espeak-ng 0..99)"))
                .param(Param.integer("max-pitch", 75).range(0, 99).doc("highest base pitch (espeak-ng 0..99)"));
    }

    /** The voice variants to use, checked against those installed. */
    static List<String> voices(Params p, Espeak espeak) throws DataException {
        List<String> installed = espeak.variants();
        List<String> wanted = p.getStringList("voices");
        if (wanted.isEmpty()) {
            if (installed.isEmpty()) {
                throw new DataException(null, "espeak-ng lists no voice variants (espeak-ng --voices=variant); reinstall espeak-ng-data");
            }
            return installed;
        }
        for (String v : wanted) {
            if (!installed.contains(v)) {
                throw new DataException(null, "voice variant '" + v + "' is not installed; installed: " + String.join(", ", installed));
            }
        }
        return wanted;
    }

    static void checkRanges(Params p) throws DataException {
        if (p.getInt("min-speed") > p.getInt("max-speed")) {
            throw new DataException(null, "min-speed " + p.getInt("min-speed") + " is above max-speed " + p.getInt("max-speed"));
        }
        if (p.getInt("min-pitch") > p.getInt("max-pitch")) {
            throw new DataException(null, "min-pitch " + p.getInt("min-pitch") + " is above max-pitch " + p.getInt("max-pitch"));
        }
    }

    static void checkLanguages(List<String> languages, Espeak espeak) throws DataException {
        Set<String> installed = espeak.languages();
        List<String> missing = new ArrayList<>();
        for (String l : languages) {
            // espeak-ng takes a language family (en) for its first variant (en-gb) as well as a full code
            if (!installed.contains(l) && installed.stream().noneMatch(code -> code.startsWith(l + "-"))) {
                missing.add(l);
            }
        }
        if (!missing.isEmpty()) {
            throw new DataException(null, "espeak-ng has no language " + missing + "; installed: " + String.join(", ", installed));
        }
    }

    static int between(Random r, int lo, int hi) {
        return lo + r.nextInt(hi - lo + 1);
    }
}
