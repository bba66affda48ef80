package dev.envy.it.health;

import dev.envy.it.support.Projects;
import dev.envy.it.support.Run;
import dev.envy.it.support.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WT-2: the CI contract `up -d --no-wait`, `services wait`, run the tests, `down`. */
class WaitCommandTest {
    @RegisterExtension
    final Projects projects = new Projects();

    @Test
    void WT_2_waitBlocksUntilEveryServiceIsReady() {
        TestProject p = projects.withManifest("""
                version = 1
                [services.db]
                command = 'sleep 1; echo "db ready" >> "$RECORD"; echo accepting; exec sleep 1000'
                readiness.log = "accepting"

                [services.web]
                command = 'echo "start web" >> "$RECORD"; exec sleep 1000'
                depends-on = { db = "ready" }
                """);
        p.run("up", "-d", "--no-wait").assertOk();

        Run wait = p.run("services", "wait", "--timeout", "30s");

        assertEquals(0, wait.exitCode(), wait.toString());
        assertEquals(java.util.List.of("db ready", "start web"), p.records(), "wait returned after both were up");
    }

    @Test
    void WT_2_waitExitsOneNamingWhatFailed() {
        TestProject p = projects.withManifest("""
                version = 1
                [services.db]
                command = "sleep 0.5; exit 3"
                readiness.log = "never"

                [services.web]
                command = "exec sleep 1000"
                depends-on = { db = "ready" }
                """);
        p.run("up", "-d", "--no-wait").assertOk();

        Run wait = p.run("services", "wait", "web");

        assertEquals(1, wait.exitCode(), wait.toString());
        assertTrue(wait.stderr().contains("web: blocked: dependency db failed"), wait.toString());
    }

    @Test
    void WT_2_withNoDaemonNothingIsUp() {
        TestProject p = projects.withManifest("""
                version = 1
                [services.db]
                command = "exec sleep 1000"
                """);

        Run wait = p.run("services", "wait");

        assertEquals(1, wait.exitCode(), wait.toString());
        assertTrue(wait.stderr().contains("no daemon runs for this environment, so no service is up"), wait.toString());
    }
}
