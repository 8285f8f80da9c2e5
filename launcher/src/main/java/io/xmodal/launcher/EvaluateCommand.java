package io.xmodal.launcher;

import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.api.runtime.Workbench;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "evaluate",
        description = "Reload the model of a finished run and recompute its test metrics.")
final class EvaluateCommand implements EngineCommand {
    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run directory written by 'xmodal run'.")
    Path runDir;

    @Override
    public String precheck() {
        return Files.isDirectory(runDir) ? null : "no such run directory: " + runDir;
    }

    @Override
    public int execute(Workbench workbench, Console console, Map<String, String> host) throws DescriptorException {
        return console.outcome(workbench.evaluate(runDir, console::line));
    }
}
