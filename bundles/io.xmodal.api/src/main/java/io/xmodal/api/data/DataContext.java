package io.xmodal.api.data;

import java.nio.file.Path;
import java.util.function.Consumer;

/** What a reader may use while it opens a dataset. */
public interface DataContext {
    /** The experiment seed: synthetic data and sampling must depend on nothing else. */
    long seed();

    /** A folder where the reader may cache derived data between runs. */
    Path cacheDir();

    /** Prints one progress line for long work (decoding, generating). */
    Consumer<String> progress();
}
