package io.xmodal.video.internal;

import io.xmodal.api.data.DataContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A data context for tests: a fixed seed, and the progress lines kept for inspection. */
final class TestContext implements DataContext {
    final List<String> lines = new ArrayList<>();
    private final long seed;

    TestContext(long seed) {
        this.seed = seed;
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
