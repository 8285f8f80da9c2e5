package io.xmodal.audio.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Modality;
import io.xmodal.api.Param;
import io.xmodal.api.Params;
import io.xmodal.api.Role;
import io.xmodal.api.Signature;
import io.xmodal.api.model.BlockContext;
import io.xmodal.api.model.Encoder;
import io.xmodal.api.model.IncompatibleInputException;
import io.xmodal.api.model.Init;
import io.xmodal.api.model.Port;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.osgi.service.component.annotations.Component;

/**
 * CNN over a spectrogram [channels, frames, bins] (time x frequency): {@code blocks} blocks of a
 * same-padded convolution (optionally batch-normalised) and ReLU, each followed by max pooling over
 * frequency by {@code pool-freq} and over time by {@code pool-time}; then the channels and remaining
 * bins of each time step form one vector, and the time steps are pooled into one feature vector by
 * their mean, their maximum, or attention (softmax weights from a learned score of each step). The
 * feature width does not depend on the number of frames, so clips of any length give the same size.
 */
@Component(service = Encoder.class)
public final class SpectrogramCnnEncoder implements Encoder {
    static final String NAME = "spectrogram-cnn";
    private static final double BN_EPSILON = 1e-5;

    private static final ComponentSpec SPEC = ComponentSpec.of(Role.ENCODER, NAME)
            .doc("CNN over time x frequency, pooling over frequency, then mean, max or attention pooling over time; "
                    + "spectrogram[C,T,F] -> features[D]")
            .accepts(Modality.SPECTROGRAM).acceptsRank(3).produces(Modality.FEATURES)
            .param(Param.integer("blocks", 4).range(1, 8).doc("number of conv blocks"))
            .param(Param.integer("width", 32).range(1, 4096).doc("channels of the first block, doubled in each further block"))
            .param(Param.integer("max-width", 256).range(1, 4096).doc("upper limit on the channels of any block"))
            .param(Param.integer("kernel", 3).range(1, 11).doc("convolution kernel size (odd; same padding)"))
            .param(Param.integer("pool-freq", 2).range(1, 8).doc("max-pooling factor over frequency after each block"))
            .param(Param.integer("pool-time", 2).range(1, 8).doc("max-pooling factor over time after each block (1: none)"))
            .param(Param.bool("batch-norm", false)
                    .doc("batch normalisation between each convolution and its ReLU, with the current batch's statistics "
                            + "in training and evaluation alike (evaluate with batches of several samples)"))
            .param(Param.choice("time-pooling", "mean", "mean", "max", "attention")
                    .doc("how the time steps become one vector: their mean, their maximum, or attention weights"))
            .build();

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public Signature infer(Signature input, Params params) throws IncompatibleInputException {
        if (input.modality() != Modality.SPECTROGRAM || input.rank() != 3) {
            throw new IncompatibleInputException(NAME + " takes a spectrogram [channels, frames, bins], got " + input
                    + (input.modality() == Modality.AUDIO ? "; add a transform such as log-mel to data.transforms" : ""));
        }
        int kernel = params.getInt("kernel");
        if (kernel % 2 == 0) {
            throw new IncompatibleInputException(NAME + " needs an odd kernel for same padding, got " + kernel);
        }
        if (input.dim(0) <= 0 || input.dim(2) <= 0) {
            throw new IncompatibleInputException(NAME + " needs known channels and bins, got " + input);
        }
        int blocks = params.getInt("blocks");
        long bins = input.dim(2);
        long frames = input.dim(1);
        for (int b = 0; b < blocks; b++) {
            bins /= params.getInt("pool-freq");
            if (frames > 0) {
                frames /= params.getInt("pool-time");
            }
            if (bins < 1 || frames == 0) {
                throw new IncompatibleInputException(NAME + " with " + blocks + " blocks pools " + input + " down to nothing after block "
                        + (b + 1) + "; use fewer blocks, smaller pool-freq/pool-time, or more bins/frames");
            }
        }
        return Signature.of(Modality.FEATURES, channels(params, blocks - 1) * bins);
    }

    @Override
    public Port build(BlockContext ctx, Port input, Params params) {
        Signature out;
        try {
            out = infer(input.signature(), params);
        } catch (IncompatibleInputException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        SameDiff sd = ctx.graph();
        int kernel = params.getInt("kernel");
        boolean bn = params.getBool("batch-norm");
        int pf = params.getInt("pool-freq");
        int pt = params.getInt("pool-time");
        // Channels-last inside ([B, T, F, C]): oneDNN pools channels-first memory with its slow reference
        // kernel. Weights and output are the same as channels-first.
        Conv2DConfig conv = Conv2DConfig.builder().kH(kernel).kW(kernel).sH(1).sW(1).dH(1).dW(1)
                .paddingMode(PaddingMode.SAME).dataFormat(Conv2DConfig.NHWC).weightsFormat(WeightsFormat.YXIO).build();
        Pooling2DConfig pool = Pooling2DConfig.builder().kH(pt).kW(pf).sH(pt).sW(pf).dH(1).dW(1)
                .paddingMode(PaddingMode.VALID).isNHWC(true).build();
        SDVariable x = sd.permute(input.variable(), 0, 2, 3, 1);
        long in = input.signature().dim(0);
        for (int b = 0; b < params.getInt("blocks"); b++) {
            long ch = channels(params, b);
            BlockContext layer = ctx.child("block" + b);
            long fanIn = in * kernel * kernel;
            long fanOut = ch * kernel * kernel;
            SDVariable w = layer.param("w", Init.UNIFORM_FAN_IN, fanIn, fanOut, kernel, kernel, in, ch);
            if (bn) {
                x = batchNorm(layer, sd.cnn().conv2d(x, w, conv), ch);
            } else {
                x = sd.cnn().conv2d(x, w, layer.param("b", Init.UNIFORM_FAN_IN, fanIn, fanOut, ch), conv);
            }
            // relu and max pooling commute; pooling first halves the ReLU work (or more)
            x = sd.nn().relu(pf * pt > 1 ? sd.cnn().maxPooling2d(x, pool) : x, 0);
            in = ch;
        }
        long width = out.dim(0);
        long frames = input.signature().dim(1);
        for (int b = 0; b < params.getInt("blocks") && frames > 0; b++) {
            frames /= pt;
        }
        // [B, T', F', C] -> [B, T', C * F'] (channel-major, as channels-first gave it)
        SDVariable permuted = sd.permute(x, 0, 1, 3, 2);
        SDVariable steps = frames > 0 ? sd.reshape(permuted, -1, frames, width)
                : sd.reshape(permuted, sd.concat(0, dim(sd, x, 0), dim(sd, x, 1), sd.constant(Nd4j.createFromArray(width))));
        String name = ctx.name("features");
        SDVariable features = switch (params.getString("time-pooling")) {
            case "max" -> sd.max(name, steps, 1);
            case "attention" -> attention(ctx, steps, width, frames, name);
            default -> sd.mean(name, steps, 1);
        };
        return new Port(features, out);
    }

    private static SDVariable dim(SameDiff sd, SDVariable x, int axis) {
        return sd.sizeAt(x, axis).castTo(DataType.LONG).reshape(1);
    }

    /** Softmax over time of a learned linear score of each step, then the weighted sum of the steps. */
    private static SDVariable attention(BlockContext ctx, SDVariable steps, long width, long frames, String name) {
        SameDiff sd = ctx.graph();
        BlockContext a = ctx.child("attention");
        SDVariable v = a.param("v", Init.UNIFORM_FAN_IN, width, 1, width, 1);
        SDVariable score = sd.reshape(steps, -1, width).mmul(v);                     // [B*T', 1]
        SDVariable scores = frames > 0 ? sd.reshape(score, -1, frames)                // [B, T']
                : sd.reshape(score, sd.concat(0, dim(sd, steps, 0), dim(sd, steps, 1)));
        SDVariable weights = sd.nn().softmax(scores, 1);
        return sd.sum(name, steps.mul(sd.expandDims(weights, 2)), 1);
    }

    private static SDVariable batchNorm(BlockContext layer, SDVariable x, long channels) {
        SameDiff sd = layer.graph();
        // stored [1, C, 1, 1] as in the channels-first version, so saved models still load; x is channels-last
        SDVariable gamma = layer.param("gamma", Init.ONES, channels, channels, 1, channels, 1, 1).reshape(1, 1, 1, channels);
        SDVariable beta = layer.param("beta", Init.ZEROS, channels, channels, 1, channels, 1, 1).reshape(1, 1, 1, channels);
        SDVariable centred = x.sub(x.mean(true, 0, 1, 2));
        SDVariable variance = sd.math().square(centred).mean(true, 0, 1, 2);
        return centred.mul(sd.math().rsqrt(variance.add(BN_EPSILON)).mul(gamma)).add(beta);
    }

    private static long channels(Params params, int b) {
        return Math.min(params.getInt("max-width"), (long) params.getInt("width") << Math.min(b, 30));
    }
}
