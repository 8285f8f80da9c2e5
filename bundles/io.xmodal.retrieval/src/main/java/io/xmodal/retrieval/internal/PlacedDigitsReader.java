package io.xmodal.retrieval.internal;

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

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * An instance-level audio-visual set, generated in pure Java: a digit of random size placed anywhere
 * in the picture, and a sound made from the same draw. The sound is two notes: the first note's pitch
 * follows the digit's height in the picture (higher up, higher pitch: 220 to 880 Hz), the second is the
 * digit's number of semitones above it (the class); a quiet high partial sounds through both notes at
 * 1200 to 3600 Hz, higher the further right the digit is; and a bigger digit is louder and brighter
 * (stronger harmonics). Every cue is spectral, so it survives pooling over time. Font and rotation vary
 * in the picture only; pixel and audio noise are independent. So each picture has one sound that
 * matches it beyond the class, and instance retrieval is meaningful. See docs/retrieval.md.
 */
@Component(service = Reader.class)
public class PlacedDigitsReader implements Reader {
    static final String NAME = "av-placed-digits";
    static final double NOTE_SECONDS = 0.1;
    static final double FADE_SECONDS = 0.01;
    static final double ONSET = 0.05;

    static final ComponentSpec SPEC = ComponentSpec.of(Role.READER, NAME)
            .doc("synthetic pairs: a placed digit of random size and the two-note sound whose pitch, high partial, loudness and interval follow its height, place, size and class")
            .produces(Modality.IMAGE, Modality.AUDIO, Modality.LABEL)
            .param(Param.integer("size", 5000).range(2, 10_000_000).doc("number of pairs"))
            .param(Param.integer("image-size", 32).range(16, 256).doc("images are image-size x image-size, one grey channel"))
            .param(Param.integer("sample-rate", 8000).range(4000, 48000).doc("audio sample rate"))
            .param(Param.real("duration", 0.5).range(0.25, 10).doc("seconds of audio per pair (the notes sound from 0.05 to 0.25 s)"))
            .param(Param.real("rotation", 10.0).range(0, 180).doc("largest rotation of a glyph, degrees either way (not heard)"))
            .param(Param.real("noise", 0.05).range(0, 1).doc("standard deviation of Gaussian pixel noise"))
            .param(Param.real("audio-noise", 0.01).range(0, 1).doc("standard deviation of Gaussian noise added to the sound"))
            .build();

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public Dataset open(DataContext ctx, Params params) throws DataException {
        return new PlacedDigits(ctx.seed(), params);
    }

    /** What one pair is drawn from: class, height, centre (fractions of the image), font pose. */
    record Draw(int digit, double height, double cx, double cy, DigitGlyphs.Pose pose) {
        /** Height in [0, 1] of its range. */
        double sizeNorm() {
            return (height - 0.3) / 0.4;
        }

        /** 0 at the left of the allowed range, 1 at the right. */
        double xNorm() {
            return (cx - 0.25) / 0.5;
        }

        /** 0 at the bottom of the allowed range, 1 at the top. */
        double yNorm() {
            return 1 - (cy - 0.25) / 0.5;
        }

        double pitch() {
            return 220 * Math.pow(2, 2 * yNorm());
        }
    }

    static Draw draw(long seed, long index, double rotation) {
        Random r = new Random(seed * 1_000_003L + index * 104_729L + 5);
        int digit = r.nextInt(10);
        double h = 0.3 + 0.4 * r.nextDouble();
        double cx = 0.25 + 0.5 * r.nextDouble();
        double cy = 0.25 + 0.5 * r.nextDouble();
        return new Draw(digit, h, cx, cy, DigitGlyphs.pose(r, rotation, h, cx, cy));
    }

    /** Frequency of the high partial: 1200 Hz at the left of the allowed range, 3600 Hz at the right. */
    static double partial(Draw d) {
        return 1200 + 2400 * d.xNorm();
    }

    /** The sound of a draw: two notes with harmonics (pitch by y, interval by class, level and brightness by size) and a partial by x. */
    static float[] sound(Draw d, int rate, int length, double noise, Random r) {
        float[] x = new float[length];
        double amp = 0.15 + 0.6 * d.sizeNorm();
        double rolloff = 2.5 - 2.0 * d.sizeNorm(); // harmonic k has weight k^-rolloff: bigger is brighter
        double onset = ONSET;
        double[] f = {d.pitch(), d.pitch() * Math.pow(2, d.digit() / 12.0)};
        int noteLen = (int) Math.round(NOTE_SECONDS * rate);
        int fade = (int) Math.round(FADE_SECONDS * rate);
        for (int n = 0; n < 2; n++) {
            int start = (int) Math.round((onset + n * NOTE_SECONDS) * rate);
            double norm = 0;
            for (int k = 1; k <= 6; k++) {
                norm += Math.pow(k, -rolloff);
            }
            for (int i = 0; i < noteLen && start + i < length; i++) {
                double t = i / (double) rate;
                double env = Math.min(1, Math.min(i, noteLen - 1 - i) / (double) Math.max(1, fade));
                double v = 0;
                for (int k = 1; k <= 6 && k * f[n] < rate / 2.0; k++) {
                    v += Math.pow(k, -rolloff) * Math.sin(2 * Math.PI * k * f[n] * t);
                }
                x[start + i] += (float) (amp * env * v / norm);
            }
        }
        int from = (int) Math.round(onset * rate);
        int to = Math.min(length, from + 2 * noteLen);
        double fp = partial(d);
        for (int i = from; i < to; i++) {
            double env = Math.min(1, Math.min(i - from, to - 1 - i) / (double) Math.max(1, fade));
            x[i] += (float) (0.15 * env * Math.sin(2 * Math.PI * fp * (i - from) / rate));
        }
        if (noise > 0) {
            for (int i = 0; i < length; i++) {
                x[i] += (float) (r.nextGaussian() * noise);
            }
        }
        return x;
    }

    /** The generated pairs. */
    static final class PlacedDigits implements Dataset {
        private static final List<String> CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        private final long seed;
        private final int count;
        private final int size;
        private final int rate;
        private final int length;
        private final double rotation;
        private final double noise;
        private final double audioNoise;
        private final String fingerprint;
        private final Map<String, Signature> modalities = new LinkedHashMap<>();

        PlacedDigits(long seed, Params p) {
            this.seed = seed;
            this.count = p.getInt("size");
            this.size = p.getInt("image-size");
            this.rate = p.getInt("sample-rate");
            this.length = (int) Math.round(p.getDouble("duration") * rate);
            this.rotation = p.getDouble("rotation");
            this.noise = p.getDouble("noise");
            this.audioNoise = p.getDouble("audio-noise");
            this.fingerprint = NAME + " " + new java.util.TreeMap<>(p.asMap()) + " seed " + seed;
            modalities.put("image", Signature.of(Modality.IMAGE, 1, size, size));
            modalities.put("audio", Signature.of(Modality.AUDIO, length).withRate(rate));
            modalities.put("label", Signature.of(Modality.LABEL, 10));
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
        public Sample get(long index) throws DataException {
            if (index < 0 || index >= count) {
                throw new DataException(null, "no pair " + index + " (the set has " + count + ")");
            }
            Draw d = draw(seed, index, rotation);
            Random r = new Random(seed * 31L + index * 7L + 3);
            float[] image = DigitGlyphs.draw(d.digit(), d.pose(), size, noise, r);
            float[] audio = sound(d, rate, length, audioNoise, r);
            String source = String.format(Locale.ROOT, "digit %d, %s; notes %.0f Hz + %d semitones, partial %.0f Hz, level %.2f",
                    d.digit(), d.pose().describe(), d.pitch(), d.digit(), partial(d), 0.15 + 0.6 * d.sizeNorm());
            return new Sample(String.format(Locale.ROOT, "pair-%06d", index),
                    Map.of("image", image, "audio", audio, "label", new float[] {d.digit()}), source);
        }

        @Override
        public String fingerprint() {
            return fingerprint;
        }

        @Override
        public List<String> classes(String modality) {
            return modality.equals("label") ? CLASSES : null;
        }

        @Override
        public Sample decode(Path file) throws DataException {
            return QueryImages.decode(file, "av-placed-digits", size, rate, length);
        }
    }
}
