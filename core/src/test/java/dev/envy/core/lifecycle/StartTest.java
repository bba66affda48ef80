package dev.envy.core.lifecycle;

import dev.envy.core.manifest.Condition;
import dev.envy.core.manifest.Readiness;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.envy.core.lifecycle.Harness.checked;
import static dev.envy.core.lifecycle.Harness.svc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StartTest {

    private static Request.Start start(String... names) {
        return new Request.Start(List.of(names), true, 60_000);
    }

    @Test
    void ST_3_dependenciesStartLevelByLevel() {
        Harness h = new Harness(
                checked(svc("db")),
                svc("cache"),
                svc("web", Map.of("db", Condition.READY)),
                svc("api", "web", "cache")).attached();
        long id = h.request(start());

        assertEquals(List.of("cache", "db"), h.spawnedNames(), "independent services start together");
        assertEquals(ServiceStatus.WAITING, h.status("web"));
        h.spawned("cache");
        assertEquals(List.of(), h.spawnedNames(), "api also waits for web");
        long db = h.spawned("db");
        assertEquals(ServiceStatus.STARTING, h.status("db"));
        assertEquals(List.of(), h.spawnedNames(), "web waits for db to be ready, not just spawned");
        h.step(new dev.envy.core.lifecycle.Event.ProbePassed("db", db));
        assertEquals(List.of("web"), h.spawnedNames());
        h.spawned("web");
        assertEquals(List.of("api"), h.spawnedNames(), "api's conditions are `started`");
        h.spawned("api");
        h.settle();

        Response.Result r = h.resultOf(id);
        assertEquals(0, r.exitCode());
        assertEquals(List.of("db", "cache", "web", "api").size(), r.services().size());
        assertTrue(r.services().stream().allMatch(v -> v.status().equals("running") && v.ready()));
    }

    @Test
    void ST_2_noNamesStartsEveryAutostartService() {
        Harness h = new Harness(svc("db"), svc("tool").toBuilder().autostart(false).build()).attached();
        h.request(start());
        assertEquals(List.of("db"), h.spawnedNames());
        assertEquals(ServiceStatus.NOT_STARTED, h.status("tool"));
    }

    @Test
    void ST_1_dependenciesAreStartedFirstAndReported() {
        Harness h = new Harness(svc("db"), svc("web", "db")).attached();
        long id = h.request(start("web"));
        assertEquals(List.of("db"), h.spawnedNames());
        h.bringUp();
        Response.Result r = h.resultOf(id);
        assertEquals(List.of("db: started (dependency of web)"), r.notes());
        assertEquals(List.of("web"), r.services().stream().map(v -> v.name()).toList());
    }

    @Test
    void ST_6_startingARunningServiceIsANote() {
        Harness h = new Harness(svc("db")).attached();
        h.request(start("db"));
        h.bringUp();
        long again = h.request(start("db"));
        assertEquals(List.of(), h.spawnedNames());
        Response.Result r = h.resultOf(again);
        assertEquals(0, r.exitCode());
        assertEquals(List.of("db: already running"), r.notes());
    }

    @Test
    void ST_7_someRunningOthersStart() {
        Harness h = new Harness(svc("db"), svc("web")).attached();
        h.request(start("db"));
        h.bringUp();
        long id = h.request(start("db", "web"));
        assertEquals(List.of("web"), h.spawnedNames());
        h.bringUp();
        Response.Result r = h.resultOf(id);
        assertEquals(0, r.exitCode());
        assertEquals(List.of("db: already running"), r.notes());
    }

    @Test
    void ST_8_unknownNamesStartNothing() {
        Harness h = new Harness(svc("db"), svc("web")).attached();
        long id = h.request(start("web", "wbe", "dbx"));
        Response.Error e = h.errorOf(id);
        assertEquals(2, e.exitCode());
        assertEquals("unknown service 'wbe' (did you mean 'web'?)\nunknown service 'dbx' (did you mean 'db'?)",
                e.message());
        assertTrue(Harness.of(h.all, Effect.Spawn.class).isEmpty());
        assertEquals(ServiceStatus.NOT_STARTED, h.status("web"));
    }

    @Test
    void ST_9_aFailedDependencyBlocksItsDependentsNotUnrelatedOnes() {
        Harness h = new Harness(svc("db"), svc("web", "db"), svc("cache")).attached();
        long id = h.request(start());
        h.step(new Event.SpawnFailed("db", "no such directory: ./db"));
        h.spawned("cache");
        h.settle();

        assertEquals(ServiceStatus.FAILED, h.status("db"));
        assertEquals(ServiceStatus.BLOCKED, h.status("web"));
        assertEquals(ServiceStatus.RUNNING, h.status("cache"));
        Response.Result r = h.resultOf(id);
        assertEquals(1, r.exitCode());
        assertEquals(List.of("db: could not start: no such directory: ./db", "web: blocked: dependency db failed"),
                r.errors());
    }

    @Test
    void ST_9_aFailingResultAsksForTheLastLogLinesOfTheServicesThatFailedNotOfTheBlocked() {
        Harness h = new Harness(svc("db"), svc("web", "db"), svc("cache")).attached();
        long id = h.request(start());
        h.spawned("cache");
        h.step(new Event.SpawnFailed("db", "no such directory: ./db"));
        h.settle();

        Effect.Reply reply = Harness.of(h.all, Effect.Reply.class).stream().filter(r -> r.requestId() == id)
                .findFirst().orElseThrow();
        assertEquals(List.of("db"), reply.logTails());
        assertEquals(List.of(), Harness.of(h.all, Effect.Reply.class).getFirst().logTails(),
                "a successful result shows no log");
    }

    @Test
    void ST_9_exitCodeOfTheFailingServiceIsReported() {
        Harness h = new Harness(svc("db"), svc("web", Map.of("db", Condition.READY))).attached();
        long id = h.request(start());
        h.spawned("db");
        h.spawned("web");
        h.settle();
        h.exit("db", 3);
        assertEquals(ServiceStatus.FAILED, h.status("db"));
        assertEquals(ServiceStatus.RUNNING, h.status("web"), "running dependents keep running");
        assertEquals(0, h.resultOf(id).exitCode(), "the start had already succeeded");

    }

    @Test
    void ST_9_exitBeforeReadyReportsTheExitCode() {
        Harness h = new Harness(checked(svc("db"))).attached();
        long id = h.request(start("db"));
        h.spawned("db");
        h.exit("db", 3);
        assertEquals(List.of(new Effect.StopProbe("db")), h.lastOf(Effect.StopProbe.class));
        assertEquals(List.of("db: failed with exit code 3"), h.resultOf(id).errors());
        assertEquals(1, h.resultOf(id).exitCode());
        assertEquals(3, h.service("db").view().exitCode());
    }

    @Test
    void ST_4_noWaitRepliesAtOnce() {
        Harness h = new Harness(svc("db")).attached();
        long id = h.request(new Request.Start(List.of(), false, 0));
        assertEquals(0, h.resultOf(id).exitCode());
        assertEquals(List.of("db"), h.spawnedNames(), "the reply does not stop the start");
    }

    @Test
    void ST_4_timeoutAnswersWithWhatIsNotUpAndServicesKeepStarting() {
        Harness h = new Harness(checked(svc("db"))).attached();
        long id = h.request(new Request.Start(List.of("db"), true, 5_000));
        assertTrue(h.lastOf(Effect.ScheduleTimer.class).contains(
                new Effect.ScheduleTimer(Waits.timerOf(id), Duration.ofSeconds(5))));
        long pid = h.spawned("db");
        assertTrue(h.replyTo(id).isEmpty());
        h.advance(Duration.ofSeconds(5));
        h.step(new Event.TimerFired(Waits.timerOf(id)));
        Response.Result r = h.resultOf(id);
        assertEquals(1, r.exitCode());
        assertEquals(List.of("db: not up after 5s (still starting)"), r.errors());
        assertEquals(ServiceStatus.STARTING, h.status("db"));
        h.step(new Event.ProbePassed("db", pid));
        assertEquals(1, h.repliesTo(id), "one final reply only");
    }

    @Test
    void ST_5_waitsForReadinessWhereACheckExists() {
        Harness h = new Harness(checked(svc("db"))).attached();
        long id = h.request(start("db"));
        long pid = h.spawned("db");
        assertTrue(h.replyTo(id).isEmpty(), "spawned is not ready");
        assertEquals(1, h.lastOf(Effect.StartProbe.class).size());
        assertFalse(h.service("db").view().ready());
        h.step(new Event.ProbePassed("db", pid));
        assertTrue(h.service("db").view().ready());
        assertTrue(h.lastOf(Effect.CancelTimer.class).contains(
                new Effect.CancelTimer(new TimerKey(TimerKey.Kind.READINESS_TIMEOUT, "db", h.service("db").generation()))));
        assertEquals(0, h.resultOf(id).exitCode());
    }

    @Test
    void ST_5_progressIsStreamedOnEachChange() {
        Harness h = new Harness(checked(svc("db"))).attached();
        long id = h.request(start("db"));
        long pid = h.spawned("db");
        h.step(new Event.ProbePassed("db", pid));
        List<String> frames = Harness.of(h.all, Effect.Stream.class).stream().filter(s -> s.requestId() == id)
                .map(s -> (Response.Progress) s.response()).map(p -> p.status() + ":" + p.detail()).toList();
        assertEquals(List.of("starting:waiting up to 60s for localhost:5432 to accept connections", "running:ready"),
                frames, "a starting service's progress says what its readiness check waits for");
    }

    @Test
    void AC_7_startWithoutActivationOrHoldIsRefused() {
        Harness h = new Harness(svc("db"));
        long id = h.request(start());
        Response.Error e = h.errorOf(id);
        assertEquals(2, e.exitCode());
        assertEquals(Requests.NOTHING_KEEPS_UP, e.message());
        assertEquals("run `envy activate -s` or `envy up -d`", e.hint());
        long restart = h.request(new Request.Restart(List.of(), false, true, 0));
        assertEquals(2, h.errorOf(restart).exitCode());
        assertTrue(Harness.of(h.all, Effect.Spawn.class).isEmpty());
    }

    @Test
    void completedConditionWaitsForExitZero() {
        Harness h = new Harness(svc("migrate"), svc("web", Map.of("migrate", Condition.COMPLETED))).attached();
        long id = h.request(start("web"));
        h.spawned("migrate");
        assertEquals(List.of(), h.spawnedNames());
        h.exit("migrate", 0);
        assertEquals(ServiceStatus.COMPLETED, h.status("migrate"));
        assertEquals(List.of("web"), h.spawnedNames());
        h.spawned("web");
        h.settle();
        assertEquals(0, h.resultOf(id).exitCode());
    }

    @Test
    void completedConditionBlocksOnFailure() {
        Harness h = new Harness(svc("migrate"), svc("web", Map.of("migrate", Condition.COMPLETED))).attached();
        long id = h.request(start("web"));
        h.spawned("migrate");
        h.exit("migrate", 1);
        assertEquals(ServiceStatus.BLOCKED, h.status("web"));
        assertEquals(List.of("web: blocked: dependency migrate failed"), h.resultOf(id).errors());
    }

    @Test
    void readinessTimeoutFailsTheStartAndStopsTheProcess() {
        Harness h = new Harness(checked(svc("db")), svc("web", Map.of("db", Condition.READY))).attached();
        long id = h.request(start());
        long pid = h.spawned("db");
        long generation = h.service("db").generation();
        h.advance(Duration.ofSeconds(60));
        h.step(new Event.TimerFired(new TimerKey(TimerKey.Kind.READINESS_TIMEOUT, "db", generation)));
        assertEquals(List.of(new Effect.StopProbe("db"), new Effect.SendSignal("db", pid, dev.envy.core.manifest.Signal.TERM)),
                h.last.subList(0, 2));
        assertEquals(ServiceStatus.BLOCKED, h.status("web"));
        Response.Result r = h.resultOf(id);
        assertEquals(List.of("db: readiness check did not pass within 60s", "web: blocked: dependency db failed"),
                r.errors());
        h.step(new Event.Exited("db", pid, -1, Optional.of(dev.envy.core.manifest.Signal.TERM)));
        assertEquals(ServiceStatus.FAILED, h.status("db"));
        assertEquals("readiness check did not pass within 60s", h.service("db").message());
    }

    @Test
    void spawnFailedIsFailedWithTheReason() {
        Harness h = new Harness(svc("db")).attached();
        h.request(start());
        h.step(new Event.SpawnFailed("db", "bash not found"));
        assertEquals(ServiceStatus.FAILED, h.status("db"));
        assertEquals("could not start: bash not found", h.service("db").view().message());
    }

    @Test
    void killedBySignalIsReportedByName() {
        Harness h = new Harness(svc("db")).attached();
        long id = h.request(start());
        h.spawned("db");
        h.settle();
        long again = h.request(new Request.Restart(List.of("db"), false, true, 0));
        h.exitSignalled();
        h.spawned("db");
        h.settle();
        assertEquals(0, h.resultOf(id).exitCode());
        h.killedBy("db", new dev.envy.core.manifest.Signal(11, "SEGV"));
        assertEquals("SIGSEGV", h.service("db").view().signal());
        assertEquals("killed by SIGSEGV", h.service("db").view().message());
        assertEquals(0, h.resultOf(again).exitCode());
    }

    @Test
    void ST_5_aStartingServiceSaysWhatItsReadinessCheckWaitsFor() {
        assertEquals("waiting up to 60s for `pg_isready` to succeed",
                Waits.awaiting(Readiness.of(new Readiness.CommandCheck("pg_isready"))));
        assertEquals("waiting up to 60s for http://127.0.0.1:8080/health to answer",
                Waits.awaiting(Readiness.of(new Readiness.HttpCheck(java.net.URI.create("http://127.0.0.1:8080/health")))));
        assertEquals("waiting up to 60s for a log line matching 'ready to accept'",
                Waits.awaiting(Readiness.of(new Readiness.LogCheck(java.util.regex.Pattern.compile("ready to accept")))));
    }

    @Test
    void ST_3_progressSaysWhatAWaitingServiceWaitsFor() {
        Harness h = new Harness(checked(svc("db")), svc("web", Map.of("db", Condition.READY))).attached();
        long id = h.request(start("web"));
        long pid = h.spawned("db");
        h.step(new Event.ProbePassed("db", pid));
        h.spawned("web");
        h.settle();
        List<String> frames = Harness.of(h.all, Effect.Stream.class).stream().filter(s -> s.requestId() == id)
                .map(s -> (Response.Progress) s.response())
                .map(p -> p.service() + " " + p.status() + " " + p.detail()).toList();
        assertEquals(List.of("db starting waiting up to 60s for localhost:5432 to accept connections",
                "web waiting for db (ready)", "db running ready", "web starting ",
                "web running "), frames);
        assertEquals(0, h.resultOf(id).exitCode());
    }
}
