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
import io.xmodal.data.io.ImageLoader;
import org.osgi.service.component.annotations.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Pairs any folder (or CSV) of images with any folder (or CSV) of WAV files by class label: every image is
 * one sample, given a sound of its own class, chosen deterministically from the seed. Both sides are read
 * and decoded when the data is opened, so a bad file or a class found on one side only fails before any
 * training, naming the file or class and the fix.
 */
@Component(service = Reader.class)
public final class AvPairsReader implements Reader {
    static final String NAME = "av-pairs";

    static final ComponentSpec SPEC = ComponentSpec.of(Role.READER, NAME)
            .doc("any image folder paired with any WAV folder by class (subfolder name or a labels CSV); every image once, a sound of its class")
            .produces(Modality.IMAGE, Modality.AUDIO, Modality.LABEL)
            .param(Param.path("images", null).doc("folder with one subfolder of images per class, or a CSV path,label[,split][,group]"))
            .param(Param.path("audio", null).doc("folder with one subfolder of WAV files per class, or a CSV path,label[,split]"))
            .param(Param.choice("pairing", "cycle", "cycle", "random")
                    .doc("cycle: a class's sounds, shuffled once, taken in turn (each used about equally); random: drawn per image"))
            .param(Param.stringList("classes", List.of()).doc("classes to use, in this order (the label's index); empty: all, sorted"))
            .param(Param.integer("image-size", 64).range(4, 1024).doc("images are resized to image-size x image-size"))
            .param(Param.integer("channels", 3).range(1, 3).doc("1 = grey (luma), 3 = RGB"))
            .param(Param.integer("sample-rate", 16000).range(1000, 384000).doc("sounds are resampled to this rate, Hz"))
            .param(Param.real("duration", 1.0).range(0.01, 600).doc("seconds of sound kept: longer files cropped, shorter zero-padded at the end"))
            .param(Param.choice("crop", "start", "start", "center").doc("which part of a longer sound is kept"))
            .build();

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public Dataset open(DataContext ctx, Params p) throws DataException {
        if (!p.has("images") || !p.has("audio")) {
            throw new DataException(null, NAME + " needs both 'images' and 'audio' (folders with one subfolder per class, or CSVs "
                    + "path,label); e.g. images: data/instruments/images, audio: data/instruments/wav");
        }
        int channels = p.getInt("channels");
        if (channels != 1 && channels != 3) {
            throw new DataException(null, NAME + ": channels must be 1 (grey) or 3 (RGB), got " + channels);
        }
        Path imageRoot = p.getPath("images");
        Path audioRoot = p.getPath("audio");
        List<LabelledFiles.Item> images = LabelledFiles.list(imageRoot, "images", "image", LabelledFiles::isImage);
        List<LabelledFiles.Item> sounds = LabelledFiles.list(audioRoot, "audio", "WAV", LabelledFiles::isWav);
        boolean imageSplits = images.get(0).split() != null;
        boolean soundSplits = sounds.get(0).split() != null;
        if (imageSplits != soundSplits) {
            throw new DataException(imageSplits ? imageRoot : audioRoot, "has a split column but " + (imageSplits ? "audio" : "images")
                    + " has none: pairs would mix splits (the same sound in train and test); give both sides a split column, or neither");
        }
        List<String> classes = classes(p.getStringList("classes"), images, sounds, imageRoot, audioRoot);
        images = images.stream().filter(i -> classes.contains(i.label())).toList();
        sounds = sounds.stream().filter(s -> classes.contains(s.label())).toList();
        int[] pairing = AvPairing.pair(images, sounds, imageSplits, p.getString("pairing").equals("cycle"), ctx.seed(), imageRoot, audioRoot);

        int size = p.getInt("image-size");
        List<byte[]> pixels = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            pixels.add(ImageLoader.load(images.get(i).path(), channels, size, "replace it with a PNG, JPEG, BMP or GIF, or remove it"));
            if ((i + 1) % 2000 == 0) {
                ctx.progress().accept(NAME + ": decoded " + (i + 1) + " of " + images.size() + " images");
            }
        }
        int rate = p.getInt("sample-rate");
        int length = (int) Math.round(p.getDouble("duration") * rate);
        boolean center = p.getString("crop").equals("center");
        List<float[]> clips = new ArrayList<>(sounds.size());
        for (LabelledFiles.Item s : sounds) {
            clips.add(AvPairing.loadWav(s.path(), rate, length, center));
        }
        ctx.progress().accept(String.format(Locale.ROOT, "%s: %d images paired with %d sounds (%s) over %d classes", NAME, images.size(),
                sounds.size(), p.getString("pairing"), classes.size()));
        return new AvPairs(images, sounds, pairing, pixels, clips, classes, channels, size, rate, length, center, imageSplits,
                fingerprint(images, sounds, p, ctx.seed()));
    }

    /** The classes used: those asked for (each must be on both sides), else those found, which must be the same on both sides. */
    private static List<String> classes(List<String> asked, List<LabelledFiles.Item> images, List<LabelledFiles.Item> sounds, Path imageRoot,
                                        Path audioRoot) throws DataException {
        TreeSet<String> imageClasses = new TreeSet<>();
        images.forEach(i -> imageClasses.add(i.label()));
        TreeSet<String> soundClasses = new TreeSet<>();
        sounds.forEach(s -> soundClasses.add(s.label()));
        List<String> out = new ArrayList<>(asked.isEmpty() ? imageClasses : asked);
        for (String c : out) {
            if (!imageClasses.contains(c)) {
                throw new DataException(imageRoot, "has no images of class '" + c + "'" + (soundClasses.contains(c) ? " (audio has some)" : "")
                        + "; add them, or leave the class out with classes: [...] (image classes: " + String.join(", ", imageClasses) + ")");
            }
        }
        for (String c : asked.isEmpty() ? imageClasses : out) {
            if (!soundClasses.contains(c)) {
                throw new DataException(audioRoot, "has no sounds of class '" + c + "' (images has some); add WAV files for it, remove the"
                        + " class's images, or list the classes to use with classes: [...] (audio classes: " + String.join(", ", soundClasses) + ")");
            }
        }
        if (asked.isEmpty()) {
            for (String c : soundClasses) {
                if (!imageClasses.contains(c)) {
                    throw new DataException(imageRoot, "has no images of class '" + c + "' (audio has some); add images for it, remove the"
                            + " class's sounds, or list the classes to use with classes: [...] (image classes: " + String.join(", ", imageClasses) + ")");
                }
            }
        }
        if (new TreeSet<>(out).size() != out.size()) {
            throw new DataException(null, NAME + ": classes " + out + " names a class twice");
        }
        if (out.size() < 2) {
            throw new DataException(imageRoot, "only the class " + out + " is on both sides; pairing by class needs at least two");
        }
        return out;
    }

    private static String fingerprint(List<LabelledFiles.Item> images, List<LabelledFiles.Item> sounds, Params p, long seed) throws DataException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (List<LabelledFiles.Item> side : List.of(images, sounds)) {
                for (LabelledFiles.Item i : side) {
                    md.update((i.path() + "|" + i.label() + "|" + i.split() + "|" + Files.size(i.path()) + "|"
                            + Files.getLastModifiedTime(i.path()).toMillis() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            return NAME + " " + HexFormat.of().formatHex(md.digest()) + " " + new TreeMap<>(p.asMap()) + " seed " + seed;
        } catch (IOException e) {
            throw new DataException(null, NAME + ": cannot read a file's size: " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The opened pairs: images as bytes, sounds as floats, both in memory. */
    static final class AvPairs implements Dataset {
        private final List<LabelledFiles.Item> images;
        private final List<LabelledFiles.Item> sounds;
        private final int[] pairing;
        private final List<byte[]> pixels;
        private final List<float[]> clips;
        private final List<String> classes;
        private final int channels;
        private final int size;
        private final int rate;
        private final int length;
        private final boolean center;
        private final boolean splits;
        private final String fingerprint;
        private final Map<String, Signature> modalities = new LinkedHashMap<>();

        AvPairs(List<LabelledFiles.Item> images, List<LabelledFiles.Item> sounds, int[] pairing, List<byte[]> pixels, List<float[]> clips,
                List<String> classes, int channels, int size, int rate, int length, boolean center, boolean splits, String fingerprint) {
            this.images = images;
            this.sounds = sounds;
            this.pairing = pairing;
            this.pixels = pixels;
            this.clips = clips;
            this.classes = List.copyOf(classes);
            this.channels = channels;
            this.size = size;
            this.rate = rate;
            this.length = length;
            this.center = center;
            this.splits = splits;
            this.fingerprint = fingerprint;
            modalities.put("image", Signature.of(Modality.IMAGE, channels, size, size));
            modalities.put("audio", Signature.of(Modality.AUDIO, length).withRate(rate));
            modalities.put("label", Signature.of(Modality.LABEL, classes.size()));
        }

        @Override
        public Map<String, Signature> modalities() {
            return modalities;
        }

        @Override
        public long size() {
            return images.size();
        }

        /** The index of the sound paired with image {@code index}. */
        int soundOf(long index) {
            return pairing[(int) index];
        }

        @Override
        public Sample get(long index) {
            int i = (int) index;
            byte[] px = pixels.get(i);
            float[] image = new float[px.length];
            for (int k = 0; k < px.length; k++) {
                image[k] = (px[k] & 0xff) / 255f;
            }
            LabelledFiles.Item img = images.get(i);
            LabelledFiles.Item snd = sounds.get(pairing[i]);
            return new Sample(img.path().getFileName().toString(), Map.of("image", image, "audio", clips.get(pairing[i]).clone(),
                    "label", new float[] {classes.indexOf(img.label())}), img.path() + " | " + snd.path());
        }

        @Override
        public String group(long index) {
            return images.get((int) index).group();
        }

        @Override
        public String split(long index) {
            return splits ? images.get((int) index).split() : null;
        }

        @Override
        public String fingerprint() {
            return fingerprint;
        }

        @Override
        public List<String> classes(String modality) {
            return modality.equals("label") ? classes : null;
        }

        @Override
        public Sample decode(Path file) throws DataException {
            if (LabelledFiles.isWav(file)) {
                return new Sample(file.getFileName().toString(), Map.of("audio", AvPairing.loadWav(file, rate, length, center)), file.toString());
            }
            if (LabelledFiles.isImage(file)) {
                byte[] px = ImageLoader.load(file, channels, size, "give a PNG, JPEG, BMP or GIF file");
                float[] image = new float[px.length];
                for (int k = 0; k < px.length; k++) {
                    image[k] = (px[k] & 0xff) / 255f;
                }
                return new Sample(file.getFileName().toString(), Map.of("image", image), file.toString());
            }
            throw new DataException(file, NAME + " reads images (.png, .jpg, .jpeg, .bmp, .gif) and .wav files; give one of those");
        }
    }
}
