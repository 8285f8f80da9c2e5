package io.xmodal.engine.internal.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A run directory as the contract describes it. Every file is written to a temporary name and
 * moved into place, so a reader (or a crash) never sees half a file.
 */
public final class RunDirectory {
    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private final Path dir;

    private RunDirectory(Path dir) {
        this.dir = dir;
    }

    /** The default location: {@code runs/<experiment>/<yyyyMMdd-HHmmss>} (with a suffix if taken). */
    public static Path defaultLocation(Path base, String experiment) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path p = base.resolve("runs").resolve(experiment).resolve(stamp);
        for (int i = 2; Files.exists(p); i++) {
            p = base.resolve("runs").resolve(experiment).resolve(stamp + "-" + i);
        }
        return p;
    }

    /**
     * Creates the directory. An existing non-empty directory is refused so nothing already written
     * is overwritten.
     *
     * @throws IOException with a message that names the directory and the fix
     */
    public static RunDirectory create(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.exists(abs)) {
            if (!Files.isDirectory(abs)) {
                throw new IOException(dir + " exists and is not a directory; choose another --out");
            }
            try (Stream<Path> s = Files.list(abs)) {
                if (s.findAny().isPresent()) {
                    throw new IOException(dir + " already holds files; choose a new --out directory (nothing was overwritten)");
                }
            }
        }
        try {
            Files.createDirectories(abs);
            Path probe = Files.createTempFile(abs, ".write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new IOException("cannot write the run directory " + dir + " (" + reason(e) + "); choose a writable --out", e);
        }
        return new RunDirectory(abs);
    }

    /** Opens an existing run directory for reading. */
    public static RunDirectory open(Path dir) {
        return new RunDirectory(dir.toAbsolutePath().normalize());
    }

    public Path path() {
        return dir;
    }

    public Path resolve(String name) {
        return dir.resolve(name);
    }

    public void writeJson(String name, Object value) {
        try {
            write(name, JSON.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(name) + ": " + e.getMessage(), e);
        }
    }

    public void writeYaml(String name, Object value) {
        try {
            write(name, YAML.writeValueAsBytes(value));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(name) + ": " + e.getMessage(), e);
        }
    }

    public void writeText(String name, String text) {
        write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes bytes to {@code name} (which may contain folders) atomically. */
    public void write(String name, byte[] bytes) {
        Path target = dir.resolve(name);
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            Files.write(tmp, bytes);
            move(tmp, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + reason(e), e);
        }
    }

    /** Moves a finished file or folder into place atomically where the file system allows. */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> readJson(String name) throws IOException {
        return JSON.readValue(dir.resolve(name).toFile(), Map.class);
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        return e instanceof java.nio.file.AccessDeniedException ? "permission denied" : m == null ? e.getClass().getSimpleName() : m;
    }
}
