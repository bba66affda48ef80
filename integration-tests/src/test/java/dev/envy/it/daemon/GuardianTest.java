package dev.envy.it.daemon;

import dev.envy.it.support.Await;
import dev.envy.it.support.Projects;
import dev.envy.it.support.Run;
import dev.envy.it.support.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

/**
 * CS-12: services never outlive their daemon, even when no envy command ever runs again; CS-13: and when its guardian
 * was killed too, status says what runs and {@code down} stops it.
 */
class GuardianTest {
    /** 1 s, plus scheduling slack on a loaded test machine. */
    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    @RegisterExtension
    final Projects projects = new Projects();

    @Test
    void CS_12_servicesOfADaemonKilledWithSigkillAreStoppedByItsGuardian() {
        TestProject p = project(projects, service("db"), service("web", "depends-on = [\"db\"]"));
        up(p);
        List<Long> services = new ArrayList<>(List.of(pid(p, "db"), pid(p, "web")));
        long guardian = guardianPid(p);
        assertTrue(alive(guardian), "the guardian runs beside the daemon");

        ProcessHandle.of(daemonPid(p)).orElseThrow().destroyForcibly();

        Await.until("every service process to be gone", PROMPTLY,
                () -> services.stream().noneMatch(Fixture::alive));
        Await.until("the guardian to exit", PROMPTLY, () -> !alive(guardian));
        String log = daemonLog(p);
        assertTrue(log.contains("guardian: the daemon is gone; stopping the services it left running"), log);
        assertTrue(log.contains("guardian: every service the daemon left is stopped; the guardian exits"), log);
        assertEquals(List.of("stop web", "stop db"), Fixture.recorded(p, "stop"),
                "they got their stop signal and stopped by themselves");
    }

    @Test
    void CS_12_theGuardianStopsDependentsBeforeTheirDependenciesLevelByLevel() {
        TestProject p = project(projects, service("db"), service("api", "depends-on = [\"db\"]"),
                service("web", "depends-on = [\"api\"]"), service("cache"),
                service("worker", "depends-on = [\"db\"]"));
        up(p);
        Map<String, Long> pids = new java.util.LinkedHashMap<>();
        for (String name : List.of("db", "api", "web", "cache", "worker")) {
            pids.put(name, pid(p, name));
        }
        List<Long> services = List.copyOf(pids.values());

        ProcessHandle.of(daemonPid(p)).orElseThrow().destroyForcibly();

        Await.until("every service process to be gone", PROMPTLY,
                () -> services.stream().noneMatch(Fixture::alive));
        List<String> stops = Fixture.awaitRecorded(p, "stop", 5);
        // each service records its TERM before it exits, and a level is signalled once the one before it is gone
        assertTrue(stops.indexOf("stop web") < stops.indexOf("stop api"), stops.toString());
        assertTrue(stops.indexOf("stop api") < stops.indexOf("stop db"), stops.toString());
        assertTrue(stops.indexOf("stop worker") < stops.indexOf("stop db"), stops.toString());
        String log = daemonLog(p);
        assertBefore(log, "guardian: web (process group " + pids.get("web") + ") is gone", "guardian: api: signal 15");
        assertBefore(log, "guardian: api (process group " + pids.get("api") + ") is gone", "guardian: db: signal 15");
        assertBefore(log, "guardian: worker (process group " + pids.get("worker") + ") is gone",
                "guardian: db: signal 15");
    }

    @Test
    void CS_12_aServiceWithAShutdownCommandIsStoppedByItWithItsEnvironmentAndWorkingDir() throws Exception {
        TestProject p = project(projects,
                custom("graceful", "echo $$ > graceful.pid; exec sleep 1000",
                        "working-dir = \"data\"", "vars = { GREETING = \"bye\" }",
                        "shutdown.command = \"echo shutdown $GREETING $PWD >> $RECORD; kill -TERM $(cat graceful.pid)\""),
                service("web", "depends-on = [\"graceful\"]"));
        java.nio.file.Files.createDirectories(p.dir().resolve("data"));
        up(p);
        long graceful = pid(p, "graceful");
        long web = pid(p, "web");
        Await.until("graceful.pid", PROMPTLY, () -> java.nio.file.Files.exists(p.dir().resolve("data/graceful.pid")));

        ProcessHandle.of(daemonPid(p)).orElseThrow().destroyForcibly();

        Await.until("every service process to be gone", PROMPTLY, () -> !alive(graceful) && !alive(web));
        assertEquals(List.of("stop web", "shutdown bye " + p.dir().resolve("data").toRealPath()),
                p.records().stream().filter(l -> l.startsWith("stop") || l.startsWith("shutdown")).toList(),
                "web first, then graceful's shutdown command, in its working dir with its variables");
        String log = daemonLog(p);
        assertTrue(log.contains("guardian: graceful: shutdown command (pid "), log);
        assertTrue(!log.contains("SIGKILL"), log);
    }

    @Test
    void CS_12_aServiceThatIgnoresItsStopSignalIsKilledAfterItsStopTimeout() {
        TestProject p = project(projects, service("db"),
                custom("stubborn", "trap \"\" TERM; echo $$ > stubborn.pid; sleep 1000 & wait",
                        "stop-timeout = \"2s\"", "depends-on = [\"db\"]"));
        up(p);
        long db = pid(p, "db");
        long stubborn = pid(p, "stubborn");

        long killed = System.nanoTime();
        ProcessHandle.of(daemonPid(p)).orElseThrow().destroyForcibly();

        Await.until("the stubborn service to be gone", PROMPTLY.plusSeconds(2), () -> !alive(stubborn));
        long tookMillis = (System.nanoTime() - killed) / 1_000_000;
        assertTrue(tookMillis >= 2000, "SIGKILL only after its stop-timeout, gone after " + tookMillis + " ms");
        Await.until("db to be gone", PROMPTLY, () -> !alive(db));
        String log = daemonLog(p);
        assertTrue(log.contains("guardian: stubborn did not stop within its stop-timeout; SIGKILL to process group "
                + stubborn), log);
        assertBefore(log, "guardian: stubborn did not stop within its stop-timeout", "guardian: db: signal 15");
    }

    @Test
    void CS_13_servicesLeftByADaemonAndGuardianThatWereKilledShowAsOrphanedAndDownStopsThem() {
        TestProject p = project(projects, service("db"), service("web", "depends-on = [\"db\"]"));
        up(p);
        long db = pid(p, "db");
        long web = pid(p, "web");
        long guardian = guardianPid(p);
        long daemon = daemonPid(p);

        ProcessHandle.of(guardian).orElseThrow().destroyForcibly();
        Await.until("the guardian to be gone", PROMPTLY, () -> !alive(guardian));
        ProcessHandle.of(daemon).orElseThrow().destroyForcibly();
        Await.until("the daemon to be gone", PROMPTLY, () -> !alive(daemon));
        assertTrue(alive(db) && alive(web), "nothing stopped them");

        Run table = p.run("services", "status").assertOk();
        assertTrue(table.stdout().lines().anyMatch(l -> l.startsWith("db ") && l.contains("orphaned")
                && l.contains(Long.toString(db))), table.stdout());
        assertTrue(table.stdout().lines().anyMatch(l -> l.startsWith("web ") && l.contains("orphaned")
                && l.contains(Long.toString(web))), table.stdout());
        assertTrue(table.stdout().contains("one that died left 2 service(s) running; `envy down` stops them"),
                table.stdout());
        Map<String, com.eclipsesource.json.JsonObject> json = Fixture.status(p);
        assertEquals("orphaned", json.get("db").getString("status", "?"));
        assertEquals(db, json.get("db").getLong("pid", -1));
        assertEquals("orphaned", json.get("web").getString("status", "?"));
        assertEquals(web, json.get("web").getLong("pid", -1));

        Run down = p.run("down").assertOk();
        assertTrue(down.stdout().contains("a daemon that died left db, web running; stopping them")
                || down.stdout().contains("a daemon that died left web, db running; stopping them"), down.stdout());
        assertTrue(!alive(db) && !alive(web), "down returned once they were gone");
        assertEquals(List.of("stop web", "stop db"), Fixture.recorded(p, "stop"), "stopped the normal way");
        Map<String, com.eclipsesource.json.JsonObject> after = Fixture.status(p);
        assertEquals("not-started", after.get("db").getString("status", "?"));
        assertEquals("not-started", after.get("web").getString("status", "?"));
    }

    /** That {@code first} occurs in {@code log} before {@code then}. */
    private static void assertBefore(String log, String first, String then) {
        int a = log.indexOf(first);
        int b = log.indexOf(then);
        assertTrue(a >= 0 && b >= 0 && a < b, "expected \"" + first + "\" before \"" + then + "\" in:\n" + log);
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
