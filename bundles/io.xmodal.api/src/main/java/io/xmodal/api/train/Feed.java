package io.xmodal.api.train;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Random;

/**
 * The value of an extra placeholder that a plan asks the engine to feed on every training step and
 * at evaluation, beside the input and the target: a GAN's noise, a VAE's reparameterisation noise, a
 * KL weight that warms up with the epochs.
 *
 * @since 0.3
 */
@FunctionalInterface
public interface Feed {
    /**
     * The array to feed for one batch, in the model's data type.
     *
     * @param batch    the number of samples in this batch
     * @param epoch    the current epoch, from 1 (at test time the last epoch trained)
     * @param step     the training step, from 0 (at evaluation the step reached so far)
     * @param training true on a training step, false at validation and test
     * @param random   seeded by the engine: training draws from one stream per run, every evaluation pass
     *                 starts a stream of its own from the same seed, so results repeat exactly
     */
    INDArray value(int batch, int epoch, long step, boolean training, Random random);
}
