package io.xmodal.api;

import java.util.Locale;

/** The type of a component parameter as written in a descriptor. */
public enum ParamType {
    INT, FLOAT, BOOL, STRING, ENUM, INT_LIST, FLOAT_LIST, PATH, STRING_LIST;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
