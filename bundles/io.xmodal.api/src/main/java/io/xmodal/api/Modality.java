package io.xmodal.api;

import java.util.Locale;

/**
 * The kind of data a tensor carries. Shapes exclude the batch dimension:
 * IMAGE [channels, height, width]; SERIES [steps]; AUDIO [samples]; SPECTROGRAM [channels, frames, bins];
 * FRAMES [time, channels, height, width]; LABEL [classes] (a sample holds the class index);
 * FEATURES [width]; SEQUENCE [steps, width]; TEXT [tokens].
 */
public enum Modality {
    IMAGE, SERIES, AUDIO, SPECTROGRAM, FRAMES, LABEL, FEATURES, SEQUENCE, TEXT, ANY;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when a block declared to accept this modality may take data of {@code other}. */
    public boolean admits(Modality other) {
        return this == ANY || this == other;
    }
}
