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
import io.xmodal.api.model.Init;
import io.xmodal.api.model.Port;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.osgi.service.component.annotations.Component;

/**
 * ConvLSTM (Shi et al. 2015, "Convolutional LSTM Network"), unrolled over time from primitive ops:
 * <pre>
 * [i, f, g, o] = W_x * X_t + W_h * H_{t-1} + b        (* = same-padded convolution, 4 x hidden maps)
 * C_t = sigmoid(f + W_cf . C_{t-1}) . C_{t-1} + sigmoid(i + W_ci . C_{t-1}) . tanh(g)
 * H_t = sigmoid(o + W_co . C_t) . tanh(C_t)
 * </pre>
 * The peephole terms (W_c. . C, Hadamard products with weights [hidden, H, W], as in the paper) are
 * there with {@code peepholes: true}; by default they are left out, as in most later implementations
 * (Keras' ConvLSTM2D, PyTorch ports), which keeps the parameters of earlier descriptors and saved
 * models. The input-to-state
 * convolution runs once for all steps (time folded into the batch), the state-to-state one once per
 * step; both are oneDNN conv2d ops. Layers stack: each takes the hidden maps of the one below. The
 * states start at zero. Output: the last hidden state (an image) or all of them (frames).
 */
@Component(service = Encoder.class)
public final class ConvLstmEncoder implements Encoder {
    private static final ComponentSpec SPEC = ComponentSpec.of(Role.ENCODER, "convlstm")
            .doc("ConvLSTM (Shi et al. 2015): convolutional gates, stacked layers; frames[T,C,H,W] -> image[hidden,H,W] "
                    + "(last state) or frames[T,hidden,H,W]")
            .accepts(Modality.FRAMES).acceptsRank(4).produces(Modality.IMAGE, Modality.FRAMES)
            .param(Param.integer("hidden", 16).range(1, 1024).doc("hidden (and cell) state channels of every layer"))
            .param(Param.integer("kernel", 3).range(1, 11).doc("kernel of the input-to-state and state-to-state convolutions, odd"))
            .param(Param.integer("layers", 1).range(1, 4).doc("stacked ConvLSTM layers"))
            .param(Param.bool("peepholes", false).doc("the paper's peephole terms W_ci.C, W_cf.C, W_co.C (Hadamard, weights "
                    + "[hidden, H, W] per gate and layer); off by default, as in most later implementations"))
            .param(Param.choice("output", "last", "last", "sequence")
                    .doc("last: the top layer's last hidden state, image[hidden,H,W]; sequence: all of them, frames[T,hidden,H,W]"))
            .build();

    @Override
    public ComponentSpec spec() {
        return SPEC;
    }

    @Override
    public Signature infer(Signature input, Params params) throws IncompatibleInputException {
        if (input.modality() != Modality.FRAMES || input.rank() != 4) {
            throw new IncompatibleInputException("convlstm takes frames [time, channels, height, width], got " + input);
        }
        if (input.size() <= 0) {
            throw new IncompatibleInputException("convlstm needs a known number of frames, channels and size, got " + input);
        }
        int kernel = params.getInt("kernel");
        if (kernel % 2 == 0) {
            throw new IncompatibleInputException("convlstm needs an odd kernel for same padding, got " + kernel);
        }
        long hidden = params.getInt("hidden");
        return "last".equals(params.getString("output"))
                ? Signature.of(Modality.IMAGE, hidden, input.dim(2), input.dim(3))
                : Signature.of(Modality.FRAMES, input.dim(0), hidden, input.dim(2), input.dim(3));
    }

    @Override
    public Port build(BlockContext ctx, Port input, Params params) {
        Signature out = Layers.inferOrThrow(this, input.signature(), params);
        SameDiff sd = ctx.graph();
        // The per-step split outputs must not come from SameDiff M2.1's array cache (see the engine's ArrayReuse).
        sd.setEnableCache(false);
        int steps = (int) input.signature().dim(0);
        long c = input.signature().dim(1);
        long h = input.signature().dim(2);
        long w = input.signature().dim(3);
        long hidden = params.getInt("hidden");
        int kernel = params.getInt("kernel");
        boolean peepholes = params.getBool("peepholes");
        // [B, T, C, H, W] -> time-major [T * B, C, H, W]: one convolution for every step's input side
        SDVariable x = sd.reshape(sd.permute(input.variable(), 1, 0, 2, 3, 4), -1, c, h, w);
        SDVariable[] states = null;
        long in = c;
        for (int l = 0; l < params.getInt("layers"); l++) {
            BlockContext layer = ctx.child("layer" + l);
            SDVariable xGates = Layers.conv(layer.child("x"), x, in, 4 * hidden, kernel, true, Init.UNIFORM_FAN_IN);
            SDVariable[] perStep = steps == 1 ? new SDVariable[] {xGates} : sd.split(xGates, steps, 0);
            SDVariable wh = layer.param("h/w", Init.UNIFORM_FAN_IN, hidden * kernel * kernel, 4 * hidden * kernel * kernel,
                    kernel, kernel, hidden, 4 * hidden);
            SDVariable[] peep = new SDVariable[3];
            if (peepholes) {
                String[] gate = {"i", "f", "o"};
                for (int p = 0; p < 3; p++) {
                    peep[p] = layer.param("peephole/" + gate[p], Init.UNIFORM_FAN_IN, hidden * kernel * kernel,
                            4 * hidden * kernel * kernel, hidden, h, w);
                }
            }
            states = new SDVariable[steps];
            SDVariable hPrev = null;
            SDVariable cPrev = null;
            for (int t = 0; t < steps; t++) {
                SDVariable gates = hPrev == null ? perStep[t] : perStep[t].add(sd.cnn().conv2d(hPrev, wh, sameConv(kernel)));
                // Equal split along channels: SplitV has no gradient in SameDiff M2.1.
                SDVariable[] ifgo = sd.split(gates, 4, 1);
                // C_0 = 0, so the first step has no f . C and no peephole on i and f
                SDVariable i = sd.nn().sigmoid(peepholes && cPrev != null ? ifgo[0].add(peep[0].mul(cPrev)) : ifgo[0]);
                SDVariable g = sd.math().tanh(ifgo[2]);
                SDVariable cell = cPrev == null ? i.mul(g)
                        : sd.nn().sigmoid(peepholes ? ifgo[1].add(peep[1].mul(cPrev)) : ifgo[1]).mul(cPrev).add(i.mul(g));
                hPrev = sd.nn().sigmoid(peepholes ? ifgo[3].add(peep[2].mul(cell)) : ifgo[3]).mul(sd.math().tanh(cell));
                cPrev = cell;
                states[t] = hPrev;
            }
            x = sd.concat(0, states);
            in = hidden;
        }
        if ("last".equals(params.getString("output"))) {
            return new Port(sd.identity(ctx.name("state"), states[steps - 1]), out);
        }
        return new Port(sd.stack(ctx.name("frames"), 1, states), out);
    }

    private static org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig sameConv(int kernel) {
        return org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig.builder().kH(kernel).kW(kernel)
                .sH(1).sW(1).dH(1).dW(1).paddingMode(org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode.SAME)
                .dataFormat("NCHW").weightsFormat(org.nd4j.enums.WeightsFormat.YXIO).build();
    }
}
