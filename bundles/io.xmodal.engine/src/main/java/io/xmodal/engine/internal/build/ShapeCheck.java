package io.xmodal.engine.internal.build;

import io.xmodal.api.Signature;
import io.xmodal.api.model.IncompatibleInputException;
import io.xmodal.api.train.PlanContext;

/**
 * The {@link PlanContext} used by validation: infers each slot's output signature and, when a
 * block refuses its input, says which slot, which block, and what came into it.
 */
public final class ShapeCheck implements PlanContext {
    private final Signature input;
    private final Signature target;
    private final SlotBlocks blocks;
    private String lastSlot;

    public ShapeCheck(Signature input, Signature target, SlotBlocks blocks) {
        this.input = input;
        this.target = target;
        this.blocks = blocks;
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
        SlotBlocks.Configured c = blocks.get(slot);
        if (!c.block().spec().admits(in)) {
            throw new IncompatibleInputException(c.describe() + " accepts " + c.block().spec().accepts().stream().map(m -> m.id()).sorted().toList()
                    + (c.block().spec().acceptsRank().isEmpty() ? "" : " of rank " + c.block().spec().acceptsRank())
                    + " but receives " + in + " from " + describeSource(slot));
        }
        try {
            return c.block().infer(in, c.params());
        } catch (IncompatibleInputException e) {
            throw new IncompatibleInputException(c.describe() + " cannot take " + in + " from " + describeSource(slot) + ": " + e.getMessage());
        }
    }

    /** The slot whose check failed last (where a problem should point). */
    public String lastSlot() {
        return lastSlot;
    }

    private String describeSource(String slot) {
        String prev = null;
        for (String s : blocks.all().keySet()) {
            if (s.equals(slot)) {
                break;
            }
            prev = s;
        }
        return prev == null ? "the input" : blocks.get(prev).describe();
    }
}
