package io.xmodal.api.data;

import io.xmodal.api.Component;
import io.xmodal.api.Params;
import io.xmodal.api.Signature;

/**
 * Turns one modality of every sample into another (audio into a log-mel spectrogram, an image into a
 * normalised image). Register the DS component under this interface; its spec's role is
 * {@link io.xmodal.api.Role#TRANSFORM}, {@code accepts} names the input modalities and {@code produces}
 * the output modality.
 *
 * <p>The engine opens one {@link Op} per worker thread, so an op may keep buffers and need not be
 * thread-safe. Outputs of ops that do not {@link Op#fits() fit} are cached on disk, keyed by the reader's
 * configuration, the source files' {@link Dataset#fingerprint() fingerprint} and every transform's name,
 * bundle version and parameters: an op must be a pure function of its parameters and input.
 */
public interface Transform extends Component {
    /**
     * Configures the transform for inputs of {@code input}.
     *
     * @throws DataException when the parameters do not suit this input (the message says what to change)
     */
    Op open(Signature input, Params params) throws DataException;

    /** A configured transform. */
    interface Op {
        /** The signature of every output. */
        Signature output();

        /** The output for one input, a flat row-major array of {@code input.size()} values. */
        float[] apply(float[] input);

        /**
         * True when the op needs statistics of the training split ({@link #fit}) before it applies, as
         * per-dataset normalisation does. Such ops are never cached and run after the cached ones.
         */
        default boolean fits() {
            return false;
        }

        /** Learns what {@link #apply} needs from the inputs of the training split (called once). */
        default void fit(Iterable<float[]> training) {
        }
    }

    /**
     * An op that can also turn one of its outputs back into an input: exactly where the forward op keeps
     * everything, approximately where it does not (a magnitude spectrogram has no phase, so a waveform is
     * estimated by Griffin-Lim). The engine uses it to make generated samples of a transformed modality
     * audible or visible in the reader's own terms (docs/generative.md). Return it from {@link #open} where
     * the transform can be inverted; callers test with {@code instanceof}.
     *
     * @since 0.4
     */
    interface Invertible extends Op {
        /** The signature of what {@link #invert} returns: the input this op was opened for. */
        Signature input();

        /**
         * An input whose output approximates {@code output}, a flat row-major array of {@link #output()}'s
         * size; values outside what {@link #apply} can produce (a generator's) are clamped, never refused.
         */
        float[] invert(float[] output);
    }
}
