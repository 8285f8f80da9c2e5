package io.xmodal.launcher;

import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.api.runtime.RunOutcome;
import io.xmodal.api.runtime.RunRequest;
import io.xmodal.api.runtime.Workbench;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", sortOptions = false,
        description = {"Validate, train, evaluate and record one experiment.",
            "%nThe run directory receives descriptor.yaml, metrics.json, history.csv, provenance.json, model/ and samples/."})
final class RunCommand implements EngineCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "The experiment descriptor (YAML).")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", order = 1,
            description = "The run directory (default: runs/<experiment>/<timestamp>).")
    Path out;

    @Option(names = "--set", paramLabel = "PATH=VALUE", order = 2, converter = Cli.OverrideConverter.class,
            description = "Override a descriptor value, e.g. train.epochs=5 (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--variant", paramLabel = "NAME", order = 3,
            description = "Run one run of a study FILE: its name as 'xmodal validate FILE' and study.json give it "
                + "(e.g. 'model.decoder.use=gru, seed=1'), its folder name, or its number.")
    String variant;

    @Override
    public Path descriptorFile() {
        return file;
    }

    @Override
    public List<String> descriptorOverrides() {
        return overrides;
    }

    @Override
    public String precheck() {
        return Console.fileProblem(file);
    }

    @Override
    public int execute(Workbench workbench, Console console, Map<String, String> host) throws DescriptorException {
        RunRequest request = new RunRequest(file, out, overrides, console::line, host);
        if (variant == null) {
            return console.outcome(workbench.run(request));
        }
        ParentWatch.start(System.getProperties(), console);
        RunOutcome outcome = workbench.runVariant(request, variant);
        return console.outcome(outcome);
    }
}
