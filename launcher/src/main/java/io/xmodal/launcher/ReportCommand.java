package io.xmodal.launcher;

import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.api.runtime.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", sortOptions = false,
        description = {"Write a self-contained HTML report comparing studies and runs.",
            "%nThe page needs no network: charts and samples are embedded. It holds the table of variants (only the "
                + "parameters that differ, mean ± std over seeds, the best marked; a generating run's scoring figures too), "
                + "the best against the runner-up (paired by seed, 95%% t interval), bar charts with error bars and baselines, "
                + "learning curves, each generating variant's generated-grid.png with its real | generated pictures and sounds, "
                + "sample galleries (images and WAV players), provenance with differing bundle versions marked, and links to "
                + "each run directory. table.csv and table.json are written beside it."})
final class ReportCommand implements EngineCommand {
    @Parameters(index = "0..*", arity = "1..*", paramLabel = "DIR",
            description = "Study directories (with study.json), run directories (with metrics.json), or folders of run directories.")
    List<Path> dirs;

    @Option(names = "--out", paramLabel = "FILE", order = 1,
            description = "The HTML file (default: DIR/report.html for one directory, else ./report.html).")
    Path out;

    @Override
    public String precheck() {
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) {
                return Files.exists(d) ? d + " is not a directory; give a study or run directory" : "no such directory: " + d;
            }
        }
        return null;
    }

    @Override
    public int execute(Workbench workbench, Console console, Map<String, String> host) throws DescriptorException {
        Path file = out != null ? out : dirs.size() == 1 ? dirs.get(0).resolve("report.html") : Path.of("report.html");
        console.line("report: " + workbench.report(dirs, file));
        return 0;
    }
}
