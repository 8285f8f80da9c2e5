package io.xmodal.data.internal;

import io.xmodal.api.data.DataException;

import java.nio.file.Path;

/**
 * A {@link DataException} at one line of a text file, worded like a compiler message:
 * {@code series.csv:14: 63 values, expected 64 like the first row}.
 */
final class CsvException extends DataException {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final String detail;

    CsvException(Path file, int line, String detail) {
        super(file, "line " + line + ": " + detail);
        this.line = line;
        this.detail = detail;
    }

    /** The 1-based line number. */
    int line() {
        return line;
    }

    @Override
    public String getMessage() {
        return file() + ":" + line + ": " + detail;
    }
}
