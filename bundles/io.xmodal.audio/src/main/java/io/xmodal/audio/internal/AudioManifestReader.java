package io.xmodal.audio.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Modality;
import io.xmodal.api.Param;
import io.xmodal.api.Params;
import io.xmodal.api.Role;
import io.xmodal.api.data.DataContext;
import io.xmodal.api.data.DataException;
import io.xmodal.api.data.Dataset;
import io.xmodal.api.data.Reader;
import org.osgi.service.component.annotations.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * WAV files listed in a CSV manifest with a header row naming the columns {@code path} and {@code label}
 * and optionally {@code group} (speaker, voice: samples of a group share a split) and {@code split}
 * (train, val or test, overriding the descriptor's fractions). Paths are relative to the manifest.
 */
@Component(service = Reader.class)
public final class AudioManifestReader implements Reader {
    static final String NAME = "audio-manifest";
    private static final Set<String> SPLITS = Set.of("train", "val", "test");

    private static final ComponentSpec SPEC = AudioReaders.common(ComponentSpec.of(Role.READER, NAME)
            .doc("labelled WAV files listed in a CSV manifest (path,label[,group][,split])")
            .produces(Modality.AUDIO, Modality.LABEL)
            .param(Param.path("manifest", null).doc("the CSV manifest, e.g. data/spoken-languages/manifest.csv")))
            .build();

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public Dataset open(DataContext ctx, Params params) throws DataException {
        Path manifest = params.getPath("manifest");
        if (manifest == null || !Files.isRegularFile(manifest)) {
            throw new DataException(manifest, "no such manifest file; build one with `xmodal data build NAME --out DIR` (NAME: spoken-digits, "
                    + "spoken-languages or instruments; `xmodal data list` lists the recipes) or write a CSV with the columns path,label[,group][,split]");
        }
        return AudioReaders.open(NAME, list(manifest), params, ctx, manifest.toString());
    }

    static List<AudioReaders.Listed> list(Path manifest) throws DataException {
        List<String> lines;
        try {
            lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DataException(manifest, "cannot read: " + e.getMessage());
        }
        if (lines.isEmpty()) {
            throw new DataException(manifest, "is empty; the first line must name the columns, e.g. path,label,group");
        }
        List<String> header = Csv.split(lines.get(0), manifest, 1);
        for (int i = 0; i < header.size(); i++) {
            header.set(i, header.get(i).trim().toLowerCase(Locale.ROOT));
        }
        int path = header.indexOf("path");
        int label = header.indexOf("label");
        int group = header.indexOf("group");
        int split = header.indexOf("split");
        if (path < 0 || label < 0) {
            throw new DataException(manifest, "line 1: the header " + header + " must name the columns path and label "
                    + "(and optionally group, split)");
        }
        Path dir = manifest.toAbsolutePath().getParent();
        List<AudioReaders.Listed> out = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            if (lines.get(n).isBlank()) {
                continue;
            }
            List<String> cells = Csv.split(lines.get(n), manifest, n + 1);
            if (cells.size() != header.size()) {
                throw new DataException(manifest, "line " + (n + 1) + ": " + cells.size() + " columns, the header has " + header.size());
            }
            String p = cells.get(path).trim();
            if (p.isEmpty() || cells.get(label).isBlank()) {
                throw new DataException(manifest, "line " + (n + 1) + ": path and label must not be empty");
            }
            Path file = dir.resolve(p).normalize();
            if (!Files.isRegularFile(file)) {
                throw new DataException(manifest, "line " + (n + 1) + ": no such file " + file);
            }
            String sp = split < 0 ? null : cells.get(split).trim().toLowerCase(Locale.ROOT);
            if (sp != null && !SPLITS.contains(sp)) {
                throw new DataException(manifest, "line " + (n + 1) + ": split '" + cells.get(split) + "' is not one of train, val, test");
            }
            String g = group < 0 || cells.get(group).isBlank() ? null : cells.get(group).trim();
            out.add(new AudioReaders.Listed(file, cells.get(label).trim(), g, sp));
        }
        return out;
    }
}
