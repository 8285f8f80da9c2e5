package io.xmodal.api;

/**
 * A building block contributed by a bundle. Components are Declarative Services components
 * registered under their role interface (for example {@code io.xmodal.api.model.Encoder}); the engine
 * finds them by {@link ComponentSpec#role()} and {@link ComponentSpec#name()}. Implementations are
 * stateless: everything a run needs comes in through the method arguments.
 */
public interface Component {
    /** This component's metadata; called often, so return a constant. */
    ComponentSpec spec();
}
