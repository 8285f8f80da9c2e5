package io.xmodal.api.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongFunction;

/**
 * Seeded, deterministic assignment of samples to splits (train, val, test, ...). Samples that share
 * a group stay together. The same size, groups, seed and fractions always give the same split.
 */
public final class Splits {
    private Splits() {
    }

    /**
     * Assigns indices 0..size-1 to the named splits in proportion to {@code fractions} (which must
     * sum to 1 within 1e-6). Groups are shuffled with {@code seed} and handed out in turn to the
     * split that is furthest below its share.
     *
     * @param group the group of an index, or null for "its own group"
     * @return the ascending indices of each split, in the order of {@code fractions}
     */
    public static Map<String, long[]> assign(long size, LongFunction<String> group, long seed,
                                             Map<String, Double> fractions) {
        checkFractions(fractions);
        Map<String, List<Long>> byGroup = new LinkedHashMap<>();
        for (long i = 0; i < size; i++) {
            String g = group == null ? null : group.apply(i);
            byGroup.computeIfAbsent(g == null ? "#" + i : "g:" + g, k -> new ArrayList<>()).add(i);
        }
        List<List<Long>> groups = new ArrayList<>(byGroup.values());
        Collections.shuffle(groups, new Random(seed ^ 0x5DEECE66DL));

        String[] names = fractions.keySet().toArray(new String[0]);
        double[] share = new double[names.length];
        for (int k = 0; k < names.length; k++) {
            share[k] = fractions.get(names[k]);
        }
        long[] count = new long[names.length];
        List<List<Long>> out = new ArrayList<>();
        for (int k = 0; k < names.length; k++) {
            out.add(new ArrayList<>());
        }
        long assigned = 0;
        for (List<Long> g : groups) {
            // the split with the largest deficit after this group is added gets it
            int best = -1;
            double bestDeficit = Double.NEGATIVE_INFINITY;
            long total = assigned + g.size();
            for (int k = 0; k < names.length; k++) {
                if (share[k] <= 0) {
                    continue;
                }
                double deficit = share[k] * total - count[k];
                if (deficit > bestDeficit + 1e-9) {
                    bestDeficit = deficit;
                    best = k;
                }
            }
            out.get(best).addAll(g);
            count[best] += g.size();
            assigned = total;
        }
        Map<String, long[]> result = new LinkedHashMap<>();
        for (int k = 0; k < names.length; k++) {
            long[] idx = out.get(k).stream().mapToLong(Long::longValue).toArray();
            Arrays.sort(idx);
            result.put(names[k], idx);
        }
        return result;
    }

    /**
     * The split of one streamed sample, from a hash of its group (or id) and the seed: stable
     * across runs and independent of the order in which samples arrive.
     */
    public static String splitOf(String groupOrId, long seed, Map<String, Double> fractions) {
        checkFractions(fractions);
        long h = seed * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < groupOrId.length(); i++) {
            h = (h ^ groupOrId.charAt(i)) * 0x100000001B3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        double u = (h >>> 11) * 0x1.0p-53;
        double acc = 0;
        String last = null;
        for (Map.Entry<String, Double> e : fractions.entrySet()) {
            acc += e.getValue();
            last = e.getKey();
            if (u < acc) {
                return e.getKey();
            }
        }
        return last;
    }

    private static void checkFractions(Map<String, Double> fractions) {
        if (fractions.isEmpty()) {
            throw new IllegalArgumentException("no splits given");
        }
        double sum = 0;
        for (Map.Entry<String, Double> e : fractions.entrySet()) {
            if (e.getValue() < 0 || e.getValue() > 1) {
                throw new IllegalArgumentException("split '" + e.getKey() + "' is " + e.getValue() + "; use a fraction in 0..1");
            }
            sum += e.getValue();
        }
        if (Math.abs(sum - 1) > 1e-6) {
            throw new IllegalArgumentException("split fractions sum to " + sum + "; make them sum to 1");
        }
    }
}
