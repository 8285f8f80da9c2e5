package io.xmodal.engine.internal.descriptor;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean": the closest candidate by edit distance, if it is close enough to be a typo. */
public final class Suggest {
    private Suggest() {
    }

    public static Optional<String> closest(String typo, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String t = typo.toLowerCase(Locale.ROOT);
        for (String c : candidates) {
            int d = distance(t, c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        int allowed = Math.max(2, Math.min(typo.length(), best.length()) / 3);
        boolean prefix = best.toLowerCase(Locale.ROOT).startsWith(t) || t.startsWith(best.toLowerCase(Locale.ROOT));
        return bestDistance <= allowed || (prefix && Math.min(t.length(), best.length()) >= 3)
                ? Optional.of(best) : Optional.empty();
    }

    /** " did you mean 'x'?" or "" (note the leading space, for appending to a sentence). */
    public static String didYouMean(String typo, Collection<String> candidates) {
        return closest(typo, candidates).map(c -> " did you mean '" + c + "'?").orElse("");
    }

    /** Damerau-Levenshtein (optimal string alignment) distance: a swap of neighbours counts as one. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
