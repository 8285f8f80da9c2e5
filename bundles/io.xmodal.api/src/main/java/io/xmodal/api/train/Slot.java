package io.xmodal.api.train;

import io.xmodal.api.Role;

/**
 * A place in the model that an objective fills with a configured block, named as in the
 * descriptor's {@code model:} section (for example {@code encoder}, {@code decoder}, {@code head}).
 */
public record Slot(String name, Role role, boolean required) {
}
