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
import org.osgi.service.component.annotations.Component;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Grey video clips in one NumPy {@code .npy} array (see {@link NpyHeader} for the accepted files), shape
 * (T, N, H, W) as in the published Moving MNIST file {@code mnist_test_seq.npy} (20, 10000, 64, 64) or
 * (N, T, H, W) with {@code layout: nthw}. The file is memory-mapped, not read: a window is converted to
 * floats ({@code value * scale}) when it is read, so a 10000-clip file costs no heap.
 */
@Component(service = Reader.class)
public final class NpyVideoReader implements Reader {
    static final String NAME = "npy-video";
    /** Bytes per mapping: a file larger than this is mapped in several pieces, each whole frames. */
    private static final long CHUNK = 1L << 30;

    private static final ComponentSpec SPEC = Windowing.params(ComponentSpec.of(Role.READER, NAME)
            .doc("grey video clips in a NumPy .npy array (uint8 or float32/64), layout (T, N, H, W) or (N, T, H, W)")
            .produces(Modality.FRAMES)
            .param(Param.path("path", null)
                    .doc(".npy file, e.g. mnist_test_seq.npy (uint8, shape (20, 10000, 64, 64))"))
            .param(Param.choice("layout", "tnhw", "tnhw", "nthw")
                    .doc("order of the four axes: tnhw (time first, as the published Moving MNIST file) or nthw (clip first)"))
            .param(Param.integer("limit", 0).atLeast(0)
                    .doc("use only the first N clips; 0 uses all"))
            .param(Param.real("scale", 0.0).atLeast(0)
                    .doc("factor applied to the stored values to give pixels in [0, 1]; 0: 1/255 for uint8 files, 1 for float files")),
            10, 10)
            .build();

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public Dataset open(DataContext ctx, Params params) throws DataException {
        Path file = params.getPath("path");
        if (file == null) {
            throw new DataException(null, NAME + ": set path: to a NumPy .npy file of clips such as mnist_test_seq.npy");
        }
        NpyHeader header = NpyHeader.read(file);
        long[] shape = header.shape();
        boolean timeFirst = params.getString("layout").equals("tnhw");
        if (shape.length != 4) {
            throw new DataException(file, "shape " + NpyHeader.shapeText(shape) + " has " + shape.length + " dimensions; "
                    + NAME + " needs 4: (T, N, H, W) as in mnist_test_seq.npy, or (N, T, H, W) with layout: nthw");
        }
        for (long d : shape) {
            if (d == 0 || d > Integer.MAX_VALUE) {
                throw new DataException(file, "shape " + NpyHeader.shapeText(shape) + " has an empty or too large dimension");
            }
        }
        int frames = (int) (timeFirst ? shape[0] : shape[1]);
        int clips = (int) (timeFirst ? shape[1] : shape[0]);
        int limit = params.getInt("limit");
        double scale = params.getDouble("scale");
        if (scale == 0) {
            scale = header.isFloat() ? 1 : 1 / 255.0;
        }
        NpyClips c = new NpyClips(header, map(header), timeFirst, clips, limit == 0 ? clips : Math.min(limit, clips),
                frames, (int) shape[2], (int) shape[3], scale, fingerprint(file, params, scale));
        Windowing windowing = Windowing.of(NAME, params);
        WindowedDataset ds = new WindowedDataset(NAME, c, windowing);
        ctx.progress().accept(NAME + ": " + c.count() + " clips of " + frames + " frames " + shape[2] + "x" + shape[3]
                + " (" + header.dtype() + ") from " + file.getFileName() + "; " + ds.size() + " windows of " + windowing);
        return ds;
    }

    private static String fingerprint(Path file, Params params, double scale) throws DataException {
        try {
            return NAME + "|" + file.toAbsolutePath() + ":" + Files.size(file) + ":" + Files.getLastModifiedTime(file).toMillis()
                    + "|" + params.getString("layout") + "|limit " + params.getInt("limit") + "|scale " + scale;
        } catch (IOException e) {
            throw new DataException(file, "cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** The data of the file as read-only mappings of whole frames, each at most {@link #CHUNK} bytes. */
    private static MappedByteBuffer[] map(NpyHeader h) throws DataException {
        long frameBytes = h.shape()[2] * h.shape()[3] * h.itemSize();
        long framesPerChunk = Math.max(1, CHUNK / frameBytes);
        long total = h.items() * h.itemSize();
        long chunkBytes = framesPerChunk * frameBytes;
        int n = (int) ((total + chunkBytes - 1) / chunkBytes);
        MappedByteBuffer[] chunks = new MappedByteBuffer[n];
        try (FileChannel ch = FileChannel.open(h.file(), StandardOpenOption.READ)) {
            for (int i = 0; i < n; i++) {
                long from = h.dataOffset() + i * chunkBytes;
                long len = Math.min(chunkBytes, total - i * chunkBytes);
                chunks[i] = ch.map(FileChannel.MapMode.READ_ONLY, from, len);
                chunks[i].order(h.order());
            }
        } catch (IOException e) {
            throw new DataException(h.file(), "cannot be mapped (" + e.getMessage() + ")", e);
        }
        return chunks;
    }

    /** Clips read from the mapped file, frame by frame. */
    private record NpyClips(NpyHeader header, MappedByteBuffer[] chunks, boolean timeFirst, int stored, int count,
                            int frames, int height, int width, double scale, String fingerprint) implements Clips {
        @Override
        public int frames(int clip) {
            return frames;
        }

        @Override
        public int channels() {
            return 1;
        }

        @Override
        public void read(int clip, int first, int n, float[] out, int offset) {
            int plane = height * width;
            long frameBytes = (long) plane * header.itemSize();
            long framesPerChunk = chunks[0].capacity() / frameBytes;
            for (int t = 0; t < n; t++) {
                long index = timeFirst ? (long) (first + t) * stored + clip : (long) clip * frames + first + t;
                MappedByteBuffer b = chunks[(int) (index / framesPerChunk)];
                int at = (int) ((index % framesPerChunk) * frameBytes);
                int o = offset + t * plane;
                switch (header.itemSize()) {
                    case 1 -> {
                        for (int p = 0; p < plane; p++) {
                            out[o + p] = (float) ((b.get(at + p) & 0xff) * scale);
                        }
                    }
                    case 4 -> {
                        for (int p = 0; p < plane; p++) {
                            out[o + p] = (float) (b.getFloat(at + 4 * p) * scale);
                        }
                    }
                    default -> {
                        for (int p = 0; p < plane; p++) {
                            out[o + p] = (float) (b.getDouble(at + 8 * p) * scale);
                        }
                    }
                }
            }
        }

        @Override
        public String id(int clip) {
            return String.format("clip-%05d", clip);
        }

        @Override
        public String source(int clip) {
            return header.file().getFileName() + " #" + clip;
        }
    }
}
