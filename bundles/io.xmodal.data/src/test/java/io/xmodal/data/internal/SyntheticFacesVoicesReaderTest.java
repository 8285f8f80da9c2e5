package io.xmodal.data.internal;

import io.xmodal.testing.TestDataContext;
import io.xmodal.api.Modality;
import io.xmodal.api.Params;
import io.xmodal.api.Signature;
import io.xmodal.api.data.Dataset;
import io.xmodal.api.data.Sample;
import io.xmodal.api.data.Splits;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticFacesVoicesReaderTest {
    private final SyntheticFacesVoicesReader reader = new SyntheticFacesVoicesReader();

    private Dataset open(long seed, Map<String, Object> with) throws Exception {
        return reader.open(new TestDataContext(seed), Params.defaults(reader.spec(), with));
    }

    @Test
    void specIsConstantAndDocumented() {
        assertTrue(reader.spec() == reader.spec());
        assertEquals("synthetic-faces-voices", reader.spec().name());
        reader.spec().params().forEach(p -> assertFalse(p.doc().isEmpty(), p.name() + " has no doc"));
        assertEquals(4000, reader.spec().param("count").orElseThrow().defaultValue());
    }

    @Test
    void shapesRangesAndIds() throws Exception {
        Dataset d = open(7, Map.of("count", 50, "image-size", 24, "series-length", 40));
        assertEquals(50, d.size());
        assertEquals(List.of("image", "series"), List.copyOf(d.modalities().keySet()));
        assertEquals(Signature.of(Modality.IMAGE, 1, 24, 24), d.modalities().get("image"));
        assertEquals(Signature.of(Modality.SERIES, 40), d.modalities().get("series"));
        for (int i = 0; i < d.size(); i++) {
            Sample s = d.get(i);
            assertEquals(24 * 24, s.get("image").length);
            assertEquals(40, s.get("series").length);
            for (float v : s.get("image")) {
                assertTrue(v >= 0 && v <= 1, "pixel " + v);
            }
            for (float v : s.get("series")) {
                assertTrue(Math.abs(v) <= 0.9f + 1e-6, "series value " + v);
            }
        }
        assertEquals("face-00012", d.get(12).id());
        assertEquals("synthetic #12", d.get(12).source());
        assertEquals(Signature.of(Modality.FEATURES, 6), open(7, Map.of("attributes", true)).modalities().get("attributes"));
    }

    @Test
    void sameSeedGivesIdenticalSamplesInAnyOrder() throws Exception {
        Dataset a = open(42, Map.of("count", 100));
        Dataset b = open(42, Map.of("count", 100));
        Sample[] forward = new Sample[100];
        for (int i = 0; i < 100; i++) {
            forward[i] = a.get(i);
        }
        for (int i = 99; i >= 0; i--) {
            Sample s = b.get(i);
            assertArrayEquals(forward[i].get("image"), s.get("image"));
            assertArrayEquals(forward[i].get("series"), s.get("series"));
        }
        // a repeated, out-of-order read of the same dataset is identical too
        assertArrayEquals(forward[17].get("image"), a.get(17).get("image"));
        // and the image size, noise and jitter leave the attributes and so the series untouched
        Dataset big = open(42, Map.of("count", 100, "image-size", 64, "noise", 0.0, "jitter", 0));
        assertArrayEquals(forward[5].get("series"), big.get(5).get("series"));
    }

    @Test
    void differentSeedOrIndexGivesDifferentSamples() throws Exception {
        Dataset a = open(1, Map.of("count", 10));
        Dataset b = open(2, Map.of("count", 10));
        assertFalse(Arrays.equals(a.get(3).get("image"), b.get(3).get("image")));
        assertFalse(Arrays.equals(a.get(3).get("series"), b.get(3).get("series")));
        assertFalse(Arrays.equals(a.get(3).get("series"), a.get(4).get("series")));
    }

    @Test
    void splitsWithGroupsAreDeterministic() throws Exception {
        Dataset d = open(3, Map.of("count", 200));
        Map<String, Double> fractions = new LinkedHashMap<>();
        fractions.put("train", 0.8);
        fractions.put("test", 0.2);
        // pretend every 10 consecutive faces are one person: a person never straddles two splits
        Map<String, long[]> s1 = Splits.assign(d.size(), i -> "person-" + (i / 10), 3, fractions);
        Map<String, long[]> s2 = Splits.assign(d.size(), i -> "person-" + (i / 10), 3, fractions);
        assertArrayEquals(s1.get("train"), s2.get("train"));
        assertArrayEquals(s1.get("test"), s2.get("test"));
        assertEquals(160, s1.get("train").length);
        assertEquals(40, s1.get("test").length);
        for (long i : s1.get("test")) {
            long person = i / 10;
            assertTrue(Arrays.stream(s1.get("train")).noneMatch(j -> j / 10 == person), "person " + person + " is in both");
        }
        Map<String, long[]> other = Splits.assign(d.size(), i -> "person-" + (i / 10), 4, fractions);
        assertNotEquals(Arrays.toString(s1.get("test")), Arrays.toString(other.get("test")));
    }
}
