package io.xmodal.data.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Modality;
import io.xmodal.api.Param;
import io.xmodal.api.Params;
import io.xmodal.api.Role;
import io.xmodal.api.Signature;
import io.xmodal.api.data.DataContext;
import io.xmodal.api.data.DataException;
import io.xmodal.api.data.Dataset;
import io.xmodal.api.data.Reader;
import io.xmodal.api.data.Sample;
import org.osgi.service.component.annotations.Component;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Synthetic faces and their voices: a grey cartoon face ({@code image}, IMAGE[1,S,S] in [0,1]) and a
 * voice-like series ({@code series}, SERIES[L], roughly in [-1,1]) that both follow from six hidden
 * attributes drawn uniformly in [0,1]: face width w, face height h, eye size e, eye spacing s, mouth
 * openness m and skin brightness b.
 * <p>
 * Sample {@code i} is computed on demand from its own generator, seeded from the experiment seed and
 * {@code i} alone, so any access order gives the same bytes. The draws, in order: w, h, e, s, m, b; the
 * position jitter jx, jy (uniform in [-jitter, jitter] pixels); the background grey (uniform in
 * [0, 0.3]); then one Gaussian per pixel. Image size, noise and jitter therefore never change the
 * attributes, nor the series.
 * <p>
 * The image is drawn by {@link FaceRenderer}: a face ellipse of width (0.5 + 0.25 w) S, height
 * (0.56 + 0.24 h) S and grey 0.45 + 0.5 b; two round dark eyes of radius (0.03 + 0.035 e) S,
 * (0.14 + 0.16 s) S apart; a dark mouth ellipse 0.24 S wide and (0.016 + 0.12 m) S high; plus Gaussian
 * pixel noise. The series is {@link VoiceSynth}:
 * <pre>
 * y(t) = A(t) [(1 - k) sin φ(t) + k sin(2 φ(t) + 0.6 π s)],   t = j / (L - 1)
 * φ(t) = 2π (f0 t + g (t² - t) / 2),  f0 = 1 + 0.6 h,  g = 0.8 (w - 0.5)
 * A(t) = 0.3 + 0.6 (0.25 + 0.75 m) exp(-((t - c) / 0.3)²),  c = 0.2 + 0.6 e
 * k    = 0.1 + 0.5 b
 * </pre>
 * The series is a smooth, noise-free function of all six attributes (a model must read the face), with
 * low frequencies so that a small image encoder can learn it. With {@code attributes: true} the six
 * attributes are also given as {@code attributes}, FEATURES[6], for probing what a model learned.
 */
@Component(service = Reader.class)
public final class SyntheticFacesVoicesReader implements Reader {
    static final String NAME = "synthetic-faces-voices";
    private static final long SEED_SALT = 0x3C6EF372FE94F82BL;

    private static final ComponentSpec SPEC = ComponentSpec.of(Role.READER, NAME)
            .doc("synthetic cartoon faces (image) and voice-like series that depend smoothly on six face attributes")
            .produces(Modality.IMAGE, Modality.SERIES, Modality.FEATURES)
            .param(Param.integer("count", 4000).range(10, 1_000_000)
                    .doc("number of samples"))
            .param(Param.integer("image-size", 32).range(16, 256)
                    .doc("side S of the square grey image, pixels"))
            .param(Param.integer("series-length", 64).range(8, 4096)
                    .doc("number of steps L of the voice series"))
            .param(Param.real("noise", 0.05).range(0, 0.5)
                    .doc("standard deviation of the Gaussian pixel noise (pixels are in [0, 1])"))
            .param(Param.integer("jitter", 2).range(0, 16)
                    .doc("largest shift of the face centre in pixels, each axis (a nuisance)"))
            .param(Param.bool("attributes", false)
                    .doc("also give the six hidden attributes as modality 'attributes' (features[6]) for probing"))
            .build();

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public Dataset open(DataContext ctx, Params params) throws DataException {
        int count = params.getInt("count");
        int size = params.getInt("image-size");
        int length = params.getInt("series-length");
        double noise = params.getDouble("noise");
        int jitter = params.getInt("jitter");
        if (count < 1 || size < 4 || length < 2 || noise < 0 || jitter < 0) {
            throw new DataException(null, NAME + ": count " + count + ", image-size " + size + ", series-length "
                    + length + ", noise " + noise + ", jitter " + jitter + " out of range; see `xmodal plugins`");
        }
        return new Faces(ctx.seed(), count, size, length, noise, jitter, params.getBool("attributes"));
    }

    /** The per-sample generator: a function of the seed and the index only. */
    static SplittableRandom rngFor(long seed, long index) {
        return new SplittableRandom(mix64(mix64(seed ^ SEED_SALT) + index * 0x9E3779B97F4A7C15L));
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    /** The dataset: nothing is stored, every sample is drawn again when asked for. */
    private static final class Faces implements Dataset {
        private final long seed;
        private final int count;
        private final int size;
        private final int length;
        private final double noise;
        private final int jitter;
        private final boolean withAttributes;
        private final Map<String, Signature> modalities = new LinkedHashMap<>();

        Faces(long seed, int count, int size, int length, double noise, int jitter, boolean withAttributes) {
            this.seed = seed;
            this.count = count;
            this.size = size;
            this.length = length;
            this.noise = noise;
            this.jitter = jitter;
            this.withAttributes = withAttributes;
            modalities.put("image", Signature.of(Modality.IMAGE, 1, size, size));
            modalities.put("series", Signature.of(Modality.SERIES, length));
            if (withAttributes) {
                modalities.put("attributes", Signature.of(Modality.FEATURES, FaceAttributes.COUNT));
            }
        }

        @Override
        public Map<String, Signature> modalities() {
            return modalities;
        }

        @Override
        public long size() {
            return count;
        }

        @Override
        public Sample get(long index) {
            if (index < 0 || index >= count) {
                throw new IndexOutOfBoundsException("sample " + index + " of " + count);
            }
            SplittableRandom rng = rngFor(seed, index);
            FaceAttributes a = FaceAttributes.draw(rng);
            double jx = (2 * rng.nextDouble() - 1) * jitter;
            double jy = (2 * rng.nextDouble() - 1) * jitter;
            double background = 0.3 * rng.nextDouble();
            Map<String, float[]> values = new LinkedHashMap<>();
            values.put("image", FaceRenderer.render(a, size, jx, jy, background, noise, rng));
            values.put("series", VoiceSynth.series(a, length));
            if (withAttributes) {
                values.put("attributes", a.toArray());
            }
            return new Sample(String.format("face-%05d", index), values, "synthetic #" + index);
        }
    }
}
