package dev.envy.core.manifest;

import java.util.Locale;
import java.util.Optional;

/** What a service waits for on one of its dependencies: a closed set. */
public enum Condition {
    /** The dependency's process was spawned and has not exited. */
    STARTED,
    /** The dependency's readiness check passed (or it is running, when it has none). */
    READY,
    /** The dependency exited 0 by itself. */
    COMPLETED;

    /** The spelling in the manifest: {@code started}, {@code ready}, {@code completed}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Condition> parse(String word) {
        for (Condition c : values()) {
            if (c.word().equals(word)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
