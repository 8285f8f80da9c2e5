package io.xmodal.vision.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Modality;
import io.xmodal.api.Param;
import io.xmodal.api.Params;
import io.xmodal.api.Role;
import io.xmodal.api.Signature;
import io.xmodal.api.model.BlockContext;
import io.xmodal.api.model.Encoder;
import io.xmodal.api.model.IncompatibleInputException;
import io.xmodal.api.model.Port;
import java.util.List;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.osgi.service.component.annotations.Component;

/**
 * Inception (GoogLeNet, Szegedy et al. 2015) image encoder: an optional stem (3x3 conv + ReLU, 2x2
 * max pooling), then {@code modules} Inception modules, each four branches concatenated on channels:
 * 1x1; 1x1 reduce then 3x3; 1x1 reduce then 5x5 (or two 3x3, as Inception v2 factorises it); 3x3
 * max pooling (stride 1) then a 1x1 projection. Every convolution is followed by ReLU. With
 * {@code pool-between} a 2x2 max pooling follows every module but the last. Output: the global
 * average of each channel (features) or the last module's maps (an image).
 */
@Component(service = Encoder.class)
public final class InceptionEncoder implements Encoder {
    private static final ComponentSpec SPEC = ComponentSpec.of(Role.ENCODER, "inception")
            .doc("Inception modules (1x1, 3x3, 5x5 or factorised 3x3-3x3, pool-projection branches concatenated); "
                    + "image[C,H,W] -> features[D] or image[D,H',W']")
            .accepts(Modality.IMAGE).acceptsRank(3).produces(Modality.FEATURES, Modality.IMAGE)
            .param(Param.integer("modules", 2).range(1, 9).doc("number of Inception modules"))
            .param(Param.intList("widths", List.of(8, 8, 16, 4, 8, 8)).range(1, 1024)
                    .doc("branch widths of every module: [1x1, 3x3 reduce, 3x3, 5x5 reduce, 5x5, pool projection]; "
                            + "a module gives 1x1 + 3x3 + 5x5 + pool-projection channels"))
            .param(Param.bool("factorised", true).doc("the 5x5 branch as two 3x3 convolutions (Inception v2) instead of one 5x5"))
            .param(Param.bool("stem", true).doc("a 3x3 conv + ReLU + 2x2 max pooling before the first module"))
            .param(Param.integer("stem-width", 16).range(1, 1024).doc("channels of the stem convolution"))
            .param(Param.bool("pool-between", true).doc("2x2 max pooling (stride 2) after every module but the last"))
            .param(Param.choice("output", "features", "features", "image")
                    .doc("features: the mean of each channel, features[D]; image: the last module's maps, image[D,H',W']"))
            .build();

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public Signature infer(Signature input, Params params) throws IncompatibleInputException {
        if (input.modality() != Modality.IMAGE || input.rank() != 3) {
            throw new IncompatibleInputException("inception takes an image [channels, height, width], got " + input);
        }
        if (input.dim(0) <= 0) {
            throw new IncompatibleInputException("inception needs a known number of image channels, got " + input);
        }
        List<Integer> widths = params.getIntList("widths");
        if (widths.size() != 6) {
            throw new IncompatibleInputException("inception widths needs 6 numbers [1x1, 3x3 reduce, 3x3, 5x5 reduce, 5x5, "
                    + "pool projection], got " + widths.size());
        }
        int halvings = (params.getBool("stem") ? 1 : 0) + (params.getBool("pool-between") ? params.getInt("modules") - 1 : 0);
        long h = input.dim(1);
        long w = input.dim(2);
        boolean image = "image".equals(params.getString("output"));
        if (h > 0 && w > 0) {
            if ((Math.min(h, w) >> halvings) < 1) {
                throw new IncompatibleInputException("inception halves " + h + "x" + w + " " + halvings + " times (stem and "
                        + "pool-between); use fewer modules, pool-between false or a larger image");
            }
            h >>= halvings;
            w >>= halvings;
        } else if (image) {
            throw new IncompatibleInputException("inception with output image needs a fixed image size, got " + input);
        }
        long d = moduleWidth(widths);
        return image ? Signature.of(Modality.IMAGE, d, h, w) : Signature.of(Modality.FEATURES, d);
    }

    @Override
    public Port build(BlockContext ctx, Port input, Params params) {
        Signature out = Layers.inferOrThrow(this, input.signature(), params);
        SameDiff sd = ctx.graph();
        List<Integer> widths = params.getIntList("widths");
        // channels-last inside (one permute in, none between layers): oneDNN pools NCHW memory with its
        // reference kernel, and per-pooling permutes cost more than they save here (docs/results.md)
        SDVariable x = sd.permute(input.variable(), 0, 2, 3, 1);
        long ch = input.signature().dim(0);
        if (params.getBool("stem")) {
            long sw = params.getInt("stem-width");
            // max pooling commutes with ReLU: pool first, a quarter of the ReLU work
            x = Layers.relu(Layers.maxPoolNhwc(conv(ctx.child("stem"), x, ch, sw, 3)));
            ch = sw;
        }
        int modules = params.getInt("modules");
        for (int m = 0; m < modules; m++) {
            x = module(ctx.child("module" + m), x, ch, widths, params.getBool("factorised"));
            ch = moduleWidth(widths);
            if (params.getBool("pool-between") && m < modules - 1) {
                x = Layers.maxPoolNhwc(x);
            }
        }
        String name = ctx.name("features");
        x = "image".equals(params.getString("output")) ? sd.permute(name, x, 0, 3, 1, 2) : sd.mean(name, x, 1, 2);
        return new Port(x, out);
    }

    private static SDVariable module(BlockContext ctx, SDVariable x, long in, List<Integer> widths, boolean factorised) {
        SameDiff sd = ctx.graph();
        SDVariable b1 = convRelu(ctx.child("1x1"), x, in, widths.get(0), 1);
        SDVariable b3 = convRelu(ctx.child("3x3"), convRelu(ctx.child("3x3-reduce"), x, in, widths.get(1), 1),
                widths.get(1), widths.get(2), 3);
        SDVariable r5 = convRelu(ctx.child("5x5-reduce"), x, in, widths.get(3), 1);
        SDVariable b5 = factorised
                ? convRelu(ctx.child("5x5b"), convRelu(ctx.child("5x5a"), r5, widths.get(3), widths.get(4), 3), widths.get(4), widths.get(4), 3)
                : convRelu(ctx.child("5x5"), r5, widths.get(3), widths.get(4), 5);
        SDVariable bp = convRelu(ctx.child("pool-proj"), Layers.maxPool3SameNhwc(x), in, widths.get(5), 1);
        return sd.concat(3, b1, b3, b5, bp);
    }

    /** NHWC convolution, weights [k, k, in, out] as before. */
    private static SDVariable conv(BlockContext ctx, SDVariable x, long in, long out, int kernel) {
        return Layers.conv(ctx, x, in, out, kernel, true, io.xmodal.api.model.Init.HE_NORMAL, true);
    }

    private static SDVariable convRelu(BlockContext ctx, SDVariable x, long in, long out, int kernel) {
        return Layers.relu(conv(ctx, x, in, out, kernel));
    }

    private static long moduleWidth(List<Integer> widths) {
        return (long) widths.get(0) + widths.get(2) + widths.get(4) + widths.get(5);
    }
}
