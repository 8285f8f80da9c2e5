package io.xmodal.api.runtime;

/**
 * Training-step timing of one reference model.
 *
 * @param model        the reference model's name (cnn, vgg-gru)
 * @param description  what it is, layer by layer
 * @param batch        samples per step
 * @param parameters   trainable values
 * @param steps        timed steps (after warm-up)
 * @param msMedian     median milliseconds per step (wall clock)
 * @param msMin        fastest step
 * @param cpuMsPerStep CPU time of the whole process per timed step (all its threads, user and system,
 *                     garbage collection and JIT included), or NaN when the JVM cannot tell; less
 *                     disturbed than wall time when other processes share the machine
 */
public record BenchResult(String model, String description, int batch, long parameters, int steps, double msMedian, double msMin,
                          double cpuMsPerStep) {
    /** A timing without a CPU-time figure. */
    public BenchResult(String model, String description, int batch, long parameters, int steps, double msMedian, double msMin) {
        this(model, description, batch, parameters, steps, msMedian, msMin, Double.NaN);
    }

    public double samplesPerSecond() {
        return msMedian > 0 ? batch * 1000.0 / msMedian : 0;
    }
}
