package io.xmodal.engine.internal.run;

import io.xmodal.api.Component;
import io.xmodal.engine.internal.build.SlotBlocks;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Which component a run's failure came from: the first stack frame (innermost first, causes
 * included) that lies in the class of one of the run's components, or failing that in its
 * package. Named with the bundle and version that provide it, so that "run failed" says whose
 * code threw: {@code encoder 'boom' (bundle org.example.boom 1.0.0) failed: IllegalStateException: ...}.
 */
final class Culprit {
    private Culprit() {
    }

    /**
     * @param origin a component object to "bundle NAME VERSION" (null when unknown)
     * @return "role 'name' (bundle x 1.0.0) failed: " or empty when no component of the run is on the stack
     */
    static Optional<String> of(Throwable t, Prepared prep, Function<Object, String> origin) {
        Map<Object, String> components = new IdentityHashMap<>();
        for (SlotBlocks.Configured c : prep.blocks().all().values()) {
            c.links().forEach(l -> components.put(l.block(), l.describe()));
        }
        components.put(prep.objective(), describe(prep.objective()));
        prep.metrics().values().forEach(m -> components.put(m, describe(m)));
        // the reader's dataset is the reader's code (its bundle is found from its class)
        String reader = "reader '" + prep.experiment().data().reader().use() + "'";
        components.put(prep.dataset(), reader);
        return of(t, components, origin);
    }

    /**
     * @param components the suspects: component (or dataset) objects to how they are named, e.g. "encoder 'vgg'"
     */
    static Optional<String> of(Throwable t, Map<Object, String> components, Function<Object, String> origin) {
        List<StackTraceElement> frames = new ArrayList<>();
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable x = t; x != null && seen.add(x); x = x.getCause()) {
            frames.addAll(List.of(x.getStackTrace()));
        }
        for (boolean byPackage : new boolean[] {false, true}) {
            for (StackTraceElement f : frames) {
                for (Map.Entry<Object, String> e : components.entrySet()) {
                    Class<?> c = e.getKey().getClass();
                    if (c.getName().startsWith("io.xmodal.engine.")) {
                        continue; // the engine's own code is not a plugin's fault
                    }
                    boolean hit = byPackage ? f.getClassName().startsWith(c.getPackageName() + ".")
                            && f.getClassName().indexOf('.', c.getPackageName().length() + 1) < 0
                            : f.getClassName().equals(c.getName()) || f.getClassName().startsWith(c.getName() + "$");
                    if (hit) {
                        String from = origin.apply(e.getKey());
                        return Optional.of(e.getValue() + (from == null ? "" : " (" + from + ")") + " failed: ");
                    }
                }
            }
        }
        return Optional.empty();
    }

    static String describe(Component c) {
        return c.spec().role().id() + " '" + c.spec().name() + "'";
    }
}
