package dev.envy.it.daemon;

import dev.envy.it.support.Await;
import dev.envy.it.support.Projects;
import dev.envy.it.support.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.envy.it.daemon.Fixture.alive;
import static dev.envy.it.daemon.Fixture.custom;
import static dev.envy.it.daemon.Fixture.daemonLog;
import static dev.envy.it.daemon.Fixture.daemonPid;
import static dev.envy.it.daemon.Fixture.guardianPid;
import static dev.envy.it.daemon.Fixture.pid;
import static dev.envy.it.daemon.Fixture.project;
import static dev.envy.it.daemon.Fixture.service;
import static dev.envy.it.daemon.Fixture.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CS-12: services never outlive their daemon, even when no envy command ever runs again. */
class GuardianTest {
    /** 1 s, plus scheduling slack on a loaded test machine. */
    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    @RegisterExtension
    final Projects projects = new Projects();

    @Test
    void CS_12_servicesOfADaemonKilledWithSigkillAreStoppedByItsGuardian() {
        TestProject p = project(projects, service("db"), service("web", "depends-on = [\"db\"]"),
                custom("stubborn", "trap \"\" TERM; sleep 1000 & wait", "stop-timeout = \"1s\""));
        up(p);
        List<Long> services = new ArrayList<>(List.of(pid(p, "db"), pid(p, "web"), pid(p, "stubborn")));
        long guardian = guardianPid(p);
        assertTrue(alive(guardian), "the guardian runs beside the daemon");

        ProcessHandle.of(daemonPid(p)).orElseThrow().destroyForcibly();

        Await.until("every service process to be gone", PROMPTLY.plusSeconds(1),
                () -> services.stream().noneMatch(Fixture::alive));
        Await.until("the guardian to exit", PROMPTLY, () -> !alive(guardian));
        String log = daemonLog(p);
        assertTrue(log.contains("guardian: the daemon is gone; stopping the services it left running"), log);
        assertTrue(log.contains("guardian: stubborn did not stop within its stop-timeout; SIGKILL"), log);
        assertEquals(List.of("stop db", "stop web"), Fixture.recorded(p, "stop").stream().sorted().toList(),
                "the others got their stop signal and stopped by themselves");
    }

    @Test
    void CS_12_aDaemonThatStopsNormallyDismissesItsGuardianSilently() {
        TestProject p = project(projects, service("db"));
        up(p);
        long guardian = guardianPid(p);
        p.run("down").assertOk();
        Await.until("the guardian to exit", PROMPTLY, () -> !alive(guardian));
        assertTrue(!daemonLog(p).contains("guardian:"), daemonLog(p));
    }
}
