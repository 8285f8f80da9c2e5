package io.xmodal.engine.internal.run;

import io.xmodal.api.Params;
import io.xmodal.api.Role;
import io.xmodal.api.data.DataContext;
import io.xmodal.api.data.DataException;
import io.xmodal.api.data.Recipe;
import io.xmodal.api.runtime.DescriptorException;
import io.xmodal.api.runtime.Problem;
import io.xmodal.engine.internal.descriptor.Node;
import io.xmodal.engine.internal.descriptor.ParamValues;
import io.xmodal.engine.internal.descriptor.Problems;
import io.xmodal.engine.internal.descriptor.Suggest;
import io.xmodal.engine.internal.descriptor.YamlTree;
import io.xmodal.engine.internal.registry.ComponentLookup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** {@code xmodal data build}: checks the options against the recipe's schema, then lets it write. */
final class DataBuild {
    private final ComponentLookup components;

    DataBuild(ComponentLookup components) {
        this.components = components;
    }

    String build(String name, Path out, List<String> options, long seed, Consumer<String> progress) throws DescriptorException {
        String where = "data build " + name;
        Recipe recipe = (Recipe) components.find(Role.RECIPE, name).orElse(null);
        if (recipe == null) {
            List<String> known = components.names(Role.RECIPE);
            throw new DescriptorException(new Problem(where, 0, 0, "NAME", "unknown recipe '" + name + "';"
                    + Suggest.didYouMean(name, known) + (known.isEmpty() ? " no recipe is installed" : " (installed: " + String.join(", ", known) + ")")));
        }
        StringBuilder yaml = new StringBuilder();
        for (String o : options) {
            int eq = o.indexOf('=');
            if (eq <= 0) {
                throw new DescriptorException(new Problem(where, 0, 0, "--with " + o, "expected --with KEY=VALUE, e.g. --with size=2000"));
            }
            yaml.append(o, 0, eq).append(": ").append(o.substring(eq + 1)).append('\n');
        }
        Node with = options.isEmpty() ? null : YamlTree.parse("--with options of " + where, yaml.toString());
        Problems problems = new Problems(where);
        Map<String, Object> values = ParamValues.resolve("recipe '" + name + "'", recipe.spec().params(), with, "--with",
                with, problems);
        problems.throwIfAny();
        Path target = out.toAbsolutePath();
        try {
            if (Files.exists(target)) {
                if (!Files.isDirectory(target)) {
                    throw new DescriptorException(new Problem(out.toString(), 0, 0, "--out", "exists and is not a folder; choose a new --out"));
                }
                try (Stream<Path> s = Files.list(target)) {
                    if (s.findAny().isPresent()) {
                        throw new DescriptorException(new Problem(out.toString(), 0, 0, "--out",
                                "is not empty; choose a new --out (nothing in it was touched)"));
                    }
                }
            }
            Files.createDirectories(target);
        } catch (IOException e) {
            throw new DescriptorException(new Problem(out.toString(), 0, 0, "--out", "cannot create the folder: " + e.getMessage()));
        }
        DataContext ctx = new DataContext() {
            @Override
            public long seed() {
                return seed;
            }

            @Override
            public Path cacheDir() {
                return Preparation.cacheRoot().resolve(name);
            }

            @Override
            public Consumer<String> progress() {
                return progress;
            }
        };
        try {
            return recipe.build(target, new Params(values, Path.of("").toAbsolutePath()), ctx);
        } catch (DataException e) {
            throw new DescriptorException(new Problem(where, 0, 0, "", e.getMessage()));
        }
    }
}
