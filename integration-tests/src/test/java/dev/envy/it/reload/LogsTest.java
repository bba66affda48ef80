package dev.envy.it.reload;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import dev.envy.it.support.Await;
import dev.envy.it.support.Envy;
import dev.envy.it.support.Projects;
import dev.envy.it.support.Run;
import dev.envy.it.support.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static dev.envy.it.reload.Services.DEADLINE;
import static dev.envy.it.reload.Services.project;
import static dev.envy.it.reload.Services.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LG-2, LG-3, LG-6, LG-7 against the real CLI and daemon: logs read from the files the daemon wrote. */
class LogsTest {
    @RegisterExtension
    final Projects projects = new Projects();

    private static TestProject running(Projects projects) {
        TestProject p = project(projects, service("db"), service("webapp"));
        p.run("up", "-d").assertOk();
        Await.until("both services to have logged their 5 lines", DEADLINE, () -> {
            List<String> lines = p.run("services", "logs", "-n", "all").stdoutLines();
            return lines.contains("db     | db line 5") && lines.contains("webapp | webapp line 5");
        });
        return p;
    }

    @Test
    void LG_2_logsShowEveryServiceWithAlignedPrefixesAndNoColourInAPipe() {
        TestProject p = running(projects);
        Run run = p.run("services", "logs").assertOk();
        assertTrue(run.stdoutLines().contains("db     | db line 1"), run.toString());
        assertTrue(run.stdoutLines().contains("webapp | webapp line 1"), run.toString());
        assertFalse(run.stdout().contains("\u001b["), "no escape codes when stdout is not a terminal");
    }

    @Test
    void LG_7_lastLinesOfOneOrSomeServices() {
        TestProject p = running(projects);
        assertEquals(List.of("db | db line 4", "db | db line 5"),
                p.run("services", "logs", "-n", "2", "db").assertOk().stdoutLines());
        List<String> both = p.run("services", "logs", "-n", "3", "db", "webapp").assertOk().stdoutLines();
        assertEquals(3, both.stream().filter(l -> l.startsWith("db ")).count(), "3 lines of each service: " + both);
        assertEquals(3, both.stream().filter(l -> l.startsWith("webapp ")).count(), "3 lines of each service: " + both);
        List<String> recent = p.run("services", "logs", "--since", "1h", "-t", "db").assertOk().stdoutLines();
        assertEquals(5, recent.size(), recent.toString());
        assertTrue(recent.getFirst().matches("db \\| \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z db line 1"),
                recent.getFirst());
        assertEquals(List.of(), p.run("services", "logs", "--since", "2999-01-01", "db").assertOk().stdoutLines());
        Run unknown = p.run("services", "logs", "dbb");
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.stderr().contains("did you mean 'db'?"), unknown.toString());
    }

    @Test
    void LG_3_jsonHasTimeServiceAndLine() {
        TestProject p = running(projects);
        List<String> lines = p.run("services", "logs", "--json", "-n", "1", "db").assertOk().stdoutLines();
        assertEquals(1, lines.size());
        JsonObject o = Json.parse(lines.getFirst()).asObject();
        assertEquals("db", o.getString("service", null));
        assertEquals("db line 5", o.getString("line", null));
        assertTrue(o.getString("time", "").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), o.toString());
    }

    @Test
    void LG_6_followShowsNewLinesAsTheyAreWritten() throws Exception {
        TestProject p = running(projects);
        Envy.Running follower = p.envy().start("services", "logs", "-f", "-n", "1", "db");
        try {
            Await.until("the follower to print the tail", DEADLINE,
                    () -> follower.stdoutSoFar().equals("db | db line 5\n"));
            // restart db: it prints its lines again, which only a live follower shows
            p.run("services", "restart", "db").assertOk();
            Await.until("the follower to print db's new lines", DEADLINE,
                    () -> follower.stdoutSoFar().endsWith("db | db line 5\n")
                            && follower.stdoutSoFar().lines().count() == 6);
            assertFalse(follower.stdoutSoFar().contains("webapp"), "only the named service is followed");
        } finally {
            follower.process().descendants().forEach(ProcessHandle::destroy);
            follower.process().destroy();
            follower.process().waitFor(Duration.ofSeconds(10).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }
}
