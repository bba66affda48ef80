package dev.envy.cli.logs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The last lines of some services' logs, merged by time, and then whatever is written after them, read straight from
 * the files across rotation (LG-5/6, CS-6): what {@code services logs [-f]} prints and what the live view shows.
 */
public final class LogFeed implements AutoCloseable {

    /** Where reading the last lines begins, and how many of the lines located come before the wanted ones. */
    record Located(List<String> services, Map<String, LogTail.Start> starts, long skip) {}

    /** Receives the tail's lines one at a time; may fail (a closed stdout). */
    interface Sink {
        void accept(LogEntry entry) throws IOException;
    }

    private final List<LogEntry> tail;
    private final LogFollower follower;

    private LogFeed(List<LogEntry> tail, LogFollower follower) {
        this.tail = tail;
        this.follower = follower;
    }

    /** Reads the last {@code lines} lines of {@code services} together; {@link #poll()} then gives the newer ones. */
    public static LogFeed open(Path logsDir, List<String> services, int lines) throws IOException {
        Located located = locate(logsDir, services, lines, true);
        List<LogEntry> tail = new ArrayList<>();
        readTail(located, tail::add);
        return new LogFeed(List.copyOf(tail), new LogFollower(logsDir, services, located.starts()));
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

    /** LG-7: up to {@code max} lines of each service are located; only the last {@code max} of them all are read. */
    static Located locate(Path logsDir, List<String> services, long max, boolean forFollowing) throws IOException {
        Map<String, LogTail.Start> starts = new HashMap<>();
        long counted = 0;
        for (String service : services) {
            LogTail.Start start = LogTail.of(logsDir, service, max, forFollowing);
            starts.put(service, start);
            counted += start.lines();
        }
        return new Located(List.copyOf(services), starts, Math.max(0, counted - max));
    }

    /** Streams the located lines merged by time, passing over the first {@link Located#skip()}. */
    static void readTail(Located located, Sink sink) throws IOException {
        try (LogStream stream = new LogStream(located.services(),
                located.services().stream().map(located.starts()::get).toList())) {
            long toSkip = located.skip();
            for (LogEntry entry = stream.next(); entry != null; entry = stream.next()) {
                if (toSkip > 0) {
                    toSkip--;
                } else {
                    sink.accept(entry);
                }
            }
        }
    }
}
