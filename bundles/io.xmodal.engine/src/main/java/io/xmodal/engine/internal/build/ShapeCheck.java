package io.xmodal.engine.internal.build;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Modality;
import io.xmodal.api.Signature;
import io.xmodal.api.model.IncompatibleInputException;
import io.xmodal.api.train.PlanContext;

import java.util.List;

/**
 * The {@link PlanContext} used by validation: infers each slot's output signature and, when a
 * block refuses its input, says which slot, which block, and what came into it.
 */
public final class ShapeCheck implements PlanContext {
    private final Signature input;
    private final Signature target;
    private final SlotBlocks blocks;
    private final List<ComponentSpec> transforms;
    private Signature labels;
    private String lastSlot;
    private int lastIndex = -1;

    public ShapeCheck(Signature input, Signature target, SlotBlocks blocks) {
        this(input, target, blocks, List.of());
    }

    /** @param transforms the installed transforms, named in a hint when one could turn the input into what a block takes */
    public ShapeCheck(Signature input, Signature target, SlotBlocks blocks, List<ComponentSpec> transforms) {
        this.input = input;
        this.target = target;
        this.blocks = blocks;
        this.transforms = List.copyOf(transforms);
    }

    /** Sets the class modality's signature that {@link #labels()} reports (null: none). */
    public ShapeCheck withLabels(Signature labels) {
        this.labels = labels;
        return this;
    }

    @Override
    public java.util.Optional<Signature> labels() {
        return java.util.Optional.ofNullable(labels);
    }

    @Override
    public Signature input() {
        return input;
    }

    @Override
    public Signature target() {
        return target;
    }

    @Override
    public boolean has(String slot) {
        return blocks.has(slot);
    }

    @Override
    public Signature infer(String slot, Signature in) throws IncompatibleInputException {
        lastSlot = slot;
        lastIndex = -1;
        SlotBlocks.Configured c = blocks.get(slot);
        String source = describeSource(slot);
        Signature s = in;
        for (SlotBlocks.Link link : c.links()) {
            lastIndex = link.index();
            ComponentSpec spec = link.block().spec();
            if (!spec.admits(s)) {
                throw new IncompatibleInputException(link.describe() + " accepts " + spec.accepts().stream().map(m -> m.id()).sorted().toList()
                        + (spec.acceptsRank().isEmpty() ? "" : " of rank " + spec.acceptsRank())
                        + " but receives " + s + " from " + source + hint(s, spec.accepts()));
            }
            Signature out;
            try {
                out = link.block().infer(s, link.params());
            } catch (IncompatibleInputException e) {
                throw new IncompatibleInputException(link.describe() + " cannot take " + s + " from " + source + ": " + e.getMessage());
            }
            source = link.describe() + " (" + s + " -> " + out + ")";
            s = out;
        }
        return s;
    }

    /** When the model's input could be transformed into what the block takes: which transforms would do it. */
    private String hint(Signature in, java.util.Set<Modality> accepted) {
        if (in != input) {
            return "";
        }
        List<String> names = transforms.stream()
                .filter(t -> t.accepts().contains(in.modality()) && t.produces().stream().anyMatch(accepted::contains))
                .map(ComponentSpec::name).sorted().toList();
        return names.isEmpty() ? "" : "; add a transform to data.transforms that turns " + in.modality().id() + " into "
                + accepted.stream().map(Modality::id).sorted().findFirst().orElse("?") + " (installed: " + String.join(", ", names) + ")";
    }

    /** The slot whose check failed last (where a problem should point). */
    public String lastSlot() {
        return lastSlot;
    }

    /** The place in the slot's chain whose check failed last, -1 for a single-block slot. */
    public int lastIndex() {
        return lastIndex;
    }

    /** What feeds a slot: the input, or the last block of the slot before it. */
    private String describeSource(String slot) {
        String prev = null;
        for (String s : blocks.all().keySet()) {
            if (s.equals(slot)) {
                break;
            }
            prev = s;
        }
        if (prev == null) {
            return "the input";
        }
        List<SlotBlocks.Link> links = blocks.get(prev).links();
        return links.get(links.size() - 1).describe();
    }
}
