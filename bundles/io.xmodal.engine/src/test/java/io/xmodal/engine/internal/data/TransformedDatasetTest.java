package io.xmodal.engine.internal.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Modality;
import io.xmodal.api.Param;
import io.xmodal.api.Params;
import io.xmodal.api.Role;
import io.xmodal.api.Signature;
import io.xmodal.api.data.DataException;
import io.xmodal.api.data.Dataset;
import io.xmodal.api.data.Sample;
import io.xmodal.api.data.Transform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransformedDatasetTest {
    @TempDir
    Path cache;

    /** x -> x * factor, doubling the length; counts how often it runs. */
    static final class Scale implements Transform {
        final AtomicInteger applied = new AtomicInteger();

        @Override
        public ComponentSpec spec() {
            return ComponentSpec.of(Role.TRANSFORM, "scale").accepts(Modality.AUDIO).produces(Modality.SPECTROGRAM)
                    .param(Param.real("factor", 2.0)).build();
        }

        @Override
        public Op open(Signature input, Params p) throws DataException {
            if (input.size() < 1) {
                throw new DataException(null, "scale needs a fixed size");
            }
            double f = p.getDouble("factor");
            Signature out = Signature.of(Modality.SPECTROGRAM, 1, input.dim(0), 2);
            return new Op() {
                @Override
                public Signature output() {
                    return out;
                }

                @Override
                public float[] apply(float[] x) {
                    applied.incrementAndGet();
                    float[] y = new float[x.length * 2];
                    for (int i = 0; i < x.length; i++) {
                        y[2 * i] = (float) (x[i] * f);
                        y[2 * i + 1] = x[i];
                    }
                    return y;
                }
            };
        }
    }

    /** Subtracts the mean of the training inputs (a fitting step). */
    static final class Center implements Transform {
        @Override
        public ComponentSpec spec() {
            return ComponentSpec.of(Role.TRANSFORM, "center").accepts(Modality.ANY).produces(Modality.ANY).build();
        }

        @Override
        public Op open(Signature input, Params p) {
            return new Op() {
                double mean = Double.NaN;

                @Override
                public Signature output() {
                    return input;
                }

                @Override
                public boolean fits() {
                    return true;
                }

                @Override
                public void fit(Iterable<float[]> training) {
                    double sum = 0;
                    long n = 0;
                    for (float[] x : training) {
                        for (float v : x) {
                            sum += v;
                            n++;
                        }
                    }
                    mean = sum / n;
                }

                @Override
                public float[] apply(float[] x) {
                    float[] y = new float[x.length];
                    for (int i = 0; i < x.length; i++) {
                        y[i] = (float) (x[i] - mean);
                    }
                    return y;
                }
            };
        }
    }

    /** Sample i has audio [i, i+1, i+2] and label i % 2. */
    static Dataset data(String fingerprint) {
        return new Dataset() {
            @Override
            public Map<String, Signature> modalities() {
                return Map.of("audio", Signature.of(Modality.AUDIO, 3).withRate(8000), "label", Signature.of(Modality.LABEL, 2));
            }

            @Override
            public long size() {
                return 10;
            }

            @Override
            public Sample get(long i) {
                return new Sample("s" + i, Map.of("audio", new float[] {i, i + 1, i + 2}, "label", new float[] {i % 2}), "test");
            }

            @Override
            public String fingerprint() {
                return fingerprint;
            }
        };
    }

    private static TransformedDataset.Step step(Transform t, Map<String, Object> with, String on, String as) {
        Params p = Params.defaults(t.spec(), with);
        return new TransformedDataset.Step(t.spec().name(), t, p, on, as, t.spec().name() + " " + p.asMap());
    }

    @Test
    void appliesStepsKeepsOtherModalitiesAndFitsOnTrainingOnly() throws Exception {
        Scale scale = new Scale();
        List<TransformedDataset.Step> steps = List.of(step(scale, Map.of("factor", 3.0), "audio", "spec"),
                step(new Center(), Map.of(), "spec", "spec"));
        TransformedDataset ds = new TransformedDataset(data("fp"), steps, "reader", new long[] {0, 1}, cache, 2, s -> { });
        assertEquals(Signature.of(Modality.SPECTROGRAM, 1, 3, 2), ds.modalities().get("spec"));
        assertEquals(Signature.of(Modality.AUDIO, 3).withRate(8000), ds.modalities().get("audio"));
        // training samples 0 and 1: scaled values 0,0,3,1,6,2 and 3,1,6,2,9,3 -> mean 3
        assertArrayEquals(new float[] {3 * 4 - 3, 4 - 3, 3 * 5 - 3, 5 - 3, 3 * 6 - 3, 6 - 3}, ds.get(4).get("spec"), 1e-6f);
        assertArrayEquals(new float[] {4, 5, 6}, ds.get(4).get("audio"));
        assertArrayEquals(new float[] {0}, ds.get(4).get("label"));
        assertEquals(10, scale.applied.get());
    }

    /** A file outside the data goes through the same steps, the fitting one with the training split's statistics. */
    @Test
    void decodeAppliesTheStepsWithTheFittedStatistics() throws Exception {
        Dataset source = new Dataset() {
            final Dataset inner = data("fp");

            @Override
            public Map<String, Signature> modalities() {
                return inner.modalities();
            }

            @Override
            public long size() {
                return inner.size();
            }

            @Override
            public Sample get(long i) throws DataException {
                return inner.get(i);
            }

            @Override
            public String fingerprint() {
                return "fp";
            }

            @Override
            public Sample decode(Path file) {
                return new Sample(file.getFileName().toString(), Map.of("audio", new float[] {1, 2, 3}), file.toString());
            }
        };
        List<TransformedDataset.Step> steps = List.of(step(new Scale(), Map.of("factor", 3.0), "audio", "spec"),
                step(new Center(), Map.of(), "spec", "spec"));
        TransformedDataset ds = new TransformedDataset(source, steps, "reader", new long[] {0, 1}, cache, 2, s -> { });
        Sample s = ds.decode(Path.of("query.wav"));
        // scaled 3,1,6,2,9,3 minus the training mean 3
        assertArrayEquals(new float[] {0, -2, 3, -1, 6, 0}, s.get("spec"), 1e-6f);
        assertArrayEquals(new float[] {1, 2, 3}, s.get("audio"));
        assertEquals("query.wav", s.id());
        // a source that reads no single files says so
        DataException e = assertThrows(DataException.class,
                () -> new TransformedDataset(data("fp"), steps, "reader", new long[] {0, 1}, cache, 2, x -> { }).decode(Path.of("q.png")));
        assertEquals("q.png: this dataset cannot read single files", e.getMessage());
    }

    @Test
    void secondOpeningReadsTheCacheAndAChangeOfParameterOrFilesRecomputes() throws Exception {
        Scale scale = new Scale();
        TransformedDataset a = new TransformedDataset(data("fp"), List.of(step(scale, Map.of(), "audio", "spec")), "reader",
                new long[0], cache, 1, s -> { });
        float[] first = a.get(7).get("spec");
        assertEquals(10, scale.applied.get());
        try (var files = Files.list(cache)) {
            assertEquals(1, files.filter(f -> f.toString().endsWith(".bin")).count());
        }

        List<String> lines = new ArrayList<>();
        TransformedDataset b = new TransformedDataset(data("fp"), List.of(step(scale, Map.of(), "audio", "spec")), "reader",
                new long[0], cache, 1, lines::add);
        assertArrayEquals(first, b.get(7).get("spec"));
        assertEquals(10, scale.applied.get(), "served from the cache");
        assertTrue(lines.get(0).contains("from the cache"), lines.toString());
        assertEquals(a.cacheKey(), b.cacheKey());

        TransformedDataset otherParam = new TransformedDataset(data("fp"), List.of(step(scale, Map.of("factor", 5.0), "audio", "spec")),
                "reader", new long[0], cache, 1, s -> { });
        assertNotEquals(a.cacheKey(), otherParam.cacheKey());
        assertEquals(35f, otherParam.get(7).get("spec")[0]);
        assertEquals(20, scale.applied.get());

        TransformedDataset otherFiles = new TransformedDataset(data("fp2"), List.of(step(scale, Map.of(), "audio", "spec")),
                "reader", new long[0], cache, 1, s -> { });
        assertNotEquals(a.cacheKey(), otherFiles.cacheKey());
        otherFiles.get(0);
        assertEquals(30, scale.applied.get());

        TransformedDataset otherReader = new TransformedDataset(data("fp"), List.of(step(scale, Map.of(), "audio", "spec")),
                "reader with other parameters", new long[0], cache, 1, s -> { });
        assertNotEquals(a.cacheKey(), otherReader.cacheKey());
    }

    @Test
    void aDamagedCacheFileIsRecomputedNotTrusted() throws Exception {
        Scale scale = new Scale();
        TransformedDataset a = new TransformedDataset(data("fp"), List.of(step(scale, Map.of(), "audio", "spec")), "reader",
                new long[0], cache, 1, s -> { });
        float[] first = a.get(3).get("spec");
        Path file = cache.resolve(a.cacheKey() + ".bin");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 7));
        List<String> lines = new ArrayList<>();
        TransformedDataset b = new TransformedDataset(data("fp"), List.of(step(scale, Map.of(), "audio", "spec")), "reader",
                new long[0], cache, 1, lines::add);
        assertArrayEquals(first, b.get(3).get("spec"));
        assertTrue(lines.get(0).contains("damaged"), lines.toString());
        assertEquals(20, scale.applied.get());
    }

    @Test
    void withoutAFingerprintNothingIsCached() throws Exception {
        TransformedDataset a = new TransformedDataset(data(null), List.of(step(new Scale(), Map.of(), "audio", "spec")), "reader",
                new long[0], cache, 1, s -> { });
        a.get(0);
        try (var files = Files.list(cache)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void aMissingModalityOrAnUnacceptedOneIsNamed() {
        DataException e = assertThrows(DataException.class, () -> new TransformedDataset(data("fp"),
                List.of(step(new Scale(), Map.of(), "sound", "spec")), "reader", new long[0], cache, 1, s -> { }));
        assertTrue(e.getMessage().contains("reads 'sound' but the data has"), e.getMessage());
        e = assertThrows(DataException.class, () -> new TransformedDataset(data("fp"),
                List.of(step(new Scale(), Map.of(), "label", "spec")), "reader", new long[0], cache, 1, s -> { }));
        assertTrue(e.getMessage().contains("cannot read label label[2]; it accepts [audio]"), e.getMessage());
    }
}
