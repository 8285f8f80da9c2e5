package io.xmodal.api.runtime;

/**
 * Training-step timing of one reference model.
 *
 * @param model        the reference model's name (cnn, vgg-gru)
 * @param description  what it is, layer by layer
 * @param batch        samples per step
 * @param parameters   trainable values
 * @param steps        timed steps (after warm-up)
 * @param msMedian     median milliseconds per step
 * @param msMin        fastest step
 */
public record BenchResult(String model, String description, int batch, long parameters, int steps, double msMedian, double msMin) {
    public double samplesPerSecond() {
        return msMedian > 0 ? batch * 1000.0 / msMedian : 0;
    }
}
