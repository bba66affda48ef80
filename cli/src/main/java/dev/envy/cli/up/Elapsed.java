package dev.envy.cli.up;

import java.time.Duration;

/** How long a wait has lasted, in whole seconds as a person reads them: {@code 7s}, {@code 1m05s}. */
final class Elapsed {
    private Elapsed() {
    }

    static String words(Duration d) {
        long seconds = Math.max(0, d.toSeconds());
        return seconds < 60 ? seconds + "s" : "%dm%02ds".formatted(seconds / 60, seconds % 60);
    }
}
