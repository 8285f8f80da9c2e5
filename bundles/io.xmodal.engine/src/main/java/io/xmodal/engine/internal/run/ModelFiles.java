package io.xmodal.engine.internal.run;

import io.xmodal.engine.internal.store.RunDirectory;
import io.xmodal.engine.internal.train.TargetScaler;
import org.nd4j.autodiff.samediff.SameDiff;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code model/}: the SameDiff graph with its trained values ({@code graph.sd}, built-in ops only,
 * so it reloads without any plugin class) and {@code model.json} (variable names and target scaling).
 */
public final class ModelFiles {
    public static final String GRAPH = "model/graph.sd";
    public static final String META = "model/model.json";

    private ModelFiles() {
    }

    public static void save(RunDirectory dir, SameDiff sd, Map<String, Object> meta) throws IOException {
        Path target = dir.resolve(GRAPH);
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), ".graph", ".tmp");
        sd.save(tmp.toFile(), false);
        RunDirectory.move(tmp, target);
        dir.writeJson(META, meta);
    }

    public static Map<String, Object> meta(String input, String target, String prediction, String loss, TargetScaler scaler,
                                           long parameters) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", 1);
        m.put("input", input);
        m.put("target", target);
        m.put("prediction", prediction);
        m.put("loss", loss);
        m.put("scaling", scaler.toMap());
        m.put("parameters", parameters);
        return m;
    }

    public static SameDiff load(RunDirectory dir) throws IOException {
        File f = dir.resolve(GRAPH).toFile();
        if (!f.isFile()) {
            throw new IOException(f + " is missing: the run did not finish, or the directory is not a run directory");
        }
        return SameDiff.load(f, false);
    }
}
