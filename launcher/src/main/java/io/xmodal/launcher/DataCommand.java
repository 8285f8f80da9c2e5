package io.xmodal.launcher;

import io.xmodal.api.Param;
import io.xmodal.api.Role;
import io.xmodal.api.runtime.ComponentInfo;
import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.api.runtime.Workbench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code xmodal data}: dataset recipes (synthesised speech, rendered instruments, generated video). */
@Command(name = "data", sortOptions = false,
        description = {"Build datasets from recipes.",
            "%nA recipe writes files (WAV, PNG, NPY) and a manifest that a reader opens, deterministically: the same options "
                + "and seed give the same files. `xmodal data list` shows the installed recipes and their options."},
        subcommands = {DataCommand.Build.class, DataCommand.ListRecipes.class})
final class DataCommand {
    @Command(name = "build", sortOptions = false,
            description = {"Build the dataset of recipe NAME into an empty folder.",
                "%nExample: xmodal data build spoken-languages --out data/spoken-languages --size 4000"})
    static final class Build implements EngineCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The recipe (see `xmodal data list`).")
        String name;

        @Option(names = "--out", paramLabel = "DIR", required = true,
                description = "The folder to write; it must not exist or be empty.")
        Path out;

        @Option(names = "--size", paramLabel = "N",
                description = "Shorthand for --with size=N (how many items, for recipes that take a size).")
        Integer size;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "7",
                description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--with", paramLabel = "KEY=VALUE", converter = Cli.OverrideConverter.class,
                description = "A recipe option, e.g. --with languages=[en,de,fr] (repeatable; values are YAML).")
        List<String> options = new ArrayList<>();

        @Override
        public boolean announcesBackend() {
            return false; // builds files; nothing is computed with ND4J
        }

        @Override
        public String precheck() {
            if (size != null && size < 1) {
                return "--size must be at least 1";
            }
            return null;
        }

        @Override
        public int execute(Workbench workbench, Console console, Map<String, String> host) throws DescriptorException {
            List<String> all = new ArrayList<>(options);
            if (size != null) {
                all.add("size=" + size);
            }
            long t0 = System.nanoTime();
            String summary = workbench.buildData(name, out, all, seed, console::line);
            console.line(summary + String.format(" (%.1f s)", (System.nanoTime() - t0) / 1e9));
            return Main.OK;
        }
    }

    @Command(name = "list", description = "List the installed recipes and their options.")
    static final class ListRecipes implements EngineCommand {
        @Override
        public boolean announcesBackend() {
            return false;
        }

        @Override
        public int execute(Workbench workbench, Console console, Map<String, String> host) {
            List<ComponentInfo> recipes = workbench.components().stream().filter(c -> c.spec().role() == Role.RECIPE).toList();
            if (recipes.isEmpty()) {
                console.line("no recipe is installed");
                return Main.OK;
            }
            for (ComponentInfo c : recipes) {
                console.line(c.spec().name() + "  " + c.spec().doc() + "  (" + c.bundle() + " " + c.version() + ")");
                for (Param p : c.spec().params()) {
                    console.line(String.format("    %-16s %-8s %-12s %s", p.name(), p.type().id(),
                            p.defaultValue() == null ? "(required)" : String.valueOf(p.defaultValue()), p.doc()));
                }
            }
            return Main.OK;
        }
    }
}
