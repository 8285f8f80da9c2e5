package io.xmodal.audio.dsp;

import java.io.IOException;
import java.nio.file.Path;

/** A file that is not a WAV file this library can read; the message names the file and the problem. */
public final class WavFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final String problem;

    public WavFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
        this.problem = problem;
    }

    /** The file that could not be read. */
    public Path file() {
        return file;
    }

    /** What is wrong with it, without the file name. */
    public String problem() {
        return problem;
    }
}
