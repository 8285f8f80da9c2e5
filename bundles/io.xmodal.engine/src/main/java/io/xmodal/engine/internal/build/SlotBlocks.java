package io.xmodal.engine.internal.build;

import io.xmodal.api.Component;
import io.xmodal.api.Params;
import io.xmodal.api.model.Block;
import io.xmodal.engine.internal.descriptor.Experiment;
import io.xmodal.engine.internal.registry.ComponentLookup;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The blocks an experiment configures, by slot, with their resolved parameters. */
public final class SlotBlocks {
    /** A configured block. */
    public record Configured(String slot, Block block, Params params) {
        public String describe() {
            return block.spec().role().id() + " '" + block.spec().name() + "'";
        }
    }

    private final Map<String, Configured> bySlot = new LinkedHashMap<>();

    public SlotBlocks(Experiment.Model model, ComponentLookup lookup, Map<String, io.xmodal.api.Role> roles, Path baseDir) {
        model.slots().forEach((slot, use) -> {
            Component c = lookup.find(roles.get(slot), use.use())
                    .orElseThrow(() -> new IllegalStateException(roles.get(slot).id() + " '" + use.use() + "' is no longer installed"));
            if (!(c instanceof Block b)) {
                throw new IllegalStateException(c.spec() + " is not a block");
            }
            bySlot.put(slot, new Configured(slot, b, new Params(use.with(), baseDir)));
        });
    }

    public boolean has(String slot) {
        return bySlot.containsKey(slot);
    }

    public Configured get(String slot) {
        Configured c = bySlot.get(slot);
        if (c == null) {
            throw new IllegalArgumentException("no block configured in slot '" + slot + "'");
        }
        return c;
    }

    public Map<String, Configured> all() {
        return bySlot;
    }
}
