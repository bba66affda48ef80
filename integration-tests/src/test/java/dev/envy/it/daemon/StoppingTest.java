package dev.envy.it.daemon;

import dev.envy.it.support.Await;
import dev.envy.it.support.Projects;
import dev.envy.it.support.Run;
import dev.envy.it.support.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.envy.it.daemon.Fixture.alive;
import static dev.envy.it.daemon.Fixture.assertRecordedBefore;
import static dev.envy.it.daemon.Fixture.awaitState;
import static dev.envy.it.daemon.Fixture.custom;
import static dev.envy.it.daemon.Fixture.output;
import static dev.envy.it.daemon.Fixture.pid;
import static dev.envy.it.daemon.Fixture.project;
import static dev.envy.it.daemon.Fixture.recorded;
import static dev.envy.it.daemon.Fixture.service;
import static dev.envy.it.daemon.Fixture.state;
import static dev.envy.it.daemon.Fixture.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SP-1…SP-9, plus: a stop reaches grandchildren, and a service ignoring SIGTERM is killed after its stop-timeout. */
class StoppingTest {
    @RegisterExtension
    final Projects projects = new Projects();

    @Test
    void SP_1_stoppingOneLeavesItsDependentsRunningAndWarnsAboutThem() {
        TestProject p = project(projects, service("db"), service("web", "depends-on = [\"db\"]"));
        up(p);

        Run run = p.run("services", "stop", "db").assertOk();

        assertEquals("stopped", state(p, "db"));
        assertEquals("running", state(p, "web"));
        assertTrue(output(run).contains("web"), "the warning names web: " + run);
        assertEquals(List.of("stop db"), recorded(p, "stop"));
    }

    @Test
    void SP_2_stoppingWithNoNamesStopsEverything() {
        TestProject p = project(projects, service("a"), service("b"), service("c"));
        up(p);

        p.run("services", "stop").assertOk();

        for (String s : List.of("a", "b", "c")) {
            assertEquals("stopped", state(p, s));
        }
        assertEquals(3, recorded(p, "stop").size());
    }

    @Test
    void SP_3_dependentsStopBeforeTheirDependencies() {
        TestProject p = project(projects, service("db"), service("api", "depends-on = [\"db\"]"),
                service("web", "depends-on = [\"api\"]"));
        up(p);

        p.run("services", "stop").assertOk();

        assertEquals(List.of("stop web", "stop api", "stop db"), recorded(p, "stop"));
    }

    @Test
    void SP_4_stopBlocksUntilTheProcessIsGoneUnlessNoWait() {
        TestProject p = project(projects, custom("slowstop", "./slowstop.sh"), custom("other", "./slowstop.sh"));
        p.writeFile("slowstop.sh", """
                #!/bin/bash
                trap 'sleep 1; echo "stop $ENVY_SERVICE" >> "$RECORD"; exit 0' TERM
                sleep 1000 &
                wait
                """);
        up(p);
        long pid = pid(p, "slowstop");

        p.run("services", "stop", "slowstop").assertOk();
        assertFalse(alive(pid), "stop returned only after the process exited");
        assertEquals(List.of("stop slowstop"), recorded(p, "stop"));

        long other = pid(p, "other");
        p.run("services", "stop", "other", "--no-wait").assertOk();
        assertTrue(alive(other) && recorded(p, "stop other").isEmpty(),
                "--no-wait returned while other was still stopping");
        awaitState(p, "other", "stopped");
    }

    @Test
    void SP_5_stoppedMeansTheWholeTreeIsGoneAndTheConfiguredWayIsUsed() {
        TestProject p = project(projects,
                custom("tree", "./tree.sh"),
                service("int", "stop-signal = \"INT\""),
                custom("graceful", "./svc.sh", "shutdown.command = \"echo shutdown-command >> $RECORD; kill -TERM -$(cat graceful.pid)\""));
        p.writeFile("tree.sh", """
                #!/bin/bash
                ( sleep 1000 & echo $! > grandchild.pid; wait ) &
                wait
                """);
        up(p);
        long grandchild = Await.value("the grandchild's pid", Fixture.DEADLINE, () -> readPid(p, "grandchild.pid"));
        p.ownProcessGroup(grandchild);
        p.writeFile("graceful.pid", Long.toString(pid(p, "graceful")));

        p.run("services", "stop").assertOk();

        assertFalse(alive(grandchild), "the stop reached the grandchild");
        assertEquals("stopped", state(p, "tree"));
        assertTrue(p.records().contains("stop int"), "INT was sent (the trap records it): " + p.records());
        assertRecordedBefore(p, "shutdown-command", "stop graceful");
        assertEquals("SIGINT", Fixture.statusOf(p, "int").getString("signal", null));
    }

    @Test
    void SP_6_stoppingAServiceThatIsNotRunningIsSuccessWithANote() {
        TestProject p = project(projects, service("db", "autostart = false"));
        up(p);

        Run run = p.run("services", "stop", "db").assertOk();

        assertTrue(run.stdout().contains("db: not running"), run.toString());
    }

    @Test
    void SP_7_stoppingSeveralWithSomeNotRunningNotesThoseAndStopsTheRest() {
        TestProject p = project(projects, service("a"), service("b", "autostart = false"));
        up(p);

        Run run = p.run("services", "stop", "a", "b").assertOk();

        assertTrue(run.stdout().contains("b: not running"), run.toString());
        assertEquals(List.of("stop a"), recorded(p, "stop"));
    }

    @Test
    void SP_8_anUnknownNameIsAnErrorWhileAKnownStoppedOneIsANote() {
        TestProject p = project(projects, service("db", "autostart = false"));
        up(p);

        Run known = p.run("services", "stop", "db").assertOk();
        Run unknown = p.run("services", "stop", "dbb");

        assertTrue(known.stdout().contains("db: not running"), known.toString());
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.stderr().contains("dbb") && unknown.stderr().contains("db"), unknown.toString());
    }

    @Test
    void SP_9_stoppingSeveralWithSomeUnknownStopsNothing() {
        TestProject p = project(projects, service("a"), service("b"));
        up(p);

        Run run = p.run("services", "stop", "a", "nope");

        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.stderr().contains("nope"), run.toString());
        assertEquals("running", state(p, "a"));
        assertEquals(List.of(), recorded(p, "stop"));
    }

    @Test
    void stopReachesGrandchildrenThatLeftTheSession() {
        TestProject p = project(projects, custom("escaper", "./escaper.sh"));
        p.writeFile("escaper.sh", """
                #!/bin/bash
                setsid bash -c 'echo $$ > escaped.pid; exec sleep 1000' &
                sleep 1000 &
                wait
                """);
        up(p);
        long escaped = Await.value("the escaped grandchild's pid", Fixture.DEADLINE,
                () -> readPid(p, "escaped.pid"));
        p.ownProcessGroup(escaped);

        p.run("services", "stop", "escaper").assertOk();

        assertFalse(alive(escaped), "the grandchild in its own session was stopped too");
    }

    @Test
    void aServiceIgnoringSigtermIsKilledAfterItsStopTimeoutAndTheStopWaitsForIt() {
        TestProject p = project(projects, custom("stubborn", "./stubborn.sh", "stop-timeout = \"2s\""));
        p.writeFile("stubborn.sh", "#!/bin/bash\ntrap '' TERM\nwhile :; do sleep 0.2; done\n");
        up(p);
        long pid = pid(p, "stubborn");

        Instant before = Instant.now();
        p.run("services", "stop", "stubborn");
        Duration took = Duration.between(before, Instant.now());

        assertFalse(alive(pid), "SIGKILL ended it");
        assertTrue(took.compareTo(Duration.ofMillis(1900)) >= 0, "the stop waited for the stop-timeout: " + took);
        assertEquals("stopped", state(p, "stubborn"));
        assertEquals("SIGKILL", Fixture.statusOf(p, "stubborn").getString("signal", null));
    }

    static java.util.Optional<Long> readPid(TestProject p, String file) {
        try {
            String text = Files.readString(p.dir().resolve(file)).trim();
            return text.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(Long.parseLong(text));
        } catch (java.io.IOException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }
}
