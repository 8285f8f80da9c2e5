package io.xmodal.api;

import java.util.Objects;

/**
 * The value of a {@link ParamType#COMPONENT} parameter: a component resolved by the engine's
 * registry (role and name as the descriptor gives them) with its own resolved parameters. A block
 * that holds one (for example a time-distributed encoder) casts {@link #component()} to the role
 * interface it needs (e.g. {@code io.xmodal.api.model.Encoder}) and calls its {@code infer} and
 * {@code build} like the engine would.
 *
 * @param component the component instance (stateless, shared)
 * @param params    its resolved parameters
 * @since 0.3.0
 */
public record NestedComponent(Component component, Params params) {
    public NestedComponent {
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(params, "params");
    }

    /** For example {@code encoder 'vgg'}. */
    public String describe() {
        return component.spec().role().id() + " '" + component.spec().name() + "'";
    }

    @Override
    public String toString() {
        return "{use: " + component.spec().name() + ", with: " + params + "}";
    }
}
