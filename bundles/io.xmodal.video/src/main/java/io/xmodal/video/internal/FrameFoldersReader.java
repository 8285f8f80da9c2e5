package io.xmodal.video.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Modality;
import io.xmodal.api.Param;
import io.xmodal.api.Params;
import io.xmodal.api.Role;
import io.xmodal.api.data.DataContext;
import io.xmodal.api.data.DataException;
import io.xmodal.api.data.Dataset;
import io.xmodal.api.data.Reader;
import io.xmodal.data.io.ImageLoader;
import org.osgi.service.component.annotations.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Video clips as folders of frames: every sub-folder of {@code root} is one clip, its PNG and JPEG files
 * (by extension, case-insensitive) its frames, both in natural name order (digit runs compare as numbers,
 * so {@code f2.png} comes before {@code f10.png}). Every frame is decoded at open, resized to
 * {@code image-size} (area averaging down, bilinear up, aspect ratio not kept), made grey (luma) or RGB as
 * {@code channels} says, and kept as unsigned bytes; windows become floats when they are read.
 */
@Component(service = Reader.class)
public final class FrameFoldersReader implements Reader {
    static final String NAME = "frame-folders";

    private static final ComponentSpec SPEC = Windowing.params(ComponentSpec.of(Role.READER, NAME)
            .doc("video clips as folders of PNG/JPEG frames, one folder per clip, resized and made grey or RGB")
            .produces(Modality.FRAMES)
            .param(Param.path("root", null)
                    .doc("folder holding one sub-folder of frames per clip"))
            .param(Param.integer("image-size", 64).range(4, 1024)
                    .doc("side S every frame is resized to"))
            .param(Param.integer("channels", 1).range(1, 3)
                    .doc("1: grey (luma 0.299 R + 0.587 G + 0.114 B), 3: RGB"))
            .param(Param.integer("limit", 0).atLeast(0)
                    .doc("use only the first N clips (in name order); 0 uses all")),
            10, 10)
            .build();

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public Dataset open(DataContext ctx, Params params) throws DataException {
        Path root = params.getPath("root");
        if (root == null) {
            throw new DataException(null, NAME + ": set root: to a folder with one sub-folder of frames per clip");
        }
        if (!Files.isDirectory(root)) {
            throw new DataException(root, (Files.exists(root) ? "is not a folder" : "folder not found")
                    + "; set root: to a folder with one sub-folder of PNG/JPEG frames per clip");
        }
        int size = params.getInt("image-size");
        int channels = params.getInt("channels");
        if (channels != 1 && channels != 3) {
            throw new DataException(null, NAME + ": channels " + channels + " is neither 1 (grey) nor 3 (RGB)");
        }
        List<Path> folders = list(root, Files::isDirectory);
        if (folders.isEmpty()) {
            throw new DataException(root, "holds no sub-folders; put the frames of each clip in a folder of its own under it");
        }
        int limit = params.getInt("limit");
        if (limit > 0 && folders.size() > limit) {
            folders = folders.subList(0, limit);
        }
        List<byte[]> data = new ArrayList<>();
        List<Integer> frames = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        StringBuilder fingerprint = new StringBuilder(NAME + "|" + root.toAbsolutePath() + "|" + size + "|" + channels);
        int decoded = 0;
        int frameBytes = channels * size * size;
        for (Path folder : folders) {
            List<Path> files = list(folder, f -> Files.isRegularFile(f) && isFrame(f));
            if (files.isEmpty()) {
                throw new DataException(folder, "holds no PNG or JPEG frames (*.png, *.jpg, *.jpeg); add its frames or remove the folder");
            }
            byte[] clip = new byte[files.size() * frameBytes];
            for (int t = 0; t < files.size(); t++) {
                Path f = files.get(t);
                byte[] px = ImageLoader.load(f, channels, size, "replace or remove the frame (or its clip folder " + folder.getFileName() + ")");
                System.arraycopy(px, 0, clip, t * frameBytes, frameBytes);
                try {
                    fingerprint.append('|').append(root.relativize(f)).append(':').append(Files.size(f)).append(':')
                            .append(Files.getLastModifiedTime(f).toMillis());
                } catch (IOException e) {
                    throw new DataException(f, "cannot be read (" + e.getMessage() + ")", e);
                }
                if (++decoded % 1000 == 0) {
                    ctx.progress().accept(NAME + ": " + decoded + " frames decoded");
                }
            }
            data.add(clip);
            frames.add(files.size());
            ids.add(folder.getFileName().toString());
        }
        Windowing windowing = Windowing.of(NAME, params);
        FolderClips clips = new FolderClips(root, data, frames, ids, channels, size, NAME + " " + sha(fingerprint.toString()));
        WindowedDataset ds = new WindowedDataset(NAME, clips, windowing);
        ctx.progress().accept(NAME + ": " + data.size() + " clips, " + decoded + " frames of " + channels + "x" + size + "x" + size
                + " from " + root.getFileName() + "; " + ds.size() + " windows of " + windowing);
        return ds;
    }

    private static String sha(String s) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                b.append(String.format("%02x", d[i] & 0xff));
            }
            return b.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isFrame(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
    }

    private interface Check {
        boolean test(Path p);
    }

    /** The entries of {@code dir} that pass {@code check}, hidden ones left out, in natural name order. */
    private static List<Path> list(Path dir, Check check) throws DataException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".") && check.test(p))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString(), FrameFoldersReader::natural))
                    .toList();
        } catch (IOException e) {
            throw new DataException(dir, "cannot be listed (" + e.getMessage() + ")", e);
        }
    }

    /** Natural order: runs of digits compare by value, the rest character by character. */
    static int natural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (Character.isDigit(x) && Character.isDigit(y)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                String na = a.substring(si, i).replaceFirst("^0+(?=.)", "");
                String nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
                int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
                if (c != 0) {
                    return c;
                }
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        int c = Integer.compare(a.length() - i, b.length() - j);
        return c != 0 ? c : a.compareTo(b);
    }

    /** The decoded clips, unsigned bytes. */
    private record FolderClips(Path root, List<byte[]> data, List<Integer> frameCounts, List<String> ids, int channels,
                               int size, String fingerprint) implements Clips {
        @Override
        public int count() {
            return data.size();
        }

        @Override
        public int frames(int clip) {
            return frameCounts.get(clip);
        }

        @Override
        public int height() {
            return size;
        }

        @Override
        public int width() {
            return size;
        }

        @Override
        public void read(int clip, int first, int n, float[] out, int offset) {
            byte[] px = data.get(clip);
            int frame = channels * size * size;
            int from = first * frame;
            for (int k = 0; k < n * frame; k++) {
                out[offset + k] = (px[from + k] & 0xff) / 255f;
            }
        }

        @Override
        public String id(int clip) {
            return ids.get(clip);
        }

        @Override
        public String source(int clip) {
            return root.getFileName() + "/" + ids.get(clip);
        }
    }
}
