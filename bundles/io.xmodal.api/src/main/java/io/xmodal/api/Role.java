package io.xmodal.api;

import java.util.Locale;

/** What a component does in an experiment. Names are unique within a role. */
public enum Role {
    ENCODER, DECODER, HEAD, OBJECTIVE, READER, TRANSFORM, METRIC, RECIPE;

    /** The lower-case name used in descriptors and listings. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
