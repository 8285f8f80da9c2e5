package io.xmodal.api.runtime;

import io.xmodal.api.ComponentSpec;

/** A component currently registered in the framework and the bundle that provides it. */
public record ComponentInfo(ComponentSpec spec, String bundle, String version) {
}
