package io.xmodal.testing;

import io.xmodal.api.data.DataContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@link DataContext} for testing a reader outside the engine: a fixed seed, the temporary folder
 * as cache, and the progress lines kept for inspection.
 */
public final class TestDataContext implements DataContext {
    private final List<String> lines = new ArrayList<>();
    private final long seed;

    public TestDataContext(long seed) {
        this.seed = seed;
    }

    /** The progress lines the reader printed, in order. */
    public List<String> lines() {
        return lines;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public Path cacheDir() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    @Override
    public Consumer<String> progress() {
        return lines::add;
    }
}
