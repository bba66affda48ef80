package dev.envy.it.daemon;

import dev.envy.it.support.Await;
import dev.envy.it.support.Projects;
import dev.envy.it.support.Run;
import dev.envy.it.support.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.envy.it.daemon.Fixture.alive;
import static dev.envy.it.daemon.Fixture.awaitGone;
import static dev.envy.it.daemon.Fixture.custom;
import static dev.envy.it.daemon.Fixture.daemonPid;
import static dev.envy.it.daemon.Fixture.pid;
import static dev.envy.it.daemon.Fixture.project;
import static dev.envy.it.daemon.Fixture.recorded;
import static dev.envy.it.daemon.Fixture.service;
import static dev.envy.it.daemon.Fixture.socket;
import static dev.envy.it.daemon.Fixture.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SD-1…SD-3, plus: no line is lost from a flood, and the reply to `down` comes before the daemon exits. */
class ShutdownTest {
    @RegisterExtension
    final Projects projects = new Projects();

    private static TestProject chain(Projects projects) {
        return project(projects, service("db"), service("api", "depends-on = [\"db\"]"),
                service("web", "depends-on = [\"api\"]"));
    }

    @Test
    void SD_1_downStopsInReverseOrderAndReturnsOnceTheDaemonRemovedItsSocket() {
        TestProject p = chain(projects);
        up(p);
        long daemon = daemonPid(p);
        Path socket = socket(p);
        long db = pid(p, "db");

        Run down = p.run("down").assertOk();

        assertEquals(List.of("stop web", "stop api", "stop db"), recorded(p, "stop"),
                "down returned after every service stopped, in reverse order");
        assertFalse(alive(db));
        assertFalse(Files.exists(socket), "down returns once the daemon removed its socket and released its lock");
        awaitGone(daemon, "the daemon's JVM, which exits right after releasing its lock");
        assertFalse(down.stdout().isEmpty() && down.stderr().isEmpty(), "down got its answer: " + down);
    }

    @Test
    void SD_2_sigtermToTheDaemonStopsEverythingInOrderEvenWhenSentTwice() {
        TestProject p = project(projects, service("db"), custom("slow", "./slow.sh", "depends-on = [\"db\"]"));
        p.writeFile("slow.sh", """
                #!/bin/bash
                trap 'sleep 1; echo "stop slow" >> "$RECORD"; exit 0' TERM
                sleep 1000 &
                wait
                """);
        up(p);
        long daemon = daemonPid(p);
        Path socket = socket(p);

        ProcessHandle.of(daemon).ifPresent(ProcessHandle::destroy);
        ProcessHandle.of(daemon).ifPresent(ProcessHandle::destroy);
        awaitGone(daemon, "the daemon after SIGTERM");

        assertEquals(List.of("stop slow", "stop db"), recorded(p, "stop"),
                "a second SIGTERM did not skip stopping: slow finished its graceful stop before db");
        assertFalse(Files.exists(socket));
    }

    @Test
    void SD_2_sigintStopsEverythingToo() throws Exception {
        TestProject p = chain(projects);
        up(p);
        long daemon = daemonPid(p);

        new ProcessBuilder("kill", "-INT", Long.toString(daemon)).start().waitFor();
        awaitGone(daemon, "the daemon after SIGINT");

        assertEquals(List.of("stop web", "stop api", "stop db"), recorded(p, "stop"));
    }

    @Test
    void SD_3_linesWrittenWhileStoppingAreOnDiskWhenDownReturns() throws IOException {
        TestProject p = project(projects, custom("chatty", "./chatty.sh"));
        p.writeFile("chatty.sh", """
                #!/bin/bash
                trap 'for i in $(seq 1 5000); do echo "bye $i"; done; exit 0' TERM
                echo started
                sleep 1000 &
                wait
                """);
        up(p);

        p.run("down").assertOk();

        List<String> lines = Files.readAllLines(p.log("chatty"));
        assertTrue(lines.getLast().endsWith(" bye 5000"), "the last line is on disk: " + lines.getLast());
        assertEquals(5000, lines.stream().filter(l -> l.contains(" bye ")).count());
    }

    @Test
    void twoHundredThousandLinesThenExitLoseNone() throws IOException {
        TestProject p = project(projects, custom("flood", "seq 1 200000"));
        up(p);
        Fixture.awaitState(p, "flood", "completed");

        List<String> lines = Files.readAllLines(p.log("flood"));
        assertEquals(200_000, lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.substring(line.indexOf(' ') + 1).equals(Integer.toString(i + 1))) {
                throw new AssertionError("line " + (i + 1) + " is wrong: " + line);
            }
        }
    }

    @Test
    void theReplyIsSentBeforeTheDaemonExits() {
        TestProject p = project(projects, service("db"));
        up(p);
        long daemon = daemonPid(p);

        Run down = p.run("down");

        assertEquals(0, down.exitCode(), "down was answered, not cut off: " + down);
        Await.until("the daemon to exit after answering", Fixture.DEADLINE, () -> !alive(daemon));
        assertEquals(List.of("stop db"), recorded(p, "stop"));
    }
}
