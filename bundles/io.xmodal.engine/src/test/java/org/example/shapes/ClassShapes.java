package org.example.shapes;

import io.xmodal.api.ComponentSpec;
import io.xmodal.api.Modality;
import io.xmodal.api.Param;
import io.xmodal.api.Params;
import io.xmodal.api.Role;
import io.xmodal.api.Signature;
import io.xmodal.api.data.DataContext;
import io.xmodal.api.data.Dataset;
import io.xmodal.api.data.Reader;
import io.xmodal.api.data.Sample;

import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A test reader of a simple conditional distribution: {@code condition} is a class's one-hot row
 * (FEATURES [3]), {@code image} that class's fixed 8x8 shape (a horizontal bar, a vertical bar, a
 * hollow square; pixels 0.9 on 0.1) with a little Gaussian noise, {@code label} the class index.
 */
public final class ClassShapes implements Reader {
    public static final int SIZE = 8;
    public static final int CLASSES = 3;

    @Override
    public ComponentSpec spec() {
        return ComponentSpec.of(Role.READER, "class-shapes").doc("test reader: a class's one-hot row and its fixed shape")
                .param(Param.integer("count", 240).range(3, 100_000).doc("samples"))
                .param(Param.real("noise", 0.03).range(0, 1).doc("standard deviation of the pixel noise"))
                .build();
    }

    /** The noiseless shape of class {@code k}, row-major [SIZE * SIZE]. */
    public static float[] shape(int k) {
        float[] img = new float[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                boolean on = switch (k) {
                    case 0 -> y >= 3 && y <= 4 && x >= 1 && x <= 6;
                    case 1 -> x >= 3 && x <= 4 && y >= 1 && y <= 6;
                    default -> (x == 1 || x == 6 || y == 1 || y == 6) && x >= 1 && x <= 6 && y >= 1 && y <= 6;
                };
                img[y * SIZE + x] = on ? 0.9f : 0.1f;
            }
        }
        return img;
    }

    @Override
    public Dataset open(DataContext ctx, Params params) {
        int count = params.getInt("count");
        double noise = params.getDouble("noise");
        long seed = ctx.seed();
        return new Dataset() {
            @Override
            public Map<String, Signature> modalities() {
                return Map.of("condition", Signature.of(Modality.FEATURES, CLASSES), "image", Signature.of(Modality.IMAGE, 1, SIZE, SIZE),
                        "label", Signature.of(Modality.LABEL, CLASSES));
            }

            @Override
            public long size() {
                return count;
            }

            @Override
            public List<String> classes(String modality) {
                return modality.equals("label") ? List.of("hbar", "vbar", "square") : null;
            }

            @Override
            public Sample get(long index) {
                int k = (int) (index % CLASSES);
                Random r = new Random(seed * 1_000_003L + index);
                float[] img = shape(k);
                for (int i = 0; i < img.length; i++) {
                    img[i] += (float) (noise * r.nextGaussian());
                }
                float[] oneHot = new float[CLASSES];
                oneHot[k] = 1;
                return new Sample("shape-" + index, Map.of("condition", oneHot, "image", img, "label", new float[] {k}), "class-shapes " + index);
            }
        };
    }
}
