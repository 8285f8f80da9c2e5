package io.xmodal.data.internal;

import io.xmodal.api.data.DataException;
import io.xmodal.audio.dsp.Audio;
import io.xmodal.audio.dsp.Resample;
import io.xmodal.audio.dsp.Wav;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How {@code av-pairs} gives each image a sound, and how it reads a sound.
 *
 * <p>Pairing happens within a class (and within a split, when both sides have split columns). {@code cycle}:
 * the sounds of a class are shuffled once with the seed and handed out in turn to the class's images in
 * listing order, so when a class has more images than sounds every sound is used {@code floor} or
 * {@code ceil} of images / sounds times. {@code random}: each image draws one sound of its class uniformly,
 * from a generator seeded by the seed and the image's index (so adding images never changes earlier pairs).
 */
final class AvPairing {
    private AvPairing() {
    }

    /** For every image, the index of its sound in {@code sounds}. */
    static int[] pair(List<LabelledFiles.Item> images, List<LabelledFiles.Item> sounds, boolean bySplit, boolean cycle, long seed, Path imageRoot,
                      Path audioRoot) throws DataException {
        Map<String, List<Integer>> pool = new LinkedHashMap<>();
        for (int s = 0; s < sounds.size(); s++) {
            pool.computeIfAbsent(key(sounds.get(s), bySplit), k -> new ArrayList<>()).add(s);
        }
        Map<String, int[]> order = new HashMap<>();
        Map<String, Integer> next = new HashMap<>();
        int[] out = new int[images.size()];
        for (int i = 0; i < images.size(); i++) {
            LabelledFiles.Item img = images.get(i);
            String key = key(img, bySplit);
            List<Integer> candidates = pool.get(key);
            if (candidates == null) {
                throw new DataException(audioRoot, "has no sounds of class '" + img.label() + "' in split '" + img.split() + "', which "
                        + imageRoot.getFileName() + " has images of (e.g. " + img.path().getFileName() + "); give that split sounds of the class");
            }
            if (cycle) {
                int[] perm = order.computeIfAbsent(key, k -> shuffled(candidates, seed, k));
                int n = next.merge(key, 1, Integer::sum) - 1;
                out[i] = perm[n % perm.length];
            } else {
                SplittableRandom r = new SplittableRandom(mix(seed) + (i + 1) * 0x9E3779B97F4A7C15L);
                out[i] = candidates.get(r.nextInt(candidates.size()));
            }
        }
        return out;
    }

    private static String key(LabelledFiles.Item item, boolean bySplit) {
        return bySplit ? item.label() + "\u0000" + item.split() : item.label();
    }

    /** The candidates in a seeded random order (Fisher-Yates), depending on the seed and the class (and split) only. */
    private static int[] shuffled(List<Integer> candidates, long seed, String key) {
        int[] a = candidates.stream().mapToInt(Integer::intValue).toArray();
        SplittableRandom r = new SplittableRandom(mix(seed ^ mix(key.hashCode())));
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    /** MurmurHash3's 64-bit finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    /** A WAV file mixed to mono, resampled to {@code rate}, cropped (start or centre) or zero-padded at the end to {@code length}. */
    static float[] loadWav(Path file, int rate, int length, boolean center) throws DataException {
        Audio a;
        try {
            a = Wav.read(file);
        } catch (IOException e) {
            throw new DataException(file, (e.getMessage() == null ? e.toString() : e.getMessage())
                    + "; replace it with a 16-bit PCM or float WAV file, or remove it");
        }
        float[] x = a.sampleRate() == rate ? a.samples() : Resample.resample(a.samples(), a.sampleRate(), rate);
        if (x.length == 0) {
            throw new DataException(file, "holds no samples; remove it or replace it with a WAV file that has sound");
        }
        float[] out = new float[length];
        int from = center && x.length > length ? (x.length - length) / 2 : 0;
        System.arraycopy(x, from, out, 0, Math.min(length, x.length - from));
        return out;
    }
}
