package io.xmodal.video.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Params;
import io.xmodal.api.Role;
import io.xmodal.api.data.DataContext;
import io.xmodal.api.data.DataException;
import io.xmodal.api.data.Recipe;
import org.osgi.service.component.annotations.Component;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the clips {@code moving-digits} would generate, one NumPy file per split ({@code train.npy},
 * {@code val.npy}, {@code test.npy}): uint8, shape (N, T, H, W), pixel = round(255 v). Other tools (numpy,
 * PyTorch) can then train on exactly the clips an xmodal run sees, and {@code npy-video} (with
 * {@code layout: nthw}) reads them back. Clips are written one after the other, so memory stays at one clip.
 */
@Component(service = Recipe.class)
public final class MovingDigitsRecipe implements Recipe {
    private static final ComponentSpec SPEC = MovingDigitsReader.params(ComponentSpec.of(Role.RECIPE, MovingDigitsReader.NAME)
            .doc("the moving-digits clips as uint8 .npy files, one per split, shape (N, T, H, W)"))
            .build();

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public String build(Path out, Params params, DataContext ctx) throws DataException {
        MovingDigits clips = MovingDigitsReader.clips(params, ctx.seed());
        Map<String, List<Integer>> bySplit = new LinkedHashMap<>();
        clips.splits().forEach(name -> bySplit.put(name, new ArrayList<>()));
        for (int c = 0; c < clips.count(); c++) {
            bySplit.get(clips.split(c)).add(c);
        }
        int t = clips.frames(0);
        int plane = clips.height() * clips.width();
        float[] frames = new float[t * plane];
        byte[] bytes = new byte[t * plane];
        StringBuilder summary = new StringBuilder(MovingDigitsReader.NAME + ":");
        try {
            Files.createDirectories(out);
            for (Map.Entry<String, List<Integer>> e : bySplit.entrySet()) {
                Path file = out.resolve(e.getKey() + ".npy");
                try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
                    o.write(header(e.getValue().size(), t, clips.height(), clips.width()));
                    for (int c : e.getValue()) {
                        clips.read(c, 0, t, frames, 0);
                        for (int i = 0; i < frames.length; i++) {
                            bytes[i] = (byte) Math.round(Math.max(0f, Math.min(1f, frames[i])) * 255f);
                        }
                        o.write(bytes);
                    }
                }
                ctx.progress().accept(file + ": " + e.getValue().size() + " clips");
                summary.append(' ').append(e.getKey()).append(' ').append(e.getValue().size());
            }
        } catch (IOException e) {
            throw new DataException(out, "cannot be written (" + e.getMessage() + ")", e);
        }
        return summary + " clips of " + t + " frames " + clips.height() + "x" + clips.width() + " in " + out
                + " (uint8 (N, T, H, W); read with npy-video, layout: nthw)";
    }

    /** A version 1.0 .npy header for uint8 (n, t, h, w), padded with spaces to a multiple of 64 bytes. */
    static byte[] header(int n, int t, int h, int w) {
        String dict = "{'descr': '|u1', 'fortran_order': False, 'shape': (" + n + ", " + t + ", " + h + ", " + w + "), }";
        int total = (10 + dict.length() + 1 + 63) / 64 * 64;
        int len = total - 10;
        StringBuilder s = new StringBuilder(dict);
        while (s.length() < len - 1) {
            s.append(' ');
        }
        s.append('\n');
        byte[] d = s.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[total];
        out[0] = (byte) 0x93;
        System.arraycopy("NUMPY".getBytes(StandardCharsets.US_ASCII), 0, out, 1, 5);
        out[6] = 1;
        out[7] = 0;
        out[8] = (byte) (len & 0xff);
        out[9] = (byte) (len >> 8);
        System.arraycopy(d, 0, out, 10, d.length);
        return out;
    }
}
