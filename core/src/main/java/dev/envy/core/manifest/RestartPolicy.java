package dev.envy.core.manifest;

import java.util.Optional;

/** {@code restart = "no" | "on-failure" | "always"}. */
public enum RestartPolicy {
    NO("no"), ON_FAILURE("on-failure"), ALWAYS("always");

    private final String word;

    RestartPolicy(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static Optional<RestartPolicy> parse(String word) {
        for (RestartPolicy p : values()) {
            if (p.word.equals(word)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
