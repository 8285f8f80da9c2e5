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

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Moving digits, the Moving MNIST recipe: clips of {@code frames} grey frames of {@code size x size}
 * in which {@code digits} digits of {@code digit-size} pixels move at {@code speed} pixels a frame and
 * bounce off the edges (see {@link MovingDigits}), windowed into {@code frames} / {@code next}
 * (see {@link Windowing}). The digits come from an IDX image file ({@code source}) or, without one,
 * from {@link Glyphs}. The reader assigns the splits itself ({@code train}, {@code val} when
 * {@code val-fraction} > 0, {@code test} when {@code test-fraction} > 0), with disjoint source images.
 */
@Component(service = Reader.class)
public final class MovingDigitsReader implements Reader {
    static final String NAME = "moving-digits";

    private static final ComponentSpec SPEC = Windowing.params(params(ComponentSpec.of(Role.READER, NAME)
            .doc("Moving MNIST: digits moving and bouncing in grey frames, from an IDX file or drawn glyphs; splits with disjoint digit images")
            .produces(Modality.FRAMES)), 10, 10)
            .build();

    /** The clip parameters, shared with {@link MovingDigitsRecipe}. */
    static ComponentSpec.Builder params(ComponentSpec.Builder spec) {
        return spec
                .param(Param.integer("count", 1000).range(1, 1_000_000)
                        .doc("number of clips"))
                .param(Param.integer("size", 64).range(8, 1024)
                        .doc("side of the square frames, pixels"))
                .param(Param.integer("digits", 2).range(1, 16)
                        .doc("digits per clip"))
                .param(Param.integer("frames", 20).range(2, 100_000)
                        .doc("frames per clip"))
                .param(Param.real("speed", 3.6).range(0, 1024)
                        .doc("pixels a digit moves per frame"))
                .param(Param.integer("digit-size", 28).range(4, 1024)
                        .doc("side the digit images are resized to, pixels"))
                .param(Param.path("source", "")
                        .doc("IDX3 image file the digits come from (e.g. /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz); empty: procedural glyphs"))
                .param(Param.real("val-fraction", 0.1).range(0, 0.9)
                        .doc("share of the clips (and of the source images) in the 'val' split; 0: no val split"))
                .param(Param.real("test-fraction", 0.1).range(0, 0.9)
                        .doc("share of the clips (and of the source images) in the 'test' split; 0: no test split"));
    }

    /** The clips the clip parameters describe, for the experiment seed {@code seed}. */
    static MovingDigits clips(Params params, long seed) throws DataException {
        double val = params.getDouble("val-fraction");
        double test = params.getDouble("test-fraction");
        if (val < 0 || test < 0 || val + test >= 1) {
            throw new DataException(null, NAME + ": val-fraction " + val + " + test-fraction " + test
                    + " must be below 1 (the rest is the training split)");
        }
        Map<String, Double> fractions = new LinkedHashMap<>();
        fractions.put("train", 1 - val - test);
        if (val > 0) {
            fractions.put("val", val);
        }
        if (test > 0) {
            fractions.put("test", test);
        }
        int digitSize = params.getInt("digit-size");
        Path file = params.getPath("source");
        DigitSource source = file == null ? DigitSource.procedural(digitSize) : DigitSource.idx(file, digitSize);
        return new MovingDigits(source, seed, params.getInt("count"), params.getInt("size"),
                params.getInt("digits"), params.getInt("frames"), params.getDouble("speed"), fractions);
    }

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public Dataset open(DataContext ctx, Params params) throws DataException {
        Path file = params.getPath("source");
        Windowing windowing = Windowing.of(NAME, params);
        MovingDigits clips = clips(params, ctx.seed());
        WindowedDataset ds = new WindowedDataset(NAME, clips, windowing);
        ctx.progress().accept(NAME + ": " + clips.count() + " clips of " + params.getInt("frames") + " frames "
                + params.getInt("size") + "x" + params.getInt("size") + ", " + params.getInt("digits") + " digits from "
                + (file == null ? DigitSource.PROCEDURAL_COUNT + " procedural glyphs" : file.getFileName() + " (" + clips.sourceCount() + " images)")
                + "; " + ds.size() + " windows of " + windowing);
        return ds;
    }
}
