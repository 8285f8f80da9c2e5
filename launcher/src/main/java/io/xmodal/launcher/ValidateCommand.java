package io.xmodal.launcher;

import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.api.runtime.Workbench;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "validate", sortOptions = false,
        description = {"Check a descriptor without building or training anything.",
            "%nChecks keys, component names, parameter types and ranges, shapes and data files against the installed "
                + "components, then prints a one-line summary of the resolved experiment.",
            "%nA study file (with vary:, include:, exclude:, seeds:) has every one of its runs checked; each problem names "
                + "the variants it applies to, and the summary lists the variants."})
final class ValidateCommand implements EngineCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "The experiment or study descriptor (YAML).")
    Path file;

    @Option(names = "--set", paramLabel = "PATH=VALUE", converter = Cli.OverrideConverter.class,
            description = "Override a descriptor value, e.g. train.epochs=5 (repeatable).")
    List<String> overrides = new ArrayList<>();

    @Override
    public boolean announcesBackend() {
        return false;
    }

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
        console.line(workbench.validate(file, overrides));
        return 0;
    }
}
