package dev.envy.core.text;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Did-you-mean suggestions: the closest candidate by edit distance, when it is close enough to help.
 * Only called on the error path, so a linear scan over the candidates is fine.
 */
public final class Suggest {
    /** Longer words are not compared (no name envy knows is half as long), so a hostile one costs nothing. */
    static final int MAX_WORD = 128;

    private Suggest() {
    }

    /**
     * The candidate closest to {@code word} (case-insensitively), if its distance is at most a third of the word's
     * length (min 1, so a one-letter typo in a short word is still caught) and less than the word's length (so
     * {@code zz} does not suggest {@code a}). Ties go to the alphabetically first candidate, so hints are
     * deterministic. A candidate equal to {@code word} is never suggested, nor any for a word longer than
     * {@value #MAX_WORD} characters.
     */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        if (word.length() > MAX_WORD) {
            return Optional.empty();
        }
        String lower = word.toLowerCase(Locale.ROOT);
        int limit = Math.min(Math.max(1, word.length() / 3), word.length() - 1);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            if (candidate.equals(word) || Math.abs(candidate.length() - word.length()) > limit) {
                continue;
            }
            int d = distance(lower, candidate.toLowerCase(Locale.ROOT));
            if (d <= limit && (d < bestDistance || d == bestDistance && candidate.compareTo(best) < 0)) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code "did you mean 'x'?"} or empty. */
    public static Optional<String> hint(String word, Collection<String> candidates) {
        return closest(word, candidates).map(Suggest::didYouMean);
    }

    /** {@code "did you mean 'x'?"}. */
    public static String didYouMean(String candidate) {
        return "did you mean '" + candidate + "'?";
    }

    /** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
    public static int distance(String a, String b) {
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
