package dev.envy.cli.logs;

import java.time.Instant;
import java.util.Arrays;

/**
 * One line of one service's log as read from disk.
 *
 * @param time    the line's time, or null when the line had no valid time prefix
 * @param payload the line's bytes as the service wrote them (no newline)
 */
public record LogEntry(String service, Instant time, byte[] payload) {

    @Override
    public boolean equals(Object o) {
        return o instanceof LogEntry e && e.service.equals(service) && java.util.Objects.equals(e.time, time)
                && Arrays.equals(e.payload, payload);
    }

    @Override
    public int hashCode() {
        return service.hashCode() * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return service + "@" + time + ": " + new String(payload, java.nio.charset.StandardCharsets.UTF_8);
    }
}
