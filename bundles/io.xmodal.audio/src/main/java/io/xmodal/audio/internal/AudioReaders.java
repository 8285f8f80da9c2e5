package io.xmodal.audio.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Param;
import io.xmodal.api.Params;
import io.xmodal.api.data.DataContext;
import io.xmodal.api.data.DataException;
import io.xmodal.api.data.Dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** What the audio readers share: their common parameters and how a list of files becomes a dataset. */
final class AudioReaders {
    private AudioReaders() {
    }

    /** Adds the parameters every audio reader takes. */
    static ComponentSpec.Builder common(ComponentSpec.Builder b) {
        return b.param(Param.integer("sample-rate", 16000).range(1000, 384000)
                        .doc("rate every file is resampled to (band-limited sinc), in Hz"))
                .param(Param.real("duration", 2.0).range(0.01, 3600)
                        .doc("seconds per sample: longer files are cropped, shorter ones zero-padded at the end"))
                .param(Param.choice("crop", "start", "start", "center")
                        .doc("which part of a longer file is kept"))
                .param(Param.stringList("classes", List.of())
                        .doc("class names in order (the label's index); empty: the labels found, sorted"))
                .param(Param.bool("skip-bad", false)
                        .doc("leave out files that are not readable WAV (decodes every file at open) and report how many"))
                .param(Param.integer("limit", 0).atLeast(0)
                        .doc("use only the first N files (in listing order); 0 uses all"));
    }

    /** A raw listing: path, label name, group, split (the last two may be null). */
    record Listed(java.nio.file.Path path, String label, String group, String split) {
    }

    static Dataset open(String reader, List<Listed> listed, Params p, DataContext ctx, String source) throws DataException {
        int limit = p.getInt("limit");
        List<Listed> files = limit > 0 && listed.size() > limit ? listed.subList(0, limit) : listed;
        if (files.isEmpty()) {
            throw new DataException(null, reader + ": " + source + " lists no audio files");
        }
        List<String> classes = new ArrayList<>(p.getStringList("classes"));
        if (classes.isEmpty()) {
            TreeSet<String> found = new TreeSet<>();
            files.forEach(f -> found.add(f.label()));
            classes.addAll(found);
        }
        if (classes.size() < 2) {
            throw new DataException(null, reader + ": " + source + " has only the class " + classes + "; classification needs at least two");
        }
        List<AudioDataset.Entry> entries = new ArrayList<>();
        for (Listed f : files) {
            int k = classes.indexOf(f.label());
            if (k < 0) {
                throw new DataException(f.path(), "label '" + f.label() + "' is not in classes " + classes
                        + "; add it to classes: or leave classes empty");
            }
            entries.add(new AudioDataset.Entry(f.path(), k, f.group(), f.split()));
        }
        if (p.getBool("skip-bad")) {
            List<String> bad = new ArrayList<>();
            entries = AudioDataset.decodable(entries, bad::add);
            if (!bad.isEmpty()) {
                ctx.progress().accept(String.format(Locale.ROOT, "%s: skipped %d bad file%s of %d (first: %s)", reader, bad.size(),
                        bad.size() == 1 ? "" : "s", files.size(), bad.get(0)));
            }
            if (entries.isEmpty()) {
                throw new DataException(null, reader + ": none of the " + files.size() + " files of " + source + " is readable WAV");
            }
        }
        int rate = p.getInt("sample-rate");
        int length = (int) Math.round(p.getDouble("duration") * rate);
        AudioDataset.Crop crop = AudioDataset.Crop.valueOf(p.getString("crop").toUpperCase(Locale.ROOT));
        String configuration = reader + " rate " + rate + " length " + length + " crop " + crop + " classes " + classes;
        return new AudioDataset(entries, classes, rate, length, crop, configuration);
    }
}
