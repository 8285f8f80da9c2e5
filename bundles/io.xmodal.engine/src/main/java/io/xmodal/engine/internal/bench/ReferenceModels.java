package io.xmodal.engine.internal.bench;

import io.xmodal.api.Modality;
import io.xmodal.api.Signature;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference models of the benchmark, layer for layer the models of the PyTorch reference
 * script shipped with the distribution (bench/torch_reference.py), built from xmodal components.
 */
public final class ReferenceModels {
    /**
     * One model: what it reads and predicts, per slot the component (a map {use, with}) or a chain of
     * them (a list of such maps) with its parameters, loss and batch.
     */
    public record Model(String name, String description, Signature input, Signature target, Map<String, Object> slots,
                        String loss, int batch) {
    }

    private ReferenceModels() {
    }

    public static final List<Model> ALL = List.of(
            new Model("cnn", "conv3x3(16) x2, maxpool, conv3x3(32) x2, maxpool, dense 64 relu, dense 2, cross-entropy; input 1x32x32",
                    Signature.of(Modality.IMAGE, 1, 32, 32), Signature.of(Modality.LABEL, 2),
                    slots("encoder", use("vgg", "blocks", 2, "width", 16, "convs-per-block", 2),
                            "head", use("classification", "classes", 2, "hidden", 64)),
                    "cross-entropy", 64),
            new Model("vgg-gru", "vgg(16, 32) -> dense 64 tanh = GRU h0 -> GRU(64) over 64 zero inputs -> dense 1 sigmoid per step, mse",
                    Signature.of(Modality.IMAGE, 1, 32, 32), Signature.of(Modality.SERIES, 64),
                    slots("encoder", use("vgg", "blocks", 2, "width", 16, "convs-per-block", 2),
                            "decoder", use("gru", "hidden", 64, "steps", 64, "mode", "state"),
                            "head", use("regression", "activation", "sigmoid")),
                    "mse", 32));

    /**
     * Two families of experiments/next-frame-families.yaml (10 -> 1 moving digits, 64x64, batch 16,
     * binary cross-entropy), timed only when named: no PyTorch counterpart, and a step takes seconds.
     */
    public static final List<Model> VIDEO = List.of(
            new Model("video-convlstm", "conv3d(2 blocks, 16, frames) -> convlstm(32) -> deconv(2 stages, 32) -> sigmoid; 10x1x64x64 -> 1x64x64",
                    Signature.of(Modality.FRAMES, 10, 1, 64, 64), Signature.of(Modality.IMAGE, 1, 64, 64),
                    slots("encoder", List.of(use("conv3d", "blocks", 2, "width", 16, "output", "frames"), use("convlstm", "hidden", 32)),
                            "decoder", use("deconv", "height", 64, "width", 64, "stages", 2, "filters", 32, "frames", 1),
                            "head", use("regression", "activation", "sigmoid")),
                    "binary-cross-entropy", 16),
            new Model("video-inception-gru", "time-distributed inception(2 modules) -> gru(128) -> deconv(3 stages, 64) -> sigmoid; "
                    + "10x1x64x64 -> 1x64x64",
                    Signature.of(Modality.FRAMES, 10, 1, 64, 64), Signature.of(Modality.IMAGE, 1, 64, 64),
                    slots("encoder", List.of(use("time-distributed", "encoder", use("inception", "modules", 2, "output", "features")),
                                    use("gru", "hidden", 128)),
                            "decoder", use("deconv", "height", 64, "width", 64, "stages", 3, "filters", 64, "frames", 1),
                            "head", use("regression", "activation", "sigmoid")),
                    "binary-cross-entropy", 16));

    /** Every model the benchmark knows by name. */
    public static List<Model> named() {
        List<Model> all = new java.util.ArrayList<>(ALL);
        all.addAll(VIDEO);
        return all;
    }

    private static Map<String, Object> use(String name, Object... kv) {
        Map<String, Object> with = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            with.put((String) kv[i], kv[i + 1]);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("use", name);
        m.put("with", with);
        return m;
    }

    private static Map<String, Object> slots(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
