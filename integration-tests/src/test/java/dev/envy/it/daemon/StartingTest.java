package dev.envy.it.daemon;

import dev.envy.it.support.Await;
import dev.envy.it.support.Projects;
import dev.envy.it.support.Run;
import dev.envy.it.support.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static dev.envy.it.daemon.Fixture.awaitRecorded;
import static dev.envy.it.daemon.Fixture.assertRecordedBefore;
import static dev.envy.it.daemon.Fixture.assertSpawnedBefore;
import static dev.envy.it.daemon.Fixture.custom;
import static dev.envy.it.daemon.Fixture.output;
import static dev.envy.it.daemon.Fixture.project;
import static dev.envy.it.daemon.Fixture.recorded;
import static dev.envy.it.daemon.Fixture.service;
import static dev.envy.it.daemon.Fixture.state;
import static dev.envy.it.daemon.Fixture.status;
import static dev.envy.it.daemon.Fixture.statusOf;
import static dev.envy.it.daemon.Fixture.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ST-1…ST-9: starting services through the real CLI, daemon and processes (the `up -d` hold keeps them up). */
class StartingTest {
    @RegisterExtension
    final Projects projects = new Projects();

    @Test
    void ST_1_startingOneServiceStartsItsDependenciesFirst() {
        TestProject p = project(projects, service("db", "autostart = false"),
                service("web", "autostart = false", "depends-on = [\"db\"]"), service("cache", "autostart = false"));
        up(p);

        p.run("services", "start", "web").assertOk();

        assertSpawnedBefore(p, "db", "web");
        assertEquals("running", state(p, "db"));
        assertEquals("running", state(p, "web"));
        assertEquals("not-started", state(p, "cache"), "only web and what it needs");
    }

    @Test
    void ST_2_startingWithNoNamesStartsEveryAutostartService() {
        TestProject p = project(projects, service("a"), service("b"), service("tool", "autostart = false"));
        up(p);
        p.run("services", "stop").assertOk();

        p.run("services", "start").assertOk();

        assertEquals("running", state(p, "a"));
        assertEquals("running", state(p, "b"));
        assertEquals("not-started", state(p, "tool"));
    }

    @Test
    void ST_3_servicesStartLevelByLevelHonouringStartedReadyAndCompleted() {
        TestProject p = project(projects,
                custom("db", "./db.sh", "readiness.log = \"accepting connections\""),
                custom("migrate", "echo \"start migrate\" >> \"$RECORD\"; echo \"migrated\" >> \"$RECORD\"",
                        "depends-on = { db = \"ready\" }"),
                service("web", "depends-on = { db = \"ready\", migrate = \"completed\" }"),
                service("worker", "depends-on = { web = \"started\" }"));
        p.writeFile("db.sh", """
                #!/bin/bash
                echo "start db" >> "$RECORD"
                sleep 0.5
                echo "db ready" >> "$RECORD"
                echo "accepting connections"
                exec sleep 1000
                """);

        up(p);

        assertRecordedBefore(p, "db ready", "start migrate");
        assertRecordedBefore(p, "migrated", "start web");
        assertSpawnedBefore(p, "web", "worker");
        assertEquals("completed", state(p, "migrate"));
        assertEquals("running", state(p, "worker"));
    }

    @Test
    void ST_4_startBlocksUntilReadyUnlessNoWaitAndGivesUpAtTimeout() {
        TestProject p = project(projects,
                custom("slow", "./slow.sh", "autostart = false", "readiness.command = \"test -f ready.flag\"",
                        "readiness.interval = \"100ms\""),
                service("never", "autostart = false", "readiness.command = \"false\"",
                        "readiness.interval = \"100ms\""));
        p.writeFile("slow.sh", "#!/bin/bash\nsleep 1\ntouch ready.flag\nexec sleep 1000\n");
        up(p);

        p.run("services", "start", "slow").assertOk();
        assertTrue(statusOf(p, "slow").getBoolean("ready", false), "start returned only once slow was ready");

        p.run("services", "start", "never", "--no-wait").assertOk();
        assertEquals("starting", state(p, "never"), "--no-wait returned before the readiness check passed");

        p.run("services", "stop", "never").assertOk();
        Run timedOut = p.run("services", "start", "never", "--timeout", "1s");
        assertEquals(1, timedOut.exitCode(), timedOut.toString());
        assertTrue(output(timedOut).contains("never"), "the timeout names what is not up: " + timedOut);
    }

    @Test
    void ST_5_startedMeansRunningOrReadyWhereACheckExists() {
        TestProject p = project(projects, service("plain", "autostart = false"),
                custom("checked", "./checked.sh", "autostart = false", "readiness.command = \"test -f go.flag\"",
                        "readiness.interval = \"100ms\""));
        p.writeFile("checked.sh", "#!/bin/bash\nexec sleep 1000\n");
        up(p);

        p.run("services", "start", "plain").assertOk();
        assertEquals("running", state(p, "plain"));
        assertTrue(statusOf(p, "plain").getBoolean("ready", false), "no check: running is ready");

        p.run("services", "start", "checked", "--no-wait").assertOk();
        assertEquals("starting", state(p, "checked"));
        assertFalse(statusOf(p, "checked").getBoolean("ready", true));
        p.writeFile("go.flag", "");
        Await.until("checked to become ready", Fixture.DEADLINE,
                () -> statusOf(p, "checked").getBoolean("ready", false));
        assertEquals("running", state(p, "checked"));
    }

    @Test
    void ST_6_startingARunningServiceIsSuccessWithANote() {
        TestProject p = project(projects, service("db"));
        up(p);

        Run run = p.run("services", "start", "db").assertOk();

        assertTrue(run.stdout().contains("db: already running"), run.toString());
        assertEquals(List.of("start db"), awaitRecorded(p, "start", 1));
    }

    @Test
    void ST_7_startingSeveralWithSomeRunningNotesThoseAndStartsTheRest() {
        TestProject p = project(projects, service("a"), service("b", "autostart = false"));
        up(p);

        Run run = p.run("services", "start", "a", "b").assertOk();

        assertTrue(run.stdout().contains("a: already running"), run.toString());
        assertEquals(List.of("start a", "start b"), awaitRecorded(p, "start", 2));
        assertEquals("running", state(p, "b"));
    }

    @Test
    void ST_8_unknownNamesStartNothingAndAreAllListedWithSuggestions() {
        TestProject p = project(projects, service("postgres", "autostart = false"),
                service("web", "autostart = false"));
        up(p);

        Run run = p.run("services", "start", "web", "postgre", "wbe");

        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.stderr().contains("postgre") && run.stderr().contains("wbe"), run.toString());
        assertTrue(run.stderr().contains("postgres"), "did-you-mean: " + run);
        assertEquals(List.of(), recorded(p, "start"), "nothing was started");
    }

    @Test
    void ST_9_aFailingServiceIsReportedWithItsExitCodeAndLogLinesAndBlocksItsDependents() {
        TestProject p = project(projects,
                custom("bad", "./bad.sh", "autostart = false", "readiness.log = \"never printed\""),
                service("app", "autostart = false", "depends-on = [\"bad\"]"),
                service("other", "autostart = false"));
        p.writeFile("bad.sh", "#!/bin/bash\necho 'config file missing'\necho 'giving up'\nexit 3\n");
        up(p);

        Run run = p.run("services", "start", "bad", "app", "other");

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.stderr().contains("bad") && run.stderr().contains("3"), "names bad and its exit code: " + run);
        assertTrue(run.stderr().contains("giving up"), "shows bad's last log lines: " + run);
        assertEquals("failed", state(p, "bad"));
        assertEquals("blocked", state(p, "app"));
        assertEquals("running", state(p, "other"));
        assertEquals(List.of("start other"), awaitRecorded(p, "start", 1));
        assertEquals(3, status(p).get("bad").getInt("exitCode", -1));
    }

    @Test
    void ST_10_aCommandThatCannotRunIsAFailedStartForUpAndForStart() {
        TestProject p = project(projects, custom("ghost", "redis-serverx --port 16380"), service("other"));

        Run up = p.run("up", "-d");

        assertEquals(1, up.exitCode(), up.toString());
        assertTrue(up.stderr().contains("ghost: command not found: redis-serverx"), up.toString());
        assertTrue(!up.stdout().contains("ghost: running"), "never said to be running: " + up);
        assertEquals("failed", state(p, "ghost"));
        assertEquals("running", state(p, "other"));

        Run start = p.run("services", "start", "ghost");

        assertEquals(1, start.exitCode(), start.toString());
        assertTrue(start.stderr().contains("ghost: command not found: redis-serverx"), start.toString());
        assertEquals("failed", state(p, "ghost"));
        assertEquals(127, status(p).get("ghost").getInt("exitCode", -1));
    }
}
