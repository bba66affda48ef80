package dev.envy.core.lifecycle;

import java.time.Duration;

/** Durations as users read them: {@code 60s}, {@code 1.5s}, {@code 250ms}. */
final class Durations {
    private Durations() {
    }

    static String words(Duration d) {
        return words(d.toMillis());
    }

    static String words(long millis) {
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        if (millis > 1000) {
            return String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        return millis + "ms";
    }
}
