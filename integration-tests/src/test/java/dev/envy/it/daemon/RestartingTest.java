package dev.envy.it.daemon;

import dev.envy.it.support.Await;
import dev.envy.it.support.Envy;
import dev.envy.it.support.Projects;
import dev.envy.it.support.Run;
import dev.envy.it.support.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.envy.it.daemon.Fixture.DEADLINE;
import static dev.envy.it.daemon.Fixture.alive;
import static dev.envy.it.daemon.Fixture.awaitRecorded;
import static dev.envy.it.daemon.Fixture.pid;
import static dev.envy.it.daemon.Fixture.project;
import static dev.envy.it.daemon.Fixture.recorded;
import static dev.envy.it.daemon.Fixture.service;
import static dev.envy.it.daemon.Fixture.state;
import static dev.envy.it.daemon.Fixture.statusOf;
import static dev.envy.it.daemon.Fixture.UP_BY_LOG;
import static dev.envy.it.daemon.Fixture.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RS-1…RS-8, plus: concurrent restarts of one service leave exactly one process. */
class RestartingTest {
    @RegisterExtension
    final Projects projects = new Projects();

    @Test
    void RS_1_restartStopsThenStartsTheService() {
        TestProject p = project(projects, service("db"));
        up(p);
        long before = pid(p, "db");

        p.run("services", "restart", "db").assertOk();

        long after = pid(p, "db");
        assertNotEquals(before, after);
        assertFalse(alive(before));
        awaitRecorded(p, "start db", 2);
        assertEquals(List.of("start db", "stop db", "start db"), p.records().stream()
                .filter(l -> l.endsWith(" db") && !l.startsWith("db")).toList());
    }

    @Test
    void RS_2_onlyTheNamedRestartUnlessWithDependents() {
        // db has a readiness check, so web spawns only after db recorded its start: the order below is not a race.
        TestProject p = project(projects, service("db", UP_BY_LOG), service("web", "depends-on = [\"db\"]"));
        up(p);
        long web = pid(p, "web");

        p.run("services", "restart", "db").assertOk();
        assertEquals(web, pid(p, "web"), "web was left alone");

        p.run("services", "restart", "db", "--with-dependents").assertOk();
        assertNotEquals(web, pid(p, "web"), "web was restarted with db");
        awaitRecorded(p, "start web", 2);
        List<String> last = p.records().subList(p.records().size() - 4, p.records().size());
        assertEquals(List.of("stop web", "stop db", "start db", "start web"), last);
    }

    /** RS-9: what a restart's cascade does to the dependents is shown by the command that caused it, and awaited. */
    @Test
    void RS_9_aRestartPrintsTheDependentsItsCascadeStopsAndStartsAgain() {
        TestProject p = project(projects, service("api", UP_BY_LOG),
                service("web", "depends-on = { api = { condition = \"ready\", restart = true } }"),
                service("other", "depends-on = [\"api\"]"));
        up(p);
        long web = pid(p, "web");
        long other = pid(p, "other");

        Run restart = p.run("services", "restart", "api").assertOk();

        List<String> lines = restart.stdoutLines();
        assertTrue(lines.indexOf("web: stopping (restarting: api restarted)") >= 0, restart.toString());
        assertTrue(lines.indexOf("web: stopping (restarting: api restarted)") < lines.indexOf("api: stopping"),
                "web goes down first: " + restart);
        assertTrue(lines.indexOf("api: running (ready)") < lines.indexOf("web: running"), restart.toString());
        assertEquals("web: running", lines.getLast(), "the command returns once web is back: " + restart);
        assertTrue(lines.stream().noneMatch(l -> l.startsWith("other:")), "other has no cascade: " + restart);
        assertNotEquals(web, pid(p, "web"));
        assertEquals("running", state(p, "web"));
        assertEquals(other, pid(p, "other"));
    }

    @Test
    void RS_3_restartWithNoNamesRestartsEveryRunningOneInOrder() {
        TestProject p = project(projects, service("db", UP_BY_LOG), service("web", "depends-on = [\"db\"]"),
                service("tool", "autostart = false"));
        up(p);

        p.run("services", "restart").assertOk();

        awaitRecorded(p, "start web", 2);
        List<String> r = p.records();
        assertEquals(List.of("start db", "start web"), r.subList(r.size() - 2, r.size()));
        assertEquals(2, recorded(p, "stop").size());
        assertEquals("not-started", state(p, "tool"), "only running services are restarted");
    }

    @Test
    void RS_4_restartBlocksUntilRunningOrReady() {
        TestProject p = project(projects, Fixture.custom("db", "./db.sh", "readiness.log = \"ready now\""));
        p.writeFile("db.sh", "#!/bin/bash\nsleep 1\necho 'ready now'\nexec sleep 1000\n");
        up(p);

        p.run("services", "restart", "db").assertOk();

        assertEquals("running", state(p, "db"));
        assertTrue(statusOf(p, "db").getBoolean("ready", false), "restart returned once db was ready again");
    }

    @Test
    void RS_5_restartingAServiceThatIsNotRunningStartsIt() {
        TestProject p = project(projects, service("db", "autostart = false"));
        up(p);

        Run run = p.run("services", "restart", "db").assertOk();

        assertTrue(run.stdout().contains("db: was not running, started"), run.toString());
        assertEquals("running", state(p, "db"));
    }

    @Test
    void RS_6_restartingSeveralStartsTheStoppedOnesAndRestartsTheRest() {
        TestProject p = project(projects, service("a"), service("b", "autostart = false"));
        up(p);
        long a = pid(p, "a");

        Run run = p.run("services", "restart", "a", "b").assertOk();

        assertTrue(run.stdout().contains("b: was not running, started"), run.toString());
        assertNotEquals(a, pid(p, "a"));
        assertEquals("running", state(p, "b"));
    }

    @Test
    void RS_7_restartingSeveralWithSomeUnknownDoesNothing() {
        TestProject p = project(projects, service("a"));
        up(p);
        long a = pid(p, "a");

        Run run = p.run("services", "restart", "a", "zzz");

        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.stderr().contains("zzz"), run.toString());
        assertEquals(a, pid(p, "a"));
        assertEquals(List.of(), recorded(p, "stop"));
    }

    @Test
    void fiveConcurrentRestartsOfOneServiceLeaveExactlyOneProcess() {
        TestProject p = project(projects, service("db"));
        up(p);

        List<Envy.Running> restarts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            restarts.add(p.envy().start("services", "restart", "db"));
        }
        for (Envy.Running r : restarts) {
            r.await(Duration.ofSeconds(90)).assertOk();
        }

        // every stopped process recorded its stop before exiting; the one left records its start when it gets to it
        Await.until("one more recorded start of db than stops (have " + p.records() + ")", DEADLINE,
                () -> recorded(p, "start db").size() - recorded(p, "stop db").size() == 1);
        long live = ProcessHandle.allProcesses().filter(ph -> {
            try {
                String env = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(ph.pid()),
                        "environ"));
                return env.contains("ENVY_SERVICE=db\0") && env.contains("ENVY_PROJECT=" + p.dir());
            } catch (java.io.IOException | RuntimeException e) {
                return false;
            }
        }).filter(ph -> ph.info().command().orElse("").endsWith("bash")).count();
        assertEquals(1, live, "one bash leader of db is alive");
        assertEquals("running", state(p, "db"));
    }

    @Test
    void RS_8_aRestartAfterEditingTheCommandRunsTheNewCommandAndSaysSo() {
        TestProject p = projects.withManifest("""
                [services.db]
                command = 'echo "db v1" >> "$RECORD"; exec sleep 1000'

                [services.web]
                command = 'echo "web v1" >> "$RECORD"; exec sleep 1000'
                """);
        p.run("up", "-d").assertOk();
        long db = pid(p, "db");
        p.writeManifest("""
                [services.db]
                command = 'echo "db v2" >> "$RECORD"; exec sleep 1000'

                [services.web]
                command = 'echo "web v2" >> "$RECORD"; exec sleep 1000'
                """);

        Run run = p.run("services", "restart", "web");

        run.assertOk();
        assertTrue(run.stdout().contains("web: restarted with its new definition from envy.toml (command changed)"),
                run.toString());
        assertTrue(run.stdout().contains("envy.toml also changed db; `envy services reload` applies that"),
                run.toString());
        p.awaitRecord("web v2", DEADLINE); // web runs its new command
        assertEquals(db, pid(p, "db"), "db was not touched");
        assertFalse(p.records().contains("db v2"), p.records().toString());
        assertTrue(p.run("services", "status").stdout().contains("changed"), "status still says envy.toml changed");
    }
}
