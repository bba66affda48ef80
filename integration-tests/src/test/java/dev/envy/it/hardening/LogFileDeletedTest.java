package dev.envy.it.hardening;

import dev.envy.it.support.Await;
import dev.envy.it.support.Projects;
import dev.envy.it.support.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HD-10: a service's log deleted while the service writes to it (by hand, by a cleaner) is made again by the daemon,
 * and every line written after the deletion is in the new file: none went to the deleted one unread.
 */
class LogFileDeletedTest {
    @RegisterExtension
    final Projects projects = new Projects();

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private static final String MANIFEST = """
            version = 1
            [services.web]
            command = "i=0; while :; do i=$((i+1)); echo \\"line $i\\"; sleep 0.02; done"
            """;

    @Test
    void HD_10_aDeletedServiceLogIsMadeAgainWithEveryLineWrittenAfter() throws Exception {
        TestProject p = projects.withManifest(MANIFEST);
        p.run("up", "-d").assertOk();
        Path log = p.dir().resolve(".envy/logs/web.log");
        Await.until("web to write 5 lines", DEADLINE, () -> numbers(read(log)).size() >= 5);

        List<Integer> before;
        try (FileChannel deleted = FileChannel.open(log, StandardOpenOption.READ)) {
            Files.delete(log);
            Await.until("web.log to be made again with lines in it", DEADLINE,
                    () -> numbers(read(log)).size() >= 3);
            // whatever reached the deleted file was written before the deletion was noticed; read it through
            // the descriptor kept open, now that the daemon writes elsewhere
            before = numbers(new String(Channels.newInputStream(deleted).readAllBytes(), StandardCharsets.UTF_8));
        }
        List<Integer> after = numbers(read(log));
        assertEquals(before.getLast() + 1, after.getFirst(), "the new file goes on where the deleted one ended: "
                + before.getLast() + " then " + after);
        String daemonLog = read(p.dir().resolve(".envy/logs/daemon.log"));
        assertTrue(daemonLog.contains("web.log was deleted while web wrote to it; made it again"), daemonLog);
        p.run("services", "logs", "-n", "1", "web").assertOk();
        p.run("down").assertOk();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** The numbers of the {@code line N} lines of a log, in order. */
    private static List<Integer> numbers(String log) {
        return log.lines().filter(l -> l.contains(" line ")).map(l -> Integer.parseInt(l.substring(
                l.indexOf(" line ") + 6).strip())).toList();
    }
}
