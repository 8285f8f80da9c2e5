package io.xmodal.api;

import java.util.Locale;

/**
 * The type of a component parameter as written in a descriptor. {@link #COMPONENT} (since 0.3.0) is
 * another component, written like a model slot ({@code {use: vgg, with: {...}}} or just {@code vgg}),
 * checked against its own schema and handed to the block as a {@link NestedComponent}.
 */
public enum ParamType {
    INT, FLOAT, BOOL, STRING, ENUM, INT_LIST, FLOAT_LIST, PATH, STRING_LIST, COMPONENT;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
