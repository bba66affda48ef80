package dev.envy.core.manifest;

import java.util.Optional;

/** {@code [options] daemon-log-format = "text" | "json"}: how the daemon writes {@code .envy/logs/daemon.log} (LG-3). */
public enum DaemonLogFormat {
    TEXT("text"), JSON("json");

    /** The hint of an invalid value. */
    static final String HINT = "use \"text\" or \"json\"";

    private final String word;

    DaemonLogFormat(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static Optional<DaemonLogFormat> parse(String word) {
        for (DaemonLogFormat f : values()) {
            if (f.word.equals(word)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
