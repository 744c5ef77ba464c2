package org.repcon.util;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean" for names typed by hand: the closest candidate within a small edit distance. */
public final class Suggest {

    private Suggest() {}

    public static Optional<String> closest(String typed, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(typed.toLowerCase(), candidate.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        int allowed = Math.max(1, Math.min(3, typed.length() / 3));
        if (best != null && bestDistance <= allowed) return Optional.of(best);
        return typed.length() < 3 ? Optional.empty() : shortestExtending(typed, candidates);
    }

    /** A name cut short ('maxmem', 'inst') is too far by edit distance but plainly meant. */
    private static Optional<String> shortestExtending(String typed, Collection<String> candidates) {
        String prefix = typed.toLowerCase();
        return candidates.stream().filter(c -> c.toLowerCase().startsWith(prefix))
                .min(Comparator.comparingInt(String::length));
    }

    /** " (did you mean 'x'?)" or the empty string. */
    public static String hint(String typed, Collection<String> candidates) {
        return closest(typed, candidates).map(c -> " (did you mean '" + c + "'?)").orElse("");
    }

    /** Optimal string alignment distance: Levenshtein plus transpositions, the common typo. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
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
