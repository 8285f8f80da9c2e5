package io.xmodal.engine.internal.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.api.runtime.Problem;
import io.xmodal.engine.internal.descriptor.Node;
import io.xmodal.engine.internal.descriptor.YamlTree;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The variant matrix: crossing, exclude, include, seeds, names, order and the problems of a bad study. */
class StudyFileTest {
    private static final String BASE = "experiment: s\nseed: 3\nmodel: {decoder: {use: gru, with: {hidden: 8}}}\ntrain: {epochs: 2}\n";

    private static StudyFile parse(String study) throws DescriptorException {
        return StudyFile.parse(YamlTree.parse("s.yaml", BASE + study), "s.yaml");
    }

    private static List<String> names(StudyFile s) {
        return s.runs().stream().map(StudyFile.Run::name).toList();
    }

    @Test
    void varyCrossesInFileOrderLastPathFastest() throws DescriptorException {
        StudyFile s = parse("vary:\n  model.decoder.use: [gru, lstm, dense]\n  train.epochs: [2, 4]\n");
        assertEquals(List.of(
                "model.decoder.use=gru, train.epochs=2", "model.decoder.use=gru, train.epochs=4",
                "model.decoder.use=lstm, train.epochs=2", "model.decoder.use=lstm, train.epochs=4",
                "model.decoder.use=dense, train.epochs=2", "model.decoder.use=dense, train.epochs=4"), names(s));
        assertEquals(List.of("model.decoder.use", "train.epochs"), s.varied());
        assertEquals(6, s.variants());
        assertEquals(List.of(1, 2, 3, 4, 5, 6), s.runs().stream().map(StudyFile.Run::index).toList());
    }

    @Test
    void excludeDropsMatchingCombinationsIncludeAddsAfterTheMatrix() throws DescriptorException {
        StudyFile s = parse("vary:\n  model.decoder.use: [gru, lstm]\n  train.epochs: [2, 4]\n"
                + "exclude:\n  - {model.decoder.use: lstm, train.epochs: 4}\n  - {train.epochs: 2, model.decoder.use: gru}\n"
                + "include:\n  - {model.decoder: {use: dense, with: {steps: 16}}, train.epochs: 3}\n");
        assertEquals(List.of("model.decoder.use=gru, train.epochs=4", "model.decoder.use=lstm, train.epochs=2",
                "model.decoder={use: dense, with: {steps: 16}}, train.epochs=3"), names(s));
        assertEquals(List.of("model.decoder.use", "train.epochs", "model.decoder"), s.varied());
    }

    @Test
    void aPartialExcludeDropsEveryCombinationItMatches() throws DescriptorException {
        StudyFile s = parse("vary:\n  model.decoder.use: [gru, lstm]\n  train.epochs: [2, 4]\nexclude:\n  - {model.decoder.use: lstm}\n");
        assertEquals(List.of("model.decoder.use=gru, train.epochs=2", "model.decoder.use=gru, train.epochs=4"), names(s));
    }

    @Test
    void seedsRepeatEveryVariantSeedBySeed() throws DescriptorException {
        StudyFile s = parse("vary:\n  model.decoder.use: [gru, lstm]\nseeds: [5, 6]\n");
        assertEquals(List.of("model.decoder.use=gru, seed=5", "model.decoder.use=lstm, seed=5",
                "model.decoder.use=gru, seed=6", "model.decoder.use=lstm, seed=6"), names(s));
        assertEquals(List.of(1, 2, 1, 2), s.runs().stream().map(StudyFile.Run::variant).toList());
        Node d = s.descriptor(s.runs().get(3));
        assertEquals("6", d.get("seed").text());
        assertEquals("lstm", d.get("model").get("decoder").get("use").text());
        assertEquals("8", d.get("model").get("decoder").get("with").get("hidden").text(), "the rest of the base stays");
        assertNull(d.get("vary"), "the study keys are gone");
        assertNull(d.get("seeds"));
    }

    @Test
    void seedsAloneRepeatTheBase() throws DescriptorException {
        StudyFile s = parse("seeds: [1, 2, 3]\n");
        assertEquals(List.of("seed=1", "seed=2", "seed=3"), names(s));
        assertEquals(1, s.variants());
        assertEquals(List.of(), s.varied());
    }

    @Test
    void valuesKeepTheirPlaceInTheFile() throws DescriptorException {
        StudyFile s = parse("vary:\n  train.epochs: [2, 40]\n");
        Node epochs = s.descriptor(s.runs().get(1)).get("train").get("epochs");
        assertEquals("40", epochs.text());
        assertEquals(6, epochs.line(), "line of the value under vary:");
        assertEquals(21, epochs.column());
    }

    @Test
    void folderNamesAreNumberedShortAndSafe() throws DescriptorException {
        StudyFile s = parse("vary:\n  model.decoder.use: [gru]\n  model.decoder.with.hidden: [8, 16]\n"
                + "include:\n  - {model.decoder: {use: dense, with: {steps: 16}}}\nseeds: [1]\n");
        List<String> dirs = s.runs().stream().map(r -> r.dirName(s.indexWidth())).toList();
        assertEquals(List.of("01-decoder-gru_decoder.hidden-8_seed-1", "02-decoder-gru_decoder.hidden-16_seed-1",
                "03-decoder-dense-steps-16_seed-1"), dirs);
        Pattern safe = Pattern.compile("[A-Za-z0-9._-]+");
        dirs.forEach(d -> assertTrue(safe.matcher(d).matches(), d));
    }

    @Test
    void theOrderAndNamesAreTheSameEveryTime() throws DescriptorException {
        String study = "vary:\n  model.decoder.use: [gru, lstm]\n  train.epochs: [2, 4]\nseeds: [2, 1]\n";
        assertEquals(names(parse(study)), names(parse(study)));
        StudyFile s = parse(study);
        assertEquals(s.runs().get(5), s.find(s.runs().get(5).name()));
        assertEquals(s.runs().get(5), s.find("6"));
        assertEquals(s.runs().get(5), s.find(s.runs().get(5).dirName(s.indexWidth())));
        assertNull(s.find("9"));
        assertNull(s.find("model.decoder.use=gru"));
    }

    @Test
    void badStudiesNameEveryProblemWhereItIs() {
        DescriptorException e = assertThrows(DescriptorException.class, () -> parse(
                "vary:\n  model.decoder.use: gru\n  train.epochs: [2, 2]\n  vary.x: [1]\n"
                        + "exclude:\n  - {train.batch: 4}\nseeds: [1, -1, 1]\n"));
        List<String> messages = e.problems().stream().map(Problem::toString).toList();
        assertTrue(messages.contains("s.yaml:6:22: vary.model.decoder.use: give a non-empty list of values, e.g. [gru, ...]"), messages.toString());
        assertTrue(messages.contains("s.yaml:7:21: vary.train.epochs: the value 2 appears twice; keep one"), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("s.yaml:8:3: vary: 'vary.x' sets a study key")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("s.yaml:11:12: seeds: -1 is not a whole number")), messages.toString());
        assertTrue(messages.contains("s.yaml:11:16: seeds: 1 appears twice; keep one"), messages.toString());
    }

    @Test
    void excludeMustNameVariedValues() {
        DescriptorException e = assertThrows(DescriptorException.class, () -> parse(
                "vary:\n  model.decoder.use: [gru, lstm]\nexclude:\n  - {model.decoder.use: gur}\n  - {train.batch: 4}\n"));
        List<String> messages = e.problems().stream().map(Problem::toString).toList();
        assertEquals(List.of(
                "s.yaml:8:25: exclude entry 1: model.decoder.use=gur is not one of the values under vary: gru, lstm",
                "s.yaml:9:19: exclude entry 2 names 'train.batch', which is not under vary: (varied: model.decoder.use)"), messages);
    }

    @Test
    void anIncludeThatRepeatsTheMatrixAndAnExcludeOfEverythingAreRefused() {
        DescriptorException repeat = assertThrows(DescriptorException.class, () -> parse(
                "vary:\n  model.decoder.use: [gru, lstm]\ninclude:\n  - {model.decoder.use: lstm}\n"));
        assertTrue(repeat.problems().get(0).message().contains("include entry 1 repeats a variant"), repeat.getMessage());
        DescriptorException all = assertThrows(DescriptorException.class, () -> parse(
                "vary:\n  model.decoder.use: [gru]\nexclude:\n  - {model.decoder.use: gru}\n"));
        assertTrue(all.problems().get(0).message().contains("removes every combination"), all.getMessage());
    }

    @Test
    void aDescriptorWithoutStudyKeysIsNoStudy() throws DescriptorException {
        assertFalse(StudyFile.isStudy(YamlTree.parse("x.yaml", BASE)));
        assertTrue(StudyFile.isStudy(YamlTree.parse("x.yaml", BASE + "seeds: [1]\n")));
    }
}
