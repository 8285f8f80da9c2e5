package io.xmodal.sequence.internal;

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
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What the gru and lstm decoders share: parameters, shape rules, the initial state from the
 * features, stacking of layers, and the hybrid upsampling in time. A subclass supplies one layer.
 *
 * <p>The recurrence is unrolled in the graph, time-major, from primitive ops: the built-in
 * {@code gru} op has wrong gradients and {@code lstmLayer} fails under oneDNN in float32. SameDiff
 * pays tens of microseconds per executed op, so layers keep per-step ops to a minimum: the input
 * projection is computed once (for all steps at once), and the hidden-side gates are one fused
 * matmul per step followed by a split. Affine maps are matmul + add, never xw_plus_b (see Affine).
 */
abstract class RecurrentDecoder implements Decoder {

    static ComponentSpec spec(String name, String doc) {
        return ComponentSpec.of(Role.DECODER, name).doc(doc)
                .accepts(Modality.FEATURES).acceptsRank(1).produces(Modality.SEQUENCE)
                .param(Param.integer("hidden", 64).range(1, 4096).doc("units of the hidden state"))
                .param(Param.integer("steps", 64).range(1, 100_000).doc("length of the output sequence"))
                .param(Param.integer("layers", 1).range(1, 3).doc("stacked recurrent layers"))
                .param(Param.choice("mode", "state", "state", "input", "both")
                        .doc("how the features drive the sequence: state = dense+tanh gives the initial hidden state "
                                + "of every layer and the inputs are zeros; input = the features are the input at "
                                + "every step and the state starts at zero; both = both"))
                .param(Param.integer("hybrid-steps", 0).range(0, 100_000)
                        .doc("0 = off; else the network runs this many steps and the result is stretched to steps "
                                + "by fixed linear interpolation (for long sequences)"))
                .build();
    }

    /** One recurrent layer over {@code steps} steps; returns the hidden state after each step. */
    abstract SDVariable[] layer(BlockContext ctx, LayerInput input, SDVariable h0, int steps, long hidden);

    @Override
    public Signature infer(Signature input, Params params) throws IncompatibleInputException {
        String name = spec().name();
        if (input.modality() != Modality.FEATURES || input.rank() != 1) {
            throw new IncompatibleInputException(name + " takes features [width], got " + input
                    + "; put an encoder before it that produces features");
        }
        if (input.dim(0) <= 0) {
            throw new IncompatibleInputException(name + " needs a known feature width, got " + input);
        }
        int steps = params.getInt("steps");
        int hybrid = params.getInt("hybrid-steps");
        if (hybrid > steps) {
            throw new IncompatibleInputException(name + " hybrid-steps (" + hybrid + ") must not exceed steps ("
                    + steps + "): the network runs hybrid-steps steps and is stretched to steps");
        }
        return Signature.of(Modality.SEQUENCE, steps, params.getInt("hidden"));
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
        // SameDiff M2.1's array cache corrupts the outputs of split ops that the recurrence still
        // needs: the forward pass is wrong and differs from call to call (SameDiffWorkaroundsTest).
        // Without the cache, released arrays are left to the garbage collector; no slower here.
        sd.setEnableCache(false);
        long hidden = params.getInt("hidden");
        int steps = params.getInt("steps");
        int layers = params.getInt("layers");
        int hybrid = params.getInt("hybrid-steps");
        int run = hybrid > 0 ? hybrid : steps;
        String mode = params.getString("mode");
        SDVariable features = input.variable();
        long width = input.signature().dim(0);

        SDVariable[] h0 = new SDVariable[layers];
        if (!"input".equals(mode)) {
            // One dense layer for the initial states of all layers, split per layer.
            SDVariable w = ctx.param("init/w", Init.UNIFORM_FAN_IN, width, layers * hidden, width, layers * hidden);
            SDVariable b = ctx.param("init/b", Init.UNIFORM_FAN_IN, width, layers * hidden, layers * hidden);
            SDVariable states = sd.math().tanh(Affine.of(features, w, b));
            h0 = layers == 1 ? new SDVariable[] {states} : sd.split(states, layers, 1);
        }
        // With zero inputs (state mode) the first layer has no input projection at all.
        LayerInput in = "state".equals(mode) ? LayerInput.NONE : LayerInput.constant(features, width);
        SDVariable[] seq = null;
        for (int l = 0; l < layers; l++) {
            if (l > 0) {
                in = LayerInput.perStep(sd.concat(0, seq), hidden);
            }
            seq = layer(ctx.child("layer" + l), in, h0[l], run, hidden);
        }

        String name = ctx.name("sequence");
        if (run == steps) {
            return new Port(sd.stack(name, 1, seq), out);
        }
        // Hybrid: [S, B, H] -> [S, B*H], then [T, S] x [S, B*H] -> [T, B*H] in one matmul, back to
        // [B, T, H]. (tensorMmul would be one op, but tensormmul_bp fails on these shapes in M2.1.)
        SDVariable interp = sd.constant(ctx.name("interpolation"), interpolation(steps, run, ctx.dataType()));
        SDVariable flat = sd.reshape(sd.stack(0, seq), run, -1);
        SDVariable stretched = sd.reshape(sd.mmul(interp, flat), steps, -1, hidden);
        return new Port(sd.permute(name, stretched, 1, 0, 2), out);
    }

    /** Input-side projection {@code x W_ih + b_ih} with one matmul: once for constant input, else for all steps. */
    static SDVariable project(BlockContext ctx, LayerInput in, long gateWidth, long hidden) {
        SDVariable w = ctx.param("w_ih", Init.UNIFORM_FAN_IN, hidden, gateWidth, in.width(), gateWidth);
        SDVariable b = ctx.param("b_ih", Init.UNIFORM_FAN_IN, hidden, gateWidth, gateWidth);
        return Affine.of(in.value(), w, b);
    }

    /** Splits a time-major [steps * batch, n] array into one [batch, n] array per step (one op). */
    static SDVariable[] perStep(SameDiff sd, SDVariable timeMajor, int steps) {
        return steps == 1 ? new SDVariable[] {timeMajor} : sd.split(timeMajor, steps, 0);
    }

    /**
     * Linear interpolation from {@code from} to {@code to} points with the end points aligned:
     * row t holds the weights of output step t over the {@code from} computed steps.
     */
    static org.nd4j.linalg.api.ndarray.INDArray interpolation(int to, int from, DataType type) {
        double[][] m = new double[to][from];
        for (int t = 0; t < to; t++) {
            double p = to == 1 ? 0 : (double) t * (from - 1) / (to - 1);
            int i0 = (int) Math.floor(p);
            int i1 = Math.min(i0 + 1, from - 1);
            double a = p - i0;
            m[t][i0] += 1 - a;
            m[t][i1] += a;
        }
        return Nd4j.create(m).castTo(type);
    }

    /**
     * What a layer reads at each step: nothing (zeros), the same array at every step ([batch, width]),
     * or one row block per step (time-major [steps * batch, width]).
     */
    record LayerInput(SDVariable value, long width, boolean varies) {
        static final LayerInput NONE = new LayerInput(null, 0, false);

        static LayerInput constant(SDVariable value, long width) {
            return new LayerInput(value, width, false);
        }

        static LayerInput perStep(SDVariable timeMajor, long width) {
            return new LayerInput(timeMajor, width, true);
        }

        boolean none() {
            return value == null;
        }
    }
}
