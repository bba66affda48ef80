package dev.envy.cli.logs;

import dev.envy.host.log.LogTail;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The last lines of some services' logs, merged by time, and then whatever is written after them, read straight from
 * the files across rotation (LG-5/6, CS-6), as {@code services logs -f} reads them: what the live view's log pane
 * shows.
 */
public final class LogFeed implements AutoCloseable {

    private final List<LogEntry> tail;
    private final LogFollower follower;

    private LogFeed(List<LogEntry> tail, LogFollower follower) {
        this.tail = tail;
        this.follower = follower;
    }

    /**
     * Reads the last {@code lines} lines of each of {@code services}, merged by time (as {@code services logs -n});
     * {@link #poll()} then gives the newer ones.
     */
    public static LogFeed open(Path logsDir, List<String> services, int lines) throws IOException {
        Map<String, LogTail.Start> starts = new HashMap<>();
        for (String service : services) {
            starts.put(service, LogTail.of(logsDir, service, lines, true));
        }
        List<LogEntry> tail = new ArrayList<>();
        try (LogStream stream = new LogStream(services, services.stream().map(starts::get).toList())) {
            for (LogEntry entry = stream.next(); entry != null; entry = stream.next()) {
                tail.add(entry);
            }
        }
        return new LogFeed(List.copyOf(tail), new LogFollower(logsDir, services, starts));
    }

    /** The last lines, oldest first. */
    public List<LogEntry> tail() {
        return tail;
    }

    /** The complete lines written since the tail or the last poll, merged by time. */
    public List<LogEntry> poll() throws IOException {
        return follower.poll();
    }

    @Override
    public void close() throws IOException {
        follower.close();
    }
}
