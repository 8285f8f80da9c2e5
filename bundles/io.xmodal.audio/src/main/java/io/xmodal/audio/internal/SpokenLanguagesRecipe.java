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
 * Spoken-language identification: numbers read aloud as words by espeak-ng in each language, by many
 * voice variants at varied speeds and pitches. Languages take turns, so classes are balanced; each
 * utterance's voice is drawn independently of its language, so the voice says nothing about the label.
 */
@Component(service = Recipe.class)
public final class SpokenLanguagesRecipe implements Recipe {
    static final String NAME = "spoken-languages";

    private static final ComponentSpec SPEC = SpeechRecipes.voiceParams(ComponentSpec.of(Role.RECIPE, NAME)
            .doc("numbers read aloud in several languages by espeak-ng voices (label: language, group: voice)")
            .param(Param.integer("size", 4000).range(10, 10_000_000).doc("number of utterances"))
            .param(Param.stringList("languages", List.of("en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru", "sv"))
                    .doc("espeak-ng language codes, one class each (at least 2)"))
            .param(Param.integer("numbers", 2).range(1, 20).doc("numbers spoken per utterance"))
            .param(Param.integer("max-number", 999).range(9, 999_999_999).doc("largest number spoken")))
            .build();

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public String build(Path out, Params p, DataContext ctx) throws DataException {
        List<String> languages = p.getStringList("languages");
        if (languages.size() < 2 || languages.stream().distinct().count() != languages.size()) {
            throw new DataException(null, "languages must name at least 2 different languages, got " + languages);
        }
        SpeechRecipes.checkRanges(p);
        Espeak espeak = Espeak.find();
        SpeechRecipes.checkLanguages(languages, espeak);
        List<String> voices = SpeechRecipes.voices(p, espeak);
        Random r = new Random(ctx.seed() * 31 + 1);
        int n = p.getInt("size");
        List<SpeechCorpus.Utterance> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String lang = languages.get(i % languages.size());
            StringBuilder text = new StringBuilder();
            for (int k = 0; k < p.getInt("numbers"); k++) {
                text.append(k == 0 ? "" : ", ").append(r.nextInt(p.getInt("max-number") + 1));
            }
            String voice = voices.get(r.nextInt(voices.size()));
            items.add(new SpeechCorpus.Utterance(String.format("%s-%06d", lang, i), lang, lang, voice,
                    SpeechRecipes.between(r, p.getInt("min-speed"), p.getInt("max-speed")),
                    SpeechRecipes.between(r, p.getInt("min-pitch"), p.getInt("max-pitch")), text.toString()));
        }
        ctx.progress().accept("speaking " + n + " utterances in " + languages.size() + " languages with " + voices.size() + " voices");
        SpeechCorpus.write(out, items, espeak, p.getInt("sample-rate"), ctx);
        return NAME + ": " + n + " utterances, " + languages.size() + " languages, " + voices.size() + " voices; manifest "
                + out.resolve("manifest.csv");
    }
}
