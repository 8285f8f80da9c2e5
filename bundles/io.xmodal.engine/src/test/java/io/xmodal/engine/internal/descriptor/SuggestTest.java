package io.xmodal.engine.internal.descriptor;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SuggestTest {
    @Test
    void typosFindTheirWord() {
        List<String> words = List.of("blocks", "width", "convs-per-block", "batch-norm", "pooling");
        assertEquals("blocks", Suggest.closest("blcks", words).orElseThrow());
        assertEquals("width", Suggest.closest("widht", words).orElseThrow());
        assertEquals("batch-norm", Suggest.closest("batchnorm", words).orElseThrow());
        assertEquals("pooling", Suggest.closest("pool", words).orElseThrow());
    }

    @Test
    void unrelatedWordsGetNoSuggestion() {
        assertTrue(Suggest.closest("temperature", List.of("blocks", "width")).isEmpty());
        assertEquals("", Suggest.didYouMean("zzz", List.of("adam", "sgd")));
    }

    @Test
    void transpositionCountsOnce() {
        assertEquals(1, Suggest.distance("ecnoder", "encoder"));
    }
}
