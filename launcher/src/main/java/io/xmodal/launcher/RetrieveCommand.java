package io.xmodal.launcher;

import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.api.runtime.Retrieval;
import io.xmodal.api.runtime.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "retrieve",
        description = {"Embed an image or a WAV file with a contrastive run's encoder for its modality (read and transformed as the "
                + "run's data was) and print the nearest items of the other modality from the run's index of its test split.",
            "%nExample: xmodal retrieve runs/av-retrieval/<time> --query digit.png --k 5"})
final class RetrieveCommand implements EngineCommand {
    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run directory written by 'xmodal run' with objective contrastive.")
    Path runDir;

    @Option(names = "--query", required = true, paramLabel = "FILE", description = "An image (.png, .jpg, .bmp, .gif) or a .wav file.")
    Path query;

    @Option(names = "--k", paramLabel = "N", defaultValue = "10", description = "How many items to print (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--json", description = "Print one JSON object instead: query, modalities, gallery size, search time and hits "
            + "[{rank, id, source, label, score}].")
    boolean json;

    @Override
    public String precheck() {
        if (!Files.isDirectory(runDir)) {
            return "no such run directory: " + runDir;
        }
        if (!Files.isRegularFile(query)) {
            return "no such query file: " + query + " (give an image or a .wav file)";
        }
        return k < 1 ? "--k must be 1 or more, not " + k : null;
    }

    @Override
    public int execute(Workbench workbench, Console console, Map<String, String> host) throws DescriptorException {
        Retrieval r = workbench.retrieve(runDir, query, k, console::info);
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("query", r.query());
            m.put("query_modality", r.queryModality());
            m.put("gallery_modality", r.galleryModality());
            m.put("gallery_size", r.gallerySize());
            m.put("search_ms", r.searchMillis());
            List<Object> hits = new ArrayList<>();
            for (Retrieval.Hit h : r.hits()) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("rank", h.rank());
                o.put("id", h.id());
                o.put("source", h.source());
                o.put("label", h.label());
                o.put("score", h.score());
                hits.add(o);
            }
            m.put("hits", hits);
            console.line(Json.write(m));
            return 0;
        }
        console.line(String.format(Locale.ROOT, "%s (%s) -> nearest %d of %d %s items (search %.2f ms):", r.query(), r.queryModality(),
                r.hits().size(), r.gallerySize(), r.galleryModality(), r.searchMillis()));
        console.line(String.format(Locale.ROOT, "%4s  %7s  %-6s  %-22s  %s", "rank", "score", "label", "id", "source"));
        for (Retrieval.Hit h : r.hits()) {
            console.line(String.format(Locale.ROOT, "%4d  %7.4f  %-6s  %-22s  %s", h.rank(), h.score(), h.label() == null ? "-" : h.label(),
                    h.id(), h.source()));
        }
        return 0;
    }
}
