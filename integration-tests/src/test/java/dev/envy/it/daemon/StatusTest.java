package dev.envy.it.daemon;

import com.eclipsesource.json.JsonObject;
import dev.envy.it.support.Await;
import dev.envy.it.support.Projects;
import dev.envy.it.support.Run;
import dev.envy.it.support.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static dev.envy.it.daemon.Fixture.awaitState;
import static dev.envy.it.daemon.Fixture.custom;
import static dev.envy.it.daemon.Fixture.pid;
import static dev.envy.it.daemon.Fixture.project;
import static dev.envy.it.daemon.Fixture.recorded;
import static dev.envy.it.daemon.Fixture.service;
import static dev.envy.it.daemon.Fixture.state;
import static dev.envy.it.daemon.Fixture.statusOf;
import static dev.envy.it.daemon.Fixture.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** STA-1…STA-7: what status shows, through `envy services status` against a real daemon. */
class StatusTest {
    @RegisterExtension
    final Projects projects = new Projects();

    @Test
    void STA_1_statusShowsEveryFieldAndJsonGivesThemAll() {
        TestProject p = project(projects, service("db"));
        up(p);

        Run table = p.run("services", "status").assertOk();
        assertTrue(table.stdout().contains("NAME") && table.stdout().contains("STATUS")
                && table.stdout().contains("READY") && table.stdout().contains("PID")
                && table.stdout().contains("UPTIME") && table.stdout().contains("RESTARTS")
                && table.stdout().contains("EXIT/SIGNAL"), table.toString());
        JsonObject db = statusOf(p, "db");
        for (String field : List.of("name", "status", "ready", "pid", "sinceMillis", "startedMillis", "restarts",
                "exitCode", "signal", "message")) {
            assertTrue(db.names().contains(field), "--json has " + field + ": " + db);
        }
        assertEquals(pid(p, "db"), db.getLong("pid", -1));
        assertTrue(db.getLong("startedMillis", 0) > 0);
    }

    @Test
    void STA_2_everyStatusWordAppears() {
        TestProject p = project(projects,
                service("idle", "autostart = false"),
                service("runs"),
                service("halted"),
                custom("done", "true"),
                custom("crashes", "exit 4"),
                custom("flaky", "exit 1", "restart = \"on-failure\"", "restart-delay = \"1h\""),
                service("slowcheck", "readiness.command = \"false\"", "readiness.interval = \"100ms\""),
                service("waits", "depends-on = { slowcheck = \"ready\" }"),
                custom("brokenstart", "exit 2", "readiness.log = \"never\""),
                service("blockedone", "depends-on = [\"brokenstart\"]"));
        p.run("up", "-d", "--no-wait").assertOk();
        awaitState(p, "runs", "running");
        p.run("services", "stop", "halted").assertOk();

        awaitState(p, "done", "completed");
        awaitState(p, "crashes", "failed");
        awaitState(p, "flaky", "backoff");
        awaitState(p, "blockedone", "blocked");
        assertEquals("not-started", state(p, "idle"));
        assertEquals("stopped", state(p, "halted"));
        assertEquals("starting", state(p, "slowcheck"));
        assertEquals("waiting", state(p, "waits"));
        p.ownProcessGroup(pid(p, "slowcheck"));
        p.run("services", "stop", "slowcheck").assertOk();
        awaitState(p, "slowcheck", "stopped");
    }

    @Test
    void STA_3_aServiceThatNeverStartedIsNotStartedWithOrWithoutADaemon() {
        TestProject p = project(projects, service("tool", "autostart = false"));
        assertEquals("not-started", state(p, "tool"), "no daemon yet");
        up(p);
        assertEquals("not-started", state(p, "tool"));
    }

    @Test
    void STA_4_aCrashIsFailedWithItsExitCodeOrSignalName() throws Exception {
        TestProject p = project(projects, custom("exits", "sleep 2; exit 7"), service("segv"));
        up(p);
        long segv = pid(p, "segv");

        new ProcessBuilder("kill", "-SEGV", Long.toString(segv)).start().waitFor();

        awaitState(p, "exits", "failed");
        assertEquals(7, statusOf(p, "exits").getInt("exitCode", -1));
        awaitState(p, "segv", "failed");
        assertEquals("SIGSEGV", statusOf(p, "segv").getString("signal", null));
    }

    @Test
    void STA_5_aServiceThatExitsZeroByItselfIsCompleted() {
        TestProject p = project(projects, custom("job", "sleep 0.2; exit 0"));
        up(p);

        awaitState(p, "job", "completed");
        assertEquals(0, statusOf(p, "job").getInt("exitCode", -1));
    }

    @Test
    void STA_6_stoppedByEnvyShowsTheSignalSentWhileKilledFromOutsideIsFailed() throws Exception {
        TestProject p = project(projects, service("stoppedbyenvy"), service("killedoutside"));
        up(p);
        long outside = pid(p, "killedoutside");

        p.run("services", "stop", "stoppedbyenvy").assertOk();
        new ProcessBuilder("kill", "-KILL", Long.toString(outside)).start().waitFor();

        assertEquals("stopped", state(p, "stoppedbyenvy"));
        assertEquals("SIGTERM", statusOf(p, "stoppedbyenvy").getString("signal", null));
        awaitState(p, "killedoutside", "failed");
        assertEquals("SIGKILL", statusOf(p, "killedoutside").getString("signal", null));
    }

    @Test
    void STA_7_restartPolicyRestartsWithBackoffUpToMaxRestartsAndCountsThem() {
        TestProject p = project(projects,
                custom("crashy", "echo \"start crashy\" >> \"$RECORD\"; exit 1", "restart = \"on-failure\"",
                        "restart-delay = \"100ms\"", "max-restarts = 2"),
                custom("always", "echo \"start always\" >> \"$RECORD\"; sleep 0.2; exit 0", "restart = \"always\"",
                        "restart-delay = \"100ms\"", "max-restarts = 1"),
                custom("never", "echo \"start never\" >> \"$RECORD\"; exit 1"));
        p.run("up", "-d", "--no-wait").assertOk();

        Await.until("crashy to give up", Fixture.DEADLINE,
                () -> "failed".equals(state(p, "crashy")) && recorded(p, "start crashy").size() == 3);
        assertEquals(2, statusOf(p, "crashy").getInt("restarts", -1));
        Await.until("always to be restarted after exiting 0", Fixture.DEADLINE,
                () -> recorded(p, "start always").size() >= 2);
        awaitState(p, "never", "failed");
        assertEquals(1, recorded(p, "start never").size(), "restart = \"no\" does not restart");
    }
}
