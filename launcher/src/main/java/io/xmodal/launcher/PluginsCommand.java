package io.xmodal.launcher;

import io.xmodal.api.runtime.Workbench;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "plugins",
        description = {"List the registered components and their parameters.",
            "%nOne row per component: role, name, bundle, version and parameters as name=default type "
                + "(name=<required> type when there is no default).",
            "%nThen every bundle that is installed but not active (one that does not resolve or whose activator "
                + "failed, from a feature or the drop-in folder), with the reason: the missing requirement or the error."})
final class PluginsCommand implements EngineCommand, FrameworkAware {
    @Option(names = "--json",
            description = "Print a JSON array instead: one object per component with role, name, doc, bundle, version, "
                + "accepts, accepts_rank, produces and params [{name, type, default, min, max, allowed, doc}].")
    boolean json;

    private BundleContext context;
    private Path dropins;

    @Override
    public void attach(BundleContext context, Distribution dist, Path dropins) {
        this.context = context;
        this.dropins = dropins;
    }

    @Override
    public boolean announcesBackend() {
        return false;
    }

    @Override
    public int execute(Workbench workbench, Console console, Map<String, String> host) {
        var components = workbench.components();
        List<Dropins.Inactive> inactive = context == null ? List.of() : Dropins.inactive(context);
        if (json) {
            console.line(PluginTable.json(components));
            inactive.forEach(b -> console.warn("bundle not active: " + b));
        } else {
            console.line(PluginTable.text(components) + PluginTable.inactive(inactive, dropins));
        }
        return 0;
    }
}
