package dev.envy.core.manifest;

import java.time.Duration;
import java.util.Optional;

/**
 * Manifest durations: a number and a unit ({@code 250ms}, {@code 10s}, {@code 2m}, {@code 1h}), or several in
 * descending order ({@code 1m30s}, {@code 1h5m}); {@code 0} alone is zero. No negatives, no fractions.
 */
public final class DurationSyntax {
    /** Shown with a bad duration. */
    public static final String HINT = "use a whole number and a unit (ms, s, m, h), e.g. \"500ms\", \"10s\", \"1m30s\"";

    private DurationSyntax() {
    }

    public static Optional<Duration> parse(String text) {
        String t = text.strip();
        if (t.equals("0")) {
            return Optional.of(Duration.ZERO);
        }
        int n = t.length();
        int i = 0;
        long millis = 0;
        int previousRank = Integer.MAX_VALUE;
        if (n == 0) {
            return Optional.empty();
        }
        while (i < n) {
            int digits = i;
            while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                i++;
            }
            if (i == digits || i - digits > 15) {
                return Optional.empty();
            }
            long value = Long.parseLong(t, digits, i, 10);
            int letters = i;
            while (i < n && Character.isLetter(t.charAt(i))) {
                i++;
            }
            int rank = rank(t.substring(letters, i));
            if (rank < 0 || rank >= previousRank) {
                return Optional.empty();
            }
            previousRank = rank;
            try {
                millis = Math.addExact(millis, Math.multiplyExact(value, factor(rank)));
            } catch (ArithmeticException tooLong) {
                return Optional.empty();
            }
        }
        return Optional.of(Duration.ofMillis(millis));
    }

    /** The shortest manifest spelling: {@code 500ms}, {@code 10s}, {@code 1m30s}, {@code 0s}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long[] factors = {3_600_000, 60_000, 1_000, 1};
        String[] units = {"h", "m", "s", "ms"};
        for (int k = 0; k < factors.length; k++) {
            long part = millis / factors[k];
            if (part > 0) {
                out.append(part).append(units[k]);
                millis -= part * factors[k];
            }
        }
        return out.toString();
    }

    private static int rank(String unit) {
        return switch (unit) {
            case "ms" -> 0;
            case "s" -> 1;
            case "m" -> 2;
            case "h" -> 3;
            default -> -1;
        };
    }

    private static long factor(int rank) {
        return switch (rank) {
            case 0 -> 1L;
            case 1 -> 1_000L;
            case 2 -> 60_000L;
            default -> 3_600_000L;
        };
    }
}
