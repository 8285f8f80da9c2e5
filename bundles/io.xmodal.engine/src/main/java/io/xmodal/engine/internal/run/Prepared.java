package io.xmodal.engine.internal.run;

import io.xmodal.api.Params;
import io.xmodal.api.Signature;
import io.xmodal.api.data.Dataset;
import io.xmodal.api.train.Metric;
import io.xmodal.api.train.RetrievalMetric;
import io.xmodal.api.train.Objective;
import io.xmodal.engine.internal.build.SlotBlocks;
import io.xmodal.engine.internal.descriptor.Experiment;
import io.xmodal.engine.internal.generative.ScoringPlan;

import java.nio.file.Path;
import java.util.Map;

/** A validated experiment with its dataset open and every component found: ready to build and train. */
public record Prepared(Experiment experiment, Path baseDir, Dataset dataset, Signature input, Signature target,
                       Objective objective, Params objectiveParams, SlotBlocks blocks,
                       Map<String, Metric> metrics, Map<String, RetrievalMetric> retrievalMetrics,
                       ScoringPlan scoring) implements AutoCloseable {
    /** A prepared experiment whose objective generates no samples (nothing to score). */
    public Prepared(Experiment experiment, Path baseDir, Dataset dataset, Signature input, Signature target, Objective objective,
                    Params objectiveParams, SlotBlocks blocks, Map<String, Metric> metrics, Map<String, RetrievalMetric> retrievalMetrics) {
        this(experiment, baseDir, dataset, input, target, objective, objectiveParams, blocks, metrics, retrievalMetrics, null);
    }

    /** A prepared experiment that predicts its target (no retrieval metrics). */
    public Prepared(Experiment experiment, Path baseDir, Dataset dataset, Signature input, Signature target, Objective objective,
                    Params objectiveParams, SlotBlocks blocks, Map<String, Metric> metrics) {
        this(experiment, baseDir, dataset, input, target, objective, objectiveParams, blocks, metrics, Map.of());
    }

    /**
     * The class modality the objective's {@code labels} parameter names, when the objective declares that
     * parameter and the data has such a LABEL modality; else null. Its values are fed to the graph
     * ({@link io.xmodal.api.train.BuildContext#labels()}) and used to score class-level retrieval.
     */
    public String labelsModality() {
        return labelsModality(objective, objectiveParams, dataset.modalities());
    }

    static String labelsModality(Objective objective, Params params, Map<String, Signature> modalities) {
        if (objective.spec().param("labels").isEmpty()) {
            return null;
        }
        String name = params.getString("labels");
        Signature s = name == null ? null : modalities.get(name);
        return s != null && s.modality() == io.xmodal.api.Modality.LABEL ? name : null;
    }

    @Override
    public void close() {
        dataset.close();
    }

    /** One line saying what will run. */
    public String summary() {
        StringBuilder b = new StringBuilder(experiment.name()).append(": ")
                .append(experiment.data().reader().use()).append(" (").append(dataset.size() < 0 ? "streamed" : dataset.size() + " samples")
                .append(") ").append(experiment.model().input()).append(' ').append(input).append(" -> ");
        blocks.all().forEach((slot, c) -> b.append(c.block().spec().name()).append(" -> "));
        b.append(experiment.model().target()).append(' ').append(target)
                .append("; ").append(experiment.train().objective().use()).append(", ")
                .append(experiment.train().epochs()).append(" epochs, batch ").append(experiment.train().batch());
        return b.toString();
    }
}
