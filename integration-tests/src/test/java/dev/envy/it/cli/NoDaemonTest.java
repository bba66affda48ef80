package dev.envy.it.cli;

import dev.envy.it.support.Projects;
import dev.envy.it.support.Run;
import dev.envy.it.support.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the services commands do when no daemon runs: nothing is ever started by them. */
class NoDaemonTest {
    @RegisterExtension
    final Projects projects = new Projects();

    private static void assertNoDaemonStarted(TestProject p) {
        assertFalse(Files.exists(p.dir().resolve(".envy/logs/daemon.log")), "a daemon was started");
        assertTrue(p.leftovers().isEmpty(), "processes of the project: " + p.leftovers());
    }

    @Test
    void STA_3_statusWithoutDaemonShowsEveryServiceNotStarted() {
        TestProject p = projects.copyOf("webapp");
        Run r = p.run("services", "status").assertOk();
        assertEquals("NAME     STATUS       READY  PID  UPTIME  RESTARTS  EXIT/SIGNAL", r.stdoutLines().getFirst());
        for (String name : List.of("db", "cache", "migrate", "web")) {
            assertTrue(r.stdoutLines().stream().anyMatch(l -> l.startsWith(name + " ") && l.contains("not-started")),
                    name + " not-started\n" + r);
        }
        assertNoDaemonStarted(p);
    }

    @Test
    void AC_7_startWithoutAnActivationOrHoldIsExit2WithAHint() {
        TestProject p = projects.copyOf("webapp");
        p.run("services", "start", "web").assertExit(2)
                .assertStderrContains("hint: run `envy activate -s` or `envy up -d`");
        p.run("services", "restart").assertExit(2)
                .assertStderrContains("hint: run `envy activate -s` or `envy up -d`");
        assertNoDaemonStarted(p);
    }

    @Test
    void SP_6_stopWithoutDaemonNotesEachServiceNotRunning() {
        TestProject p = projects.copyOf("webapp");
        Run r = p.run("services", "stop", "web", "db").assertOk();
        assertEquals(List.of("web: not running", "db: not running"), r.stdoutLines());
        assertNoDaemonStarted(p);
    }

    @Test
    void ST_8_unknownNamesAreRefusedBeforeAnythingElse() {
        TestProject p = projects.copyOf("webapp");
        Run r = p.run("services", "start", "web", "dbb").assertExit(2);
        assertEquals("envy: unknown service 'dbb' (did you mean 'db'?); nothing was done", r.stderrLines().getFirst());
        assertNoDaemonStarted(p);
    }

    @Test
    void downWithoutDaemonIsANote() {
        TestProject p = projects.copyOf("webapp");
        p.run("down").assertOk().assertStdoutContains("envy: no daemon running for this environment");
        assertNoDaemonStarted(p);
    }

    @Test
    void CS_9_daemonStatusSaysNotRunningAndWhereItsFilesWouldBe() {
        TestProject p = projects.copyOf("webapp");
        Run r = p.run("daemon", "status").assertOk();
        assertEquals("daemon:      not running", r.stdoutLines().getFirst());
        assertTrue(r.stdoutLines().get(1).startsWith("socket:      " + p.runtimeDir() + "/"), r.toString());
        assertTrue(r.stdoutLines().get(1).endsWith("/daemon.sock"), r.toString());
        assertEquals("log:         " + p.dir().resolve(".envy/logs/daemon.log"), r.stdoutLines().get(3));
        assertNoDaemonStarted(p);
    }
}
