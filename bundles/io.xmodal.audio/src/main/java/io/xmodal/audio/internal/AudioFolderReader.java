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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * WAV files in one subfolder per class ({@code root/<class>/**.wav}, any depth below the class folder).
 * The group of a file (the speaker or voice, kept within one split) comes from {@code group-pattern}, a
 * regular expression whose first capture group is found in the file name.
 */
@Component(service = Reader.class)
public final class AudioFolderReader implements Reader {
    static final String NAME = "audio-folder";

    private static final ComponentSpec SPEC = AudioReaders.common(ComponentSpec.of(Role.READER, NAME)
            .doc("labelled WAV files, one subfolder per class")
            .produces(Modality.AUDIO, Modality.LABEL)
            .param(Param.path("root", null).doc("the folder holding one subfolder per class"))
            .param(Param.string("group-pattern", "")
                    .doc("regex whose first group, found in a file name, is its group (e.g. ^([a-z]+)_ for speaker_0001.wav); empty: none")))
            .build();

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public Dataset open(DataContext ctx, Params params) throws DataException {
        Path root = params.getPath("root");
        if (root == null || !Files.isDirectory(root)) {
            throw new DataException(root, "no such folder; set root: to a folder with one subfolder of WAV files per class");
        }
        Pattern group = null;
        String gp = params.getString("group-pattern");
        if (!gp.isEmpty()) {
            try {
                group = Pattern.compile(gp);
            } catch (PatternSyntaxException e) {
                throw new DataException(null, NAME + ": group-pattern '" + gp + "' is not a regular expression: " + e.getDescription());
            }
            if (group.matcher("").groupCount() < 1) {
                throw new DataException(null, NAME + ": group-pattern '" + gp + "' needs a capture group, e.g. ^([^_]+)_");
            }
        }
        List<AudioReaders.Listed> listed = new ArrayList<>();
        try (Stream<Path> classes = Files.list(root)) {
            for (Path dir : classes.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path f : files.filter(Files::isRegularFile)
                            .filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav")).sorted().toList()) {
                        String g = null;
                        if (group != null) {
                            Matcher m = group.matcher(f.getFileName().toString());
                            if (!m.find() || m.group(1) == null) {
                                throw new DataException(f, "group-pattern '" + gp + "' does not match this file name; fix the pattern");
                            }
                            g = m.group(1);
                        }
                        listed.add(new AudioReaders.Listed(f, dir.getFileName().toString(), g, null));
                    }
                }
            }
        } catch (IOException e) {
            throw new DataException(root, "cannot list: " + e.getMessage());
        }
        if (listed.isEmpty()) {
            throw new DataException(root, "has no .wav files in class subfolders (expected root/<class>/*.wav)");
        }
        return AudioReaders.open(NAME, listed, params, ctx, root.toString());
    }
}
