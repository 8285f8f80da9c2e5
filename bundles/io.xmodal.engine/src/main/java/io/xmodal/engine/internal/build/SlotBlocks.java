package io.xmodal.engine.internal.build;

import io.xmodal.api.Component;
import io.xmodal.api.NestedComponent;
import io.xmodal.api.Param;
import io.xmodal.api.ParamType;
import io.xmodal.api.Params;
import io.xmodal.api.Role;
import io.xmodal.api.model.Block;
import io.xmodal.engine.internal.descriptor.Experiment;
import io.xmodal.engine.internal.registry.ComponentLookup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The blocks an experiment configures, by slot, with their resolved parameters. A slot holds one
 * block or a chain of blocks that run in order; COMPONENT parameters become {@link NestedComponent}s
 * found in the registry.
 */
public final class SlotBlocks {
    /** One block of a slot; {@code index} is its place in the slot's chain, -1 when the slot has one block. */
    public record Link(String slot, int index, Block block, Params params) {
        /** For example {@code encoder 'vgg'}, or {@code encoder[1] 'lstm'} in a chain. */
        public String describe() {
            return block.spec().role().id() + (index < 0 ? "" : "[" + index + "]") + " '" + block.spec().name() + "'";
        }

        /** Where it is written in the descriptor, e.g. {@code model.encoder} or {@code model.encoder[1]}. */
        public String path() {
            return "model." + slot + (index < 0 ? "" : "[" + index + "]");
        }

        /** Its name scope in the graph: the slot, or {@code slot/index} in a chain. */
        public String scope() {
            return index < 0 ? slot : slot + "/" + index;
        }
    }

    /** A configured slot: one block, or a chain of them. */
    public record Configured(String slot, List<Link> links) {
        /** The first (for a single-block slot the only) block. */
        public Block block() {
            return links.get(0).block();
        }

        public Params params() {
            return links.get(0).params();
        }

        public boolean chain() {
            return links.get(0).index() >= 0;
        }

        public String describe() {
            if (!chain()) {
                return links.get(0).describe();
            }
            List<String> names = new ArrayList<>();
            links.forEach(l -> names.add(l.block().spec().name()));
            return block().spec().role().id() + " chain " + String.join(" -> ", names);
        }
    }

    private final Map<String, Configured> bySlot = new LinkedHashMap<>();

    public SlotBlocks(Experiment.Model model, ComponentLookup lookup, Map<String, Role> roles, Path baseDir) {
        model.slots().forEach((slot, uses) -> {
            List<Link> links = new ArrayList<>();
            for (int i = 0; i < uses.size(); i++) {
                Experiment.Use use = uses.get(i);
                Component c = find(lookup, roles.get(slot), use.use());
                if (!(c instanceof Block b)) {
                    throw new IllegalStateException(c.spec() + " is not a block");
                }
                links.add(new Link(slot, uses.size() == 1 ? -1 : i, b, params(c, use.with(), lookup, baseDir)));
            }
            bySlot.put(slot, new Configured(slot, List.copyOf(links)));
        });
    }

    /**
     * A component's resolved parameters with every COMPONENT value (the plain map {use, with} the
     * checker resolved) turned into a {@link NestedComponent}, recursively.
     */
    static Params params(Component c, Map<String, Object> with, ComponentLookup lookup, Path baseDir) {
        Map<String, Object> values = new LinkedHashMap<>(with);
        for (Param p : c.spec().params()) {
            if (p.type() == ParamType.COMPONENT && values.get(p.name()) instanceof Map<?, ?> m) {
                String name = (String) m.get("use");
                @SuppressWarnings("unchecked")
                Map<String, Object> inner = m.get("with") instanceof Map<?, ?> w ? (Map<String, Object>) w : Map.of();
                Component nested = find(lookup, p.componentRole(), name);
                values.put(p.name(), new NestedComponent(nested, params(nested, inner, lookup, baseDir)));
            }
        }
        return new Params(values, baseDir);
    }

    private static Component find(ComponentLookup lookup, Role role, String name) {
        return lookup.find(role, name)
                .orElseThrow(() -> new IllegalStateException(role.id() + " '" + name + "' is no longer installed"));
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
