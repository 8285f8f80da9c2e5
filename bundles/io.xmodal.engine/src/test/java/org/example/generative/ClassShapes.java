package org.example.generative;

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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A test reader for generative scoring: {@code shape}, an IMAGE [1, size, size] of one of four classes
 * (a horizontal bar, a vertical bar, a diagonal, a square outline, each at a random offset, with pixel
 * noise), its {@code class} (LABEL [4], named), and a {@code hint}, a SERIES [4] condition (the class
 * one-hot plus noise). Deterministic from the seed; classes cycle so they are balanced.
 */
public final class ClassShapes implements Reader {
    public static final List<String> NAMES = List.of("hbar", "vbar", "diagonal", "square");

    @Override
    public ComponentSpec spec() {
        return ComponentSpec.of(Role.READER, "class-shapes").doc("test reader: four classes of shapes with a noisy class hint")
                .param(Param.integer("count", 160).range(8, 100_000).doc("samples"))
                .param(Param.integer("size", 12).range(8, 64).doc("image side"))
                .build();
    }

    @Override
    public Dataset open(DataContext ctx, Params params) {
        int count = params.getInt("count");
        int size = params.getInt("size");
        long seed = ctx.seed();
        return new Dataset() {
            @Override
            public Map<String, Signature> modalities() {
                Map<String, Signature> m = new LinkedHashMap<>();
                m.put("hint", Signature.of(Modality.SERIES, 4));
                m.put("shape", Signature.of(Modality.IMAGE, 1, size, size));
                m.put("class", Signature.of(Modality.LABEL, 4));
                return m;
            }

            @Override
            public long size() {
                return count;
            }

            @Override
            public List<String> classes(String modality) {
                return modality.equals("class") ? NAMES : null;
            }

            @Override
            public Sample get(long index) {
                Random r = new Random(seed * 1_000_003L + index);
                int k = (int) (index % 4);
                float[] img = new float[size * size];
                int a = 2 + r.nextInt(size - 4);
                for (int i = 0; i < size; i++) {
                    switch (k) {
                        case 0 -> img[a * size + i] = 1;
                        case 1 -> img[i * size + a] = 1;
                        case 2 -> img[i * size + i] = 1;
                        default -> {
                            int lo = 1 + r.nextInt(2);
                            int hi = size - 2 - r.nextInt(2);
                            if (i >= lo && i <= hi) {
                                img[lo * size + i] = 1;
                                img[hi * size + i] = 1;
                                img[i * size + lo] = 1;
                                img[i * size + hi] = 1;
                            }
                        }
                    }
                }
                for (int i = 0; i < img.length; i++) {
                    img[i] = Math.max(0, Math.min(1, img[i] + (float) (0.1 * r.nextGaussian())));
                }
                float[] hint = new float[4];
                for (int j = 0; j < 4; j++) {
                    hint[j] = (j == k ? 1f : 0f) + (float) (0.2 * r.nextGaussian());
                }
                return new Sample("s" + index, Map.of("shape", img, "class", new float[] {k}, "hint", hint), "class-shapes " + index);
            }
        };
    }
}
