package io.xmodal.itests;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads the run directory's JSON files. Used inside the framework only, where Jackson comes from its
 * bundle; kept apart from the test class, which the host also loads (without Jackson on its class path).
 */
final class Json {
    private Json() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(Path file) throws IOException {
        return new ObjectMapper().readValue(file.toFile(), Map.class);
    }
}
