package io.xmodal.metrics.internal;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Modality;
import io.xmodal.api.Role;

/** Spec constants shared by the metrics of this bundle. */
final class Specs {
    private Specs() {
    }

    /** A metric that scores real-valued predictions of any of the continuous modalities. */
    static ComponentSpec regression(String name, String doc) {
        return ComponentSpec.of(Role.METRIC, name).doc(doc)
                .accepts(Modality.SERIES, Modality.FEATURES, Modality.SEQUENCE, Modality.IMAGE,
                        Modality.FRAMES, Modality.AUDIO, Modality.SPECTROGRAM)
                .build();
    }

    /** A metric that scores pictures frame by frame: FRAMES [time, channels, height, width] or IMAGE (one frame). */
    static ComponentSpec frames(String name, String doc) {
        return ComponentSpec.of(Role.METRIC, name).doc(doc).accepts(Modality.FRAMES, Modality.IMAGE).build();
    }

    /** A metric that scores class predictions. */
    static ComponentSpec classification(String name, String doc) {
        return ComponentSpec.of(Role.METRIC, name).doc(doc).accepts(Modality.LABEL).build();
    }
}
