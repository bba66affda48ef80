package dev.envy.core.manifest;

import java.util.Locale;
import java.util.Optional;

/**
 * Manifest sizes: a whole number and a unit, {@code B}, {@code KB}/{@code MB}/{@code GB}/{@code TB} (powers of
 * 1000) or {@code KiB}/{@code MiB}/{@code GiB}/{@code TiB} (powers of 1024), case-insensitive, with an optional
 * space between; a bare number is bytes.
 */
public final class Sizes {
    /** Shown with a bad size. */
    public static final String HINT = "use a whole number and a unit: KB, MB, GB (x1000) or KiB, MiB, GiB (x1024), e.g. \"10MB\"";

    private Sizes() {
    }

    public static Optional<Size> parse(String text) {
        String t = text.strip();
        int i = 0;
        while (i < t.length() && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
            i++;
        }
        if (i == 0 || i > 18) {
            return Optional.empty();
        }
        long value = Long.parseLong(t, 0, i, 10);
        long factor = factor(t.substring(i).stripLeading().toLowerCase(Locale.ROOT));
        if (factor <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Size.ofBytes(Math.multiplyExact(value, factor)));
        } catch (ArithmeticException tooBig) {
            return Optional.empty();
        }
    }

    /** Non-empty and only ASCII digits. */
    static boolean allDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static long factor(String unit) {
        return switch (unit) {
            case "", "b" -> 1L;
            case "kb" -> 1_000L;
            case "mb" -> 1_000_000L;
            case "gb" -> 1_000_000_000L;
            case "tb" -> 1_000_000_000_000L;
            case "kib" -> 1L << 10;
            case "mib" -> 1L << 20;
            case "gib" -> 1L << 30;
            case "tib" -> 1L << 40;
            default -> -1L;
        };
    }
}
