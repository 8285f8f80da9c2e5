package io.xmodal.api.model;

import io.xmodal.api.Params;

/** The last block: output activation and the scaling its targets need. Register under this interface. */
public interface Head extends Block {
    /** How targets must be scaled to match this head's output range. */
    TargetScaling targetScaling(Params params);
}
