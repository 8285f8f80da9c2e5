package io.xmodal.audio.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Param;
import io.xmodal.api.Params;
import io.xmodal.api.Role;
import io.xmodal.api.data.DataContext;
import io.xmodal.api.data.DataException;
import io.xmodal.api.data.Recipe;
import org.osgi.service.component.annotations.Component;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Spoken digits 0-9 (like the Free Spoken Digit Dataset): each utterance one digit said by an espeak-ng
 * voice variant at a varied speed and pitch. Digits take turns, so classes are balanced.
 */
@Component(service = Recipe.class)
public final class SpokenDigitsRecipe implements Recipe {
    static final String NAME = "spoken-digits";

    private static final ComponentSpec SPEC = SpeechRecipes.voiceParams(ComponentSpec.of(Role.RECIPE, NAME)
            .doc("the digits 0-9 spoken by espeak-ng voices (label: digit, group: voice)")
            .param(Param.integer("size", 3000).range(10, 10_000_000).doc("number of utterances"))
            .param(Param.string("language", "en").doc("espeak-ng language the digits are spoken in")))
            .build();

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public String build(Path out, Params p, DataContext ctx) throws DataException {
        SpeechRecipes.checkRanges(p);
        Espeak espeak = Espeak.find();
        String lang = p.getString("language");
        SpeechRecipes.checkLanguages(List.of(lang), espeak);
        List<String> voices = SpeechRecipes.voices(p, espeak);
        Random r = new Random(ctx.seed() * 31 + 2);
        int n = p.getInt("size");
        List<SpeechCorpus.Utterance> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String digit = Integer.toString(i % 10);
            String voice = voices.get(r.nextInt(voices.size()));
            items.add(new SpeechCorpus.Utterance(String.format("%s-%06d", digit, i), digit, lang, voice,
                    SpeechRecipes.between(r, p.getInt("min-speed"), p.getInt("max-speed")),
                    SpeechRecipes.between(r, p.getInt("min-pitch"), p.getInt("max-pitch")), digit));
        }
        ctx.progress().accept("speaking " + n + " digits with " + voices.size() + " voices");
        SpeechCorpus.write(out, items, espeak, p.getInt("sample-rate"), ctx);
        return NAME + ": " + n + " utterances, " + voices.size() + " voices; manifest " + out.resolve("manifest.csv");
    }
}
