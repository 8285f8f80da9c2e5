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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Pairs of a spoken digit (a WAV file of a labelled manifest, such as the one {@code xmodal data build
 * spoken-digits} writes) and a picture of the same digit drawn with Java2D fonts (random font, rotation,
 * height, placement and pixel noise, seeded per sample), so nothing has to be downloaded. A pair shares
 * only its class: retrieval between them is scored at class level. Groups are the manifest's groups
 * (voices), so a test split holds voices never heard in training.
 */
@Component(service = Reader.class)
public class AvDigitsReader implements Reader {
    static final String NAME = "av-digits";
    static final ComponentSpec SPEC = ComponentSpec.of(Role.READER, NAME)
            .doc("spoken digits (WAV files of a manifest: path,label,group) paired by class with digits drawn in Java2D fonts")
            .produces(Modality.IMAGE, Modality.AUDIO, Modality.LABEL)
            .param(Param.path("manifest", null).doc("CSV with columns path (relative to the CSV), label (0-9) and group, e.g. data/spoken-digits/manifest.csv"))
            .param(Param.integer("sample-rate", 16000).range(1000, 192000).doc("audio is resampled to this rate"))
            .param(Param.real("duration", 1.0).range(0.05, 60).doc("seconds of audio kept (cropped, or zero-padded at the end)"))
            .param(Param.integer("image-size", 28).range(8, 256).doc("images are image-size x image-size, one grey channel"))
            .param(Param.real("rotation", 15.0).range(0, 180).doc("largest rotation of a glyph, degrees either way"))
            .param(Param.real("noise", 0.05).range(0, 1).doc("standard deviation of Gaussian pixel noise (pixels in [0, 1])"))
            .build();

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public Dataset open(DataContext ctx, Params params) throws DataException {
        if (!params.has("manifest")) {
            throw new DataException(null, "av-digits needs 'manifest' (the spoken digits' manifest.csv; make one with "
                    + "'xmodal data build spoken-digits --out data/spoken-digits')");
        }
        Path manifest = params.getPath("manifest");
        List<Entry> entries = readManifest(manifest);
        return new AvDigits(entries, ctx.seed(), params.getInt("sample-rate"), params.getDouble("duration"), params.getInt("image-size"),
                params.getDouble("rotation"), params.getDouble("noise"), fingerprint(manifest, params, ctx.seed()));
    }

    record Entry(Path wav, int label, String group) {
    }

    static List<Entry> readManifest(Path manifest) throws DataException {
        List<String> lines;
        try {
            lines = Files.readAllLines(manifest);
        } catch (IOException e) {
            throw new DataException(manifest, "cannot read the manifest (" + e.getMessage() + "); make it with 'xmodal data build spoken-digits --out DIR'");
        }
        if (lines.isEmpty()) {
            throw new DataException(manifest, "empty manifest; it needs a header path,label,group and one line per WAV file");
        }
        List<String> header = List.of(lines.get(0).trim().split(","));
        int path = header.indexOf("path");
        int label = header.indexOf("label");
        int group = header.indexOf("group");
        if (path < 0 || label < 0) {
            throw new DataException(manifest, "line 1: the header needs columns 'path' and 'label' (and optionally 'group'), found " + header);
        }
        List<Entry> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length < header.size()) {
                throw new DataException(manifest, "line " + (i + 1) + ": " + f.length + " fields, the header has " + header.size());
            }
            int l;
            try {
                l = Integer.parseInt(f[label].trim());
            } catch (NumberFormatException e) {
                throw new DataException(manifest, "line " + (i + 1) + ": label '" + f[label] + "' is not a digit 0-9");
            }
            if (l < 0 || l > 9) {
                throw new DataException(manifest, "line " + (i + 1) + ": label " + l + " is not a digit 0-9");
            }
            Path wav = manifest.toAbsolutePath().getParent().resolve(f[path].trim()).normalize();
            if (!Files.isRegularFile(wav)) {
                throw new DataException(manifest, "line " + (i + 1) + ": " + wav + " does not exist; rebuild the data or fix the path");
            }
            out.add(new Entry(wav, l, group >= 0 ? f[group].trim() : null));
        }
        return out;
    }

    private static String fingerprint(Path manifest, Params params, long seed) throws DataException {
        try {
            return NAME + " " + manifest.toAbsolutePath() + " " + Files.size(manifest) + " " + Files.getLastModifiedTime(manifest).toMillis()
                    + " " + new java.util.TreeMap<>(params.asMap()) + " seed " + seed;
        } catch (IOException e) {
            throw new DataException(manifest, "cannot read: " + e.getMessage());
        }
    }

    /** The opened pairs. */
    static final class AvDigits implements Dataset {
        private static final List<String> CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        private final List<Entry> entries;
        private final long seed;
        private final int rate;
        private final int length;
        private final int size;
        private final double rotation;
        private final double noise;
        private final String fingerprint;
        private final Map<String, Signature> modalities = new LinkedHashMap<>();

        AvDigits(List<Entry> entries, long seed, int rate, double duration, int size, double rotation, double noise, String fingerprint) {
            this.entries = entries;
            this.seed = seed;
            this.rate = rate;
            this.length = (int) Math.round(duration * rate);
            this.size = size;
            this.rotation = rotation;
            this.noise = noise;
            this.fingerprint = fingerprint;
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
            return entries.size();
        }

        @Override
        public Sample get(long index) throws DataException {
            Entry e = entries.get((int) index);
            Random r = new Random(seed * 1_000_003L + index * 7919L + 17);
            DigitGlyphs.Pose pose = DigitGlyphs.pose(r, rotation, 0.55 + 0.3 * r.nextDouble(),
                    0.5 + (r.nextDouble() - 0.5) * 0.2, 0.5 + (r.nextDouble() - 0.5) * 0.2);
            float[] image = DigitGlyphs.draw(e.label(), pose, size, noise, r);
            float[] audio = AudioClips.load(e.wav(), rate, length);
            return new Sample(e.wav().getFileName().toString(), Map.of("image", image, "audio", audio, "label", new float[] {e.label()}),
                    e.wav() + " | digit " + e.label() + ", " + pose.describe());
        }

        @Override
        public String group(long index) {
            return entries.get((int) index).group();
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
            return QueryImages.decode(file, "av-digits", size, rate, length);
        }
    }
}
