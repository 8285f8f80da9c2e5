package io.xmodal.data.internal;

import io.xmodal.api.data.DataException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The files of one side of a pairing, each with its class: either a folder with one subfolder per class
 * ({@code root/<class>/**}, any depth below the class folder, hidden files and other kinds of file
 * ignored) or a CSV whose header names the columns {@code path} and {@code label}, optionally {@code split}
 * and {@code group} (paths relative to the CSV; other columns ignored; quotes as in RFC 4180).
 */
final class LabelledFiles {
    /** One file: where it is, its class, and the split and group a CSV gave it (or null). */
    record Item(Path path, String label, String split, String group) {
    }

    private LabelledFiles() {
    }

    static boolean isImage(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".bmp") || n.endsWith(".gif");
    }

    static boolean isWav(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav");
    }

    /**
     * Lists a side.
     *
     * @param param  the reader's parameter naming it (for messages)
     * @param kind   what the files are ("image", "WAV")
     * @param accept which file names count
     */
    static List<Item> list(Path root, String param, String kind, Predicate<Path> accept) throws DataException {
        if (root == null || !Files.exists(root)) {
            throw new DataException(root, "not found; set " + param + ": to a folder with one subfolder of " + kind
                    + " files per class, or to a CSV with columns path,label");
        }
        return Files.isDirectory(root) ? folder(root, param, kind, accept) : csv(root, kind, accept);
    }

    private static List<Item> folder(Path root, String param, String kind, Predicate<Path> accept) throws DataException {
        List<Item> out = new ArrayList<>();
        try (Stream<Path> classes = Files.list(root)) {
            for (Path dir : classes.filter(Files::isDirectory).filter(d -> !hidden(d)).sorted().toList()) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path f : files.filter(Files::isRegularFile).filter(f -> !hidden(f)).filter(accept).sorted().toList()) {
                        out.add(new Item(f, dir.getFileName().toString(), null, null));
                    }
                }
            }
        } catch (IOException e) {
            throw new DataException(root, "cannot list: " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new DataException(root, "holds no " + kind + " files in class subfolders (expected " + root.getFileName()
                    + "/<class>/<file>); put one subfolder per class in it, or give " + param + ": a CSV with columns path,label");
        }
        return out;
    }

    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }

    private static List<Item> csv(Path csv, String kind, Predicate<Path> accept) throws DataException {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DataException(csv, "cannot read (" + e.getMessage() + "); give a CSV with columns path,label or a folder");
        }
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw new DataException(csv, "empty; it needs a header with columns path and label (optionally split, group) and one row per file");
        }
        List<String> header = SeriesCsv.split(lines.get(0).replace("\uFEFF", ""), ',');
        int path = header.indexOf("path");
        int label = header.indexOf("label");
        int split = header.indexOf("split");
        int group = header.indexOf("group");
        if (path < 0 || label < 0) {
            throw new DataException(csv, "line 1: the header needs columns 'path' and 'label' (optionally 'split', 'group'), found " + header);
        }
        Path base = csv.toAbsolutePath().getParent();
        List<Item> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> f = SeriesCsv.split(lines.get(i), ',');
            if (f.size() < header.size()) {
                throw new DataException(csv, "line " + (i + 1) + ": " + f.size() + " fields, the header has " + header.size()
                        + "; every row needs a value for each column");
            }
            String l = f.get(label);
            if (l.isEmpty()) {
                throw new DataException(csv, "line " + (i + 1) + ": empty label; give every file its class");
            }
            String s = split >= 0 ? f.get(split) : null;
            if (s != null && !s.equals("train") && !s.equals("val") && !s.equals("test")) {
                throw new DataException(csv, "line " + (i + 1) + ": split '" + s + "' is not train, val or test");
            }
            Path file = base.resolve(f.get(path)).normalize();
            if (!Files.isRegularFile(file)) {
                throw new DataException(csv, "line " + (i + 1) + ": " + file + " does not exist; fix the path (relative to the CSV) or remove the row");
            }
            if (!accept.test(file)) {
                throw new DataException(csv, "line " + (i + 1) + ": " + file.getFileName() + " is not a " + kind + " file by its name");
            }
            out.add(new Item(file, l, s, group >= 0 ? f.get(group) : null));
        }
        if (out.isEmpty()) {
            throw new DataException(csv, "has a header but no rows; list one " + kind + " file per row");
        }
        return out;
    }
}
