package io.xmodal.engine.internal.descriptor;

import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.api.runtime.Problem;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of one descriptor, so a user sees them all at once. */
public final class Problems {
    private final String file;
    private final List<Problem> list = new ArrayList<>();

    public Problems(String file) {
        this.file = file;
    }

    public String file() {
        return file;
    }

    /** A problem at a value. */
    public void at(Node node, String path, String message) {
        list.add(new Problem(file, node == null ? 0 : node.line(), node == null ? 0 : node.column(), path, message));
    }

    /** A problem at a key of a map (an unknown or misplaced key). */
    public void atKey(Node map, String key, String path, String message) {
        int[] p = map.keyPosition(key);
        list.add(new Problem(file, p[0], p[1], path, message));
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public List<Problem> list() {
        return List.copyOf(list);
    }

    public void throwIfAny() throws DescriptorException {
        if (!list.isEmpty()) {
            throw new DescriptorException(list);
        }
    }
}
