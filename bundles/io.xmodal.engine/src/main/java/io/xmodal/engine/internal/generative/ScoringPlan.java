package io.xmodal.engine.internal.generative;

import io.xmodal.api.Signature;
import io.xmodal.engine.internal.build.SlotBlocks;
import io.xmodal.engine.internal.descriptor.Experiment;

/**
 * How a run whose objective generates samples scores them, resolved before anything is built: the modality
 * holding each sample's class ({@code labels}) and its signature, the classifier's blocks (an encoder and
 * a {@code classification} head over the target modality) and the resolved {@code scoring:} section.
 */
public record ScoringPlan(String labels, Signature labelSignature, SlotBlocks classifier, Experiment.Scoring config) {
    /** The number of classes. */
    public int classes() {
        return (int) labelSignature.dim(0);
    }

    /** For example {@code vgg -> classification}. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        classifier.all().forEach((slot, c) -> b.append(b.length() == 0 ? "" : " -> ").append(c.block().spec().name()));
        return b.toString();
    }
}
