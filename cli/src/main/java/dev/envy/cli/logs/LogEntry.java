package dev.envy.cli.logs;

import dev.envy.core.log.LogFormat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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

    /** Parses lines of one service, oldest first. */
    static List<LogEntry> all(String service, List<byte[]> lines) {
        List<LogEntry> entries = new ArrayList<>(lines.size());
        for (byte[] line : lines) {
            entries.add(of(service, line));
        }
        return entries;
    }

    static LogEntry of(String service, byte[] line) {
        LogFormat.Line parsed = LogFormat.parse(line);
        return new LogEntry(service, parsed.time(), parsed.payload());
    }

    /**
     * Merges per-service lists (each oldest first) into one ordered by time, never reordering lines of one service;
     * ties go to the service listed first. A line without a time sorts with the line before it in its service.
     */
    static List<LogEntry> merge(List<List<LogEntry>> perService) {
        int total = perService.stream().mapToInt(List::size).sum();
        List<LogEntry> merged = new ArrayList<>(total);
        int[] next = new int[perService.size()];
        Instant[] lastTime = new Instant[perService.size()];
        Arrays.fill(lastTime, Instant.MIN);
        while (merged.size() < total) {
            int best = -1;
            Instant bestTime = null;
            for (int s = 0; s < perService.size(); s++) {
                if (next[s] < perService.get(s).size()) {
                    Instant t = perService.get(s).get(next[s]).time();
                    Instant effective = t == null ? lastTime[s] : t;
                    if (best < 0 || effective.isBefore(bestTime)) {
                        best = s;
                        bestTime = effective;
                    }
                }
            }
            lastTime[best] = bestTime;
            merged.add(perService.get(best).get(next[best]++));
        }
        return merged;
    }
}
