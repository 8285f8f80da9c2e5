package io.xmodal.launcher;

import io.xmodal.api.runtime.Workbench;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "plugins",
        description = {"List the registered components and their parameters.",
            "%nOne row per component: role, name, bundle, version and parameters as name=default type "
                + "(name=<required> type when there is no default)."})
final class PluginsCommand implements EngineCommand {
    @Option(names = "--json",
            description = "Print a JSON array instead: one object per component with role, name, doc, bundle, version, "
                + "accepts, accepts_rank, produces and params [{name, type, default, min, max, allowed, doc}].")
    boolean json;

    @Override
    public boolean announcesBackend() {
        return false;
    }

    @Override
    public int execute(Workbench workbench, Console console, Map<String, String> host) {
        var components = workbench.components();
        console.line(json ? PluginTable.json(components) : PluginTable.text(components));
        return 0;
    }
}
