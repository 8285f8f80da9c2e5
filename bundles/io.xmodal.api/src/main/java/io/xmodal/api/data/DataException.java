package io.xmodal.api.data;

import java.nio.file.Path;

/**
 * Bad or missing data. The message names the file (when there is one), the problem and the fix,
 * for example "faces/003.png: not a PNG or JPEG image (first bytes 00 00 00 0c); remove or replace it".
 */
public class DataException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Path file;

    public DataException(Path file, String message) {
        super(file == null ? message : file + ": " + message);
        this.file = file;
    }

    public DataException(Path file, String message, Throwable cause) {
        super(file == null ? message : file + ": " + message, cause);
        this.file = file;
    }

    /** The file at fault, or null. */
    public Path file() {
        return file;
    }
}
