package io.xmodal.engine.internal.build;

import io.xmodal.api.Modality;
import io.xmodal.api.Params;
import io.xmodal.api.Role;
import io.xmodal.api.Signature;
import io.xmodal.api.train.Objective;
import io.xmodal.engine.internal.descriptor.Experiment;
import io.xmodal.engine.internal.registry.ComponentRegistry;
import io.xmodal.engine.internal.run.ClasspathComponents;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pins the ND4J 1.0.0-M2.1 array-reuse bug and its workaround: with the default memory manager a
 * vgg -> gru graph gives different outputs for the same input from one call to the next; with
 * {@link ArrayReuse#disable} every call agrees. If the first assertion starts failing, ND4J fixed
 * the bug and the workaround can go.
 */
class ArrayReuseTest {
    /** A model after one gradient computation and a save/load round trip, as a finished run holds it. */
    private static SameDiff model() throws Exception {
        SameDiff sd = fresh();
        Nd4j.getRandom().setSeed(5);
        sd.calculateGradients(Map.of("input", Nd4j.rand(DataType.FLOAT, 4, 1, 16, 16), "target", Nd4j.rand(DataType.FLOAT, 4, 16)),
                sd.variables().stream().filter(v -> v.getVariableType() == org.nd4j.autodiff.samediff.VariableType.VARIABLE)
                        .map(v -> v.name()).toList());
        java.io.File f = java.io.File.createTempFile("graph", ".sd");
        f.deleteOnExit();
        sd.save(f, false);
        return SameDiff.load(f, false);
    }

    private static SameDiff fresh() {
        ComponentRegistry reg = ClasspathComponents.registry();
        Objective objective = (Objective) reg.find(Role.OBJECTIVE, "supervised").orElseThrow();
        Map<String, Experiment.Use> slots = new LinkedHashMap<>();
        slots.put("encoder", use(reg, Role.ENCODER, "vgg", Map.of("blocks", 2, "width", 4)));
        slots.put("decoder", use(reg, Role.DECODER, "gru", Map.of("hidden", 8, "steps", 16)));
        slots.put("head", use(reg, Role.HEAD, "regression", Map.of()));
        Map<String, Role> roles = Map.of("encoder", Role.ENCODER, "decoder", Role.DECODER, "head", Role.HEAD);
        SlotBlocks blocks = new SlotBlocks(new Experiment.Model("image", "series", slots), reg, roles, Path.of("."));
        return ModelAssembler.assemble(objective, Params.defaults(objective.spec()), blocks, Signature.of(Modality.IMAGE, 1, 16, 16),
                Signature.of(Modality.SERIES, 16), 3, DataType.FLOAT).graph();
    }

    private static Experiment.Use use(ComponentRegistry reg, Role role, String name, Map<String, Object> with) {
        return new Experiment.Use(name, Params.defaults(reg.find(role, name).orElseThrow().spec(), with).asMap());
    }

    private static double driftOverCalls(SameDiff sd) {
        Nd4j.getRandom().setSeed(3);
        Map<String, INDArray> ph = Map.of("input", Nd4j.rand(DataType.FLOAT, 5, 1, 16, 16), "target", Nd4j.rand(DataType.FLOAT, 5, 16));
        INDArray first = sd.output(ph, "prediction").get("prediction").dup();
        double drift = 0;
        for (int i = 0; i < 3; i++) {
            drift = Math.max(drift, sd.output(ph, "prediction").get("prediction").sub(first).amaxNumber().doubleValue());
        }
        return drift;
    }

    @Test
    void defaultArrayReuseChangesOutputsAndTheWorkaroundStopsIt() throws Exception {
        assertTrue(driftOverCalls(model()) > 1e-4, "ND4J's array reuse no longer corrupts outputs: ArrayReuse may be removed");
        SameDiff fixed = model();
        ArrayReuse.disable(fixed);
        assertEquals(0.0, driftOverCalls(fixed), 0.0);
    }
}
