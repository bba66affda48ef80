package dev.envy.cli.logs;

import dev.envy.host.log.LogTail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Follows several services' logs; each poll gives the new lines of all of them, merged by time. */
final class LogFollower implements AutoCloseable {

    private final List<ServiceFollower> followers = new ArrayList<>();

    /** @param tails service to the tail printed of it, which following continues */
    LogFollower(Path logsDir, List<String> services, Map<String, LogTail.Start> tails) {
        for (String service : services) {
            LogTail.Start tail = tails.get(service);
            followers.add(tail == null ? new ServiceFollower(logsDir, service, null, 0)
                    : new ServiceFollower(logsDir, service, tail.currentKey(), tail.currentEnd()));
        }
    }

    List<LogEntry> poll() throws IOException {
        List<List<LogEntry>> perService = new ArrayList<>();
        for (ServiceFollower follower : followers) {
            perService.add(LogEntry.all(follower.service(), follower.poll()));
        }
        return LogEntry.merge(perService);
    }

    @Override
    public void close() throws IOException {
        for (ServiceFollower follower : followers) {
            follower.close();
        }
    }
}
