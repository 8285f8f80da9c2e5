package io.xmodal.generative.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Modality;
import io.xmodal.api.Param;
import io.xmodal.api.Params;
import io.xmodal.api.Role;
import io.xmodal.api.Signature;
import io.xmodal.api.model.BlockContext;
import io.xmodal.api.model.Decoder;
import io.xmodal.api.model.IncompatibleInputException;
import io.xmodal.api.model.Init;
import io.xmodal.api.model.Port;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * DCGAN's generator (Radford et al. 2016) from features [D] (a condition's features and noise) to a
 * map [channels, rows, columns]: a dense layer onto [filters * 2^(stages-1), rows / 2^stages,
 * columns / 2^stages] (rounded up), batch norm and ReLU; then {@code stages} stages, each doubling the
 * size and halving the channels (a transposed convolution with kernel 4 and stride 2, or
 * nearest-neighbour upsampling and a 3x3 convolution), with batch norm and ReLU after all but the last,
 * which gives {@code channels} channels; a crop to the exact size (sizes need not be powers of two) and
 * the output activation.
 */
abstract class ConvGenerator implements Decoder {
    private final Modality produces;
    private final String rowsName;
    private final String columnsName;

    ConvGenerator(Modality produces, String rowsName, String columnsName) {
        this.produces = produces;
        this.rowsName = rowsName;
        this.columnsName = columnsName;
    }

    /** The parameters every generator shares, after its size parameters. */
    static ComponentSpec.Builder common(ComponentSpec.Builder b, String defaultActivation) {
        return b.param(Param.integer("channels", 1).range(1, 64).doc("output channels"))
                .param(Param.integer("stages", 3).range(0, 8).doc("upsampling stages, each doubling the size"))
                .param(Param.choice("upsampling", "transposed", "transposed", "nearest")
                        .doc("how a stage doubles the size: transposed = a transposed convolution (kernel 4, stride 2; DCGAN); nearest = "
                                + "nearest-neighbour upsampling then a 3x3 convolution (Odena et al. 2016: no checkerboard artefacts)"))
                .param(Param.integer("filters", 64).range(1, 4096).doc("channels entering the last stage; doubled per stage towards the first"))
                .param(Param.bool("batch-norm", true).doc("batch normalisation (the current batch's statistics) after the dense layer and every stage but the last"))
                .param(Param.choice("activation", defaultActivation, "sigmoid", "tanh", "linear")
                        .doc("output activation: sigmoid for values in [0, 1], tanh for [-1, 1], linear for unbounded ones"));
    }

    static ComponentSpec.Builder spec(String name, String doc, Modality produces) {
        return ComponentSpec.of(Role.DECODER, name).doc(doc).accepts(Modality.FEATURES).acceptsRank(1).produces(produces);
    }

    @Override
    public Signature infer(Signature input, Params params) throws IncompatibleInputException {
        if (input.modality() != Modality.FEATURES || input.rank() != 1 || input.size() <= 0) {
            throw new IncompatibleInputException(spec().name() + " generates from features [width], got " + input
                    + "; put an encoder before it that gives features");
        }
        return Signature.of(produces, params.getInt("channels"), params.getInt(rowsName), params.getInt(columnsName));
    }

    @Override
    public Port build(BlockContext ctx, Port input, Params params) {
        Signature out = Nets.inferOrThrow(this, input.signature(), params);
        SameDiff sd = ctx.graph();
        int stages = params.getInt("stages");
        boolean bn = params.getBool("batch-norm");
        boolean nearest = params.getString("upsampling").equals("nearest");
        long rows = params.getInt(rowsName);
        long cols = params.getInt(columnsName);
        long channels = params.getInt("channels");
        long h = ceilDiv(rows, 1L << stages);
        long w = ceilDiv(cols, 1L << stages);
        long d = input.signature().dim(0);
        long ch = stages == 0 ? channels : (long) params.getInt("filters") << (stages - 1);
        BlockContext dense = ctx.child("dense");
        SDVariable x = Nets.dense(dense, input.variable(), d, ch * h * w, stages == 0 ? Init.XAVIER_UNIFORM : Init.HE_NORMAL);
        if (stages > 0) {
            if (bn) {
                x = Nets.batchNorm1d(dense.child("bn"), x, ch * h * w);
            }
            x = Nets.relu(x);
        }
        x = sd.reshape(x, -1, ch, h, w);
        for (int s = 0; s < stages; s++) {
            boolean last = s == stages - 1;
            long next = last ? channels : Math.max(1, ch / 2);
            BlockContext stage = ctx.child("stage" + s);
            x = nearest ? Nets.conv(stage, Nets.upsample2x(stage, x, ch, h, w), ch, next, 3, 1, !bn || last) : Nets.deconv(stage, x, ch, next, !bn || last);
            if (!last) {
                if (bn) {
                    x = Nets.batchNorm(stage.child("bn"), x, next);
                }
                x = Nets.relu(x);
            }
            ch = next;
            h *= 2;
            w *= 2;
        }
        x = Nets.crop(x, h, w, rows, cols);
        return new Port(Nets.activation(sd, ctx.name("sample"), x, params.getString("activation")), out);
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
