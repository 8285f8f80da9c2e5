package org.example.clips;

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
import java.util.Map;
import java.util.Random;

/**
 * A test reader of tiny videos: a bright square (side 4) moves across a dark {@code size} x
 * {@code size} frame with a constant velocity of 1 or 2 pixels per frame on each axis, bouncing off
 * the walls. {@code clip} holds the first {@code inputs} frames, {@code next} the {@code targets}
 * frames after them, both FRAMES [T, 1, size, size] with pixels in [0, 1]. Deterministic from the seed.
 */
public final class MovingSquares implements Reader {
    private static final int SIDE = 4;

    @Override
    public ComponentSpec spec() {
        return ComponentSpec.of(Role.READER, "moving-squares").doc("test reader: a square moving with constant velocity")
                .param(Param.integer("count", 64).range(1, 100_000).doc("clips"))
                .param(Param.integer("size", 16).range(8, 256).doc("frame side"))
                .param(Param.integer("inputs", 4).range(1, 100).doc("input frames"))
                .param(Param.integer("targets", 1).range(1, 100).doc("target frames"))
                .build();
    }

    @Override
    public Dataset open(DataContext ctx, Params params) {
        int count = params.getInt("count");
        int size = params.getInt("size");
        int inputs = params.getInt("inputs");
        int targets = params.getInt("targets");
        long seed = ctx.seed();
        return new Dataset() {
            @Override
            public Map<String, Signature> modalities() {
                Map<String, Signature> m = new LinkedHashMap<>();
                m.put("clip", Signature.of(Modality.FRAMES, inputs, 1, size, size));
                m.put("next", Signature.of(Modality.FRAMES, targets, 1, size, size));
                return m;
            }

            @Override
            public long size() {
                return count;
            }

            @Override
            public Sample get(long index) {
                float[][] frames = clip(new Random(seed * 1_000_003L + index), size, inputs + targets);
                float[] in = new float[inputs * size * size];
                float[] out = new float[targets * size * size];
                for (int t = 0; t < inputs + targets; t++) {
                    System.arraycopy(frames[t], 0, t < inputs ? in : out, (t < inputs ? t : t - inputs) * size * size, size * size);
                }
                return new Sample("clip-" + index, Map.of("clip", in, "next", out), "moving-squares " + index);
            }
        };
    }

    /** {@code length} frames of one clip, each size*size row-major. */
    public static float[][] clip(Random r, int size, int length) {
        int span = size - SIDE;
        int x = r.nextInt(span + 1);
        int y = r.nextInt(span + 1);
        int vx = (r.nextBoolean() ? 1 : -1) * (1 + r.nextInt(2));
        int vy = (r.nextBoolean() ? 1 : -1) * (1 + r.nextInt(2));
        float[][] frames = new float[length][size * size];
        for (int t = 0; t < length; t++) {
            for (int i = 0; i < SIDE; i++) {
                for (int j = 0; j < SIDE; j++) {
                    frames[t][(y + i) * size + x + j] = 1f;
                }
            }
            if (x + vx < 0 || x + vx > span) {
                vx = -vx;
            }
            if (y + vy < 0 || y + vy > span) {
                vy = -vy;
            }
            x += vx;
            y += vy;
        }
        return frames;
    }
}
