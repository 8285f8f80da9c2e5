package io.xmodal.api.runtime;

/**
 * One thing wrong with a descriptor, located where the user must edit it.
 *
 * @param file    the descriptor file
 * @param line    1-based line, or 0 when not known
 * @param column  1-based column, or 0 when not known
 * @param path    the dotted path of the key at fault (for example {@code model.encoder.with.blocks})
 * @param message what is wrong and how to fix it, e.g. "unknown parameter 'blcks' of encoder 'vgg'; did you mean 'blocks'?"
 */
public record Problem(String file, int line, int column, String path, String message) {
    /** {@code file:line:col: message}, the form editors and terminals link. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(file);
        if (line > 0) {
            b.append(':').append(line);
            if (column > 0) {
                b.append(':').append(column);
            }
        }
        return b.append(": ").append(message).toString();
    }
}
