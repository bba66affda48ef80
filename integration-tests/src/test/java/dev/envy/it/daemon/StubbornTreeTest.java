package dev.envy.it.daemon;

import dev.envy.it.support.Await;
import dev.envy.it.support.Projects;
import dev.envy.it.support.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static dev.envy.it.daemon.Fixture.DEADLINE;
import static dev.envy.it.daemon.Fixture.custom;
import static dev.envy.it.daemon.Fixture.project;
import static dev.envy.it.daemon.Fixture.service;
import static dev.envy.it.daemon.Fixture.state;
import static dev.envy.it.daemon.Fixture.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * HD-9: a service that ignores TERM and leaves a process behind that left its session and cleared its environment
 * ({@code setsid -f env -i …}): the daemon, a subreaper, still sees it as its child, and stops it.
 */
class StubbornTreeTest {
    @RegisterExtension
    final Projects projects = new Projects();

    /** A stubborn service whose escapee is named {@code name} (its argv[0]). */
    private static String stubborn(String name) {
        // made 0.2 s after the start: what a service forks before the daemon moved it into its cgroup stays outside
        // it (HD-12), and on a loaded machine that can be a few milliseconds
        return custom("stubborn", "trap \"\" TERM; sleep 0.2; setsid -f env -i bash -c \"exec -a " + name
                + " sleep 3600\"; "
                + "exec sleep 1000", "stop-timeout = \"1s\"");
    }

    @Test
    void HD_9_stoppingTheOnlyServiceStopsWhatLeftItsSessionAndEnvironment() {
        String name = "envy-stray-" + UUID.randomUUID();
        TestProject p = project(projects, stubborn(name)).env("ENVY_NO_CGROUPS", "1"); // HD-9 without HD-12
        up(p);
        Await.until("the escapee to run", DEADLINE, () -> !named(name).isEmpty());

        p.run("services", "stop", "stubborn").assertOk();
        assertEquals("stopped", state(p, "stubborn"));
        assertEquals(List.of(), named(name), "the escapee was stopped with its service");
        p.run("down").assertOk();
    }

    @Test
    void HD_9_downStopsWhatLeftItsServiceWhileOthersRan() throws Exception {
        String name = "envy-stray-" + UUID.randomUUID();
        TestProject p = project(projects, service("db"), service("web", "depends-on = [\"db\"]"), stubborn(name))
                .env("ENVY_NO_CGROUPS", "1"); // HD-9 without HD-12
        up(p);
        Await.until("the escapee to run", DEADLINE, () -> !named(name).isEmpty());

        // which of three services made it cannot be told, so stopping one leaves it (and the others) alone...
        p.run("services", "stop", "stubborn").assertOk();
        assertEquals("running", state(p, "db"));
        assertEquals("running", state(p, "web"));
        // ...until no service that could have made it runs any more
        p.run("down").assertOk();
        assertEquals(List.of(), named(name), "down stopped the escapee");
        Await.until("every process of the environment to end", DEADLINE, () -> p.leftovers().isEmpty());
        String log = Files.readString(p.log("daemon"));
        assertTrue(log.contains("it had left its service's session and environment"), log);
    }

    @Test
    void HD_12_inItsOwnCgroupWhatLeftAServiceDiesWithItWhileOthersRun() throws Exception {
        String name = "envy-stray-" + UUID.randomUUID();
        TestProject p = project(projects, service("db"), service("web", "depends-on = [\"db\"]"), stubborn(name));
        up(p);
        String daemonLog = Files.readString(p.log("daemon"));
        assumeTrue(daemonLog.contains("cgroups: each service runs in a cgroup v2 of its own"),
                "the daemon could make no cgroup here (it takes root or a delegated cgroup v2 subtree): " + daemonLog
                        .lines().filter(l -> l.contains("cgroups:")).findFirst().orElse("no cgroups line"));
        Await.until("the escapee to run", DEADLINE, () -> !named(name).isEmpty());

        p.run("services", "stop", "stubborn").assertOk();
        assertEquals("stopped", state(p, "stubborn"));
        assertEquals(List.of(), named(name), "the escapee died with its own service");
        assertEquals("running", state(p, "db"));
        assertEquals("running", state(p, "web"));
        p.run("down").assertOk();
        Await.until("every process of the environment to end", DEADLINE, () -> p.leftovers().isEmpty());
    }

    @Test
    void HD_12_aDaemonKilledWithSigkillLeavesNeitherAnEscapeeNorItsCgroups() throws Exception {
        String name = "envy-stray-" + UUID.randomUUID();
        TestProject p = project(projects, service("db"), stubborn(name));
        up(p);
        String daemonLog = Files.readString(p.log("daemon"));
        String marker = "cgroups: each service runs in a cgroup v2 of its own under ";
        assumeTrue(daemonLog.contains(marker),
                "the daemon could make no cgroup here (it takes root or a delegated cgroup v2 subtree): " + daemonLog
                        .lines().filter(l -> l.contains("cgroups:")).findFirst().orElse("no cgroups line"));
        String rest = daemonLog.substring(daemonLog.indexOf(marker) + marker.length());
        Path base = Path.of(rest.substring(0, rest.indexOf(';')));
        assertTrue(Files.isDirectory(base), base.toString());
        Await.until("the escapee to run", DEADLINE, () -> !named(name).isEmpty());
        long guardian = Fixture.guardianPid(p);

        ProcessHandle.of(Fixture.daemonPid(p)).orElseThrow().destroyForcibly();

        Await.until("the guardian to stop everything and exit", DEADLINE, () -> !Fixture.alive(guardian));
        assertEquals(List.of(), named(name), "the escapee died with its service's cgroup: " + Fixture.daemonLog(p));
        assertTrue(Files.notExists(base), "the daemon's cgroups are removed: " + base);
        assertTrue(Fixture.daemonLog(p).contains("guardian: killed what was left in the cgroup svc-"),
                Fixture.daemonLog(p));
        Await.until("every process of the environment to end", DEADLINE, () -> p.leftovers().isEmpty());
    }

    /** Live processes whose argv[0] is {@code name} (ProcessHandle shows the executable's path instead). */
    private static List<Long> named(String name) {
        return ProcessHandle.allProcesses().filter(ph -> {
            try {
                return Files.readString(Path.of("/proc", Long.toString(ph.pid()), "cmdline")).startsWith(name + "\0");
            } catch (IOException e) {
                return false;
            }
        }).map(ProcessHandle::pid).toList();
    }
}
