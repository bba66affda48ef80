package dev.envy.cli.logs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Follows several services' logs; each poll gives the new lines of all of them, merged by time. */
final class LogFollower implements AutoCloseable {

    private final List<ServiceFollower> followers = new ArrayList<>();

    /** @param startAt service to the offset in its current file where following starts (0 when absent) */
    LogFollower(Path logsDir, List<String> services, Map<String, Long> startAt) {
        for (String service : services) {
            followers.add(new ServiceFollower(logsDir, service, startAt.getOrDefault(service, 0L)));
        }
    }

    List<LogEntry> poll() throws IOException {
        List<List<LogEntry>> perService = new ArrayList<>();
        for (ServiceFollower follower : followers) {
            perService.add(LogTail.entries(follower.service(), follower.poll()));
        }
        return LogTail.merge(perService);
    }

    @Override
    public void close() throws IOException {
        for (ServiceFollower follower : followers) {
            follower.close();
        }
    }
}
