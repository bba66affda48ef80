package dev.envy.cli.logs;

import dev.envy.host.log.LogTail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The combined follower of {@code services logs -f} for other commands ({@code envy up}): marks where each service's
 * log ends now, then each {@link #pump()} prints the complete lines written since, merged by time, with
 * {@code name |} prefixes (coloured when asked).
 */
public final class LiveLogs implements AutoCloseable {
    private final LogFollower follower;
    private final LogPrinter printer;

    private LiveLogs(LogFollower follower, LogPrinter printer) {
        this.follower = follower;
        this.printer = printer;
    }

    /** Follows {@code services} from the current end of their logs: older runs' lines are not shown. */
    public static LiveLogs fromEnd(Path logsDir, List<String> services, OutputStream out, boolean colour)
            throws IOException {
        Map<String, LogTail.Start> ends = new HashMap<>();
        for (String service : services) {
            ends.put(service, LogTail.of(logsDir, service, 0, true));
        }
        LogPrinter printer = new LogPrinter(out, colour ? LogPrinter.Style.COLOUR : LogPrinter.Style.PLAIN, services);
        return new LiveLogs(new LogFollower(logsDir, services, ends), printer);
    }

    /** Prints the lines written since the last pump; the number printed. */
    public int pump() throws IOException {
        List<LogEntry> fresh = follower.poll();
        for (LogEntry entry : fresh) {
            printer.print(entry);
        }
        printer.flush();
        return fresh.size();
    }

    @Override
    public void close() throws IOException {
        follower.close();
    }
}
