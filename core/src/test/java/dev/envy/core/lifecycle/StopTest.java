package dev.envy.core.lifecycle;

import dev.envy.core.manifest.RestartPolicy;
import dev.envy.core.manifest.Signal;
import dev.envy.core.manifest.Stop;
import dev.envy.core.manifest.Restart;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static dev.envy.core.lifecycle.Harness.svc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StopTest {

    private static Harness running(dev.envy.core.manifest.ServiceSpec... specs) {
        Harness h = new Harness(specs).attached();
        h.request(new Request.Start(List.of(), true, 0));
        h.bringUp();
        return h;
    }

    @Test
    void SP_3_dependentsStopFirst() {
        Harness h = running(svc("db"), svc("cache"), svc("web", "db", "cache"), svc("api", "web"));
        long id = h.request(new Request.Stop(List.of(), true));
        assertEquals(List.of("api"), h.signalledNames());
        assertEquals(ServiceStatus.STOPPING, h.status("db"), "db is stopping, waiting for its dependents");
        assertEquals(List.of("api", "web", "cache", "db"), flatten(h));
        Response.Result r = h.resultOf(id);
        assertEquals(0, r.exitCode());
        assertTrue(r.services().stream().allMatch(v -> v.status().equals("stopped")));
    }

    /** Exits every signalled service, collecting the order in which signals went out. */
    private static List<String> flatten(Harness h) {
        List<String> order = new java.util.ArrayList<>(h.signalledNames());
        for (int i = 0; i < 10 && !h.signalledNames().isEmpty(); i++) {
            for (String name : h.signalledNames()) {
                h.step(new Event.Exited(name, h.pid(name), 0, Optional.empty()));
                order.addAll(h.signalledNames());
            }
        }
        return order;
    }

    @Test
    void SP_1_stoppingADependencyWarnsAboutItsRunningDependents() {
        Harness h = running(svc("db"), svc("web", "db"), svc("api", "db"));
        long id = h.request(new Request.Stop(List.of("db"), true));
        assertEquals(List.of("db"), h.signalledNames(), "untargeted dependents do not delay the stop");
        h.exitSignalled();
        Response.Result r = h.resultOf(id);
        assertEquals(List.of("warning: api, web depend on db and keep running"), r.notes());
        assertEquals(ServiceStatus.RUNNING, h.status("web"));
        assertEquals(ServiceStatus.RUNNING, h.status("api"));
    }

    @Test
    void SP_5_stopSignalThenKillAfterStopTimeout() {
        Harness h = running(svc("db").toBuilder()
                .stop(new Stop(Signal.INT, Duration.ofSeconds(3), Optional.empty())).build());
        long pid = h.pid("db");
        long generation = h.service("db").generation();
        h.request(new Request.Stop(List.of("db"), true));
        assertEquals(List.of(new Effect.SendSignal("db", pid, Signal.INT),
                new Effect.ScheduleTimer(new TimerKey(TimerKey.Kind.STOP_TIMEOUT, "db", generation),
                        Duration.ofSeconds(3))), h.last.subList(0, 2));
        h.advance(Duration.ofSeconds(3));
        h.step(new Event.TimerFired(new TimerKey(TimerKey.Kind.STOP_TIMEOUT, "db", generation)));
        assertEquals(List.of(new Effect.KillTree("db", pid)), h.lastOf(Effect.KillTree.class));
        h.step(new Event.Exited("db", pid, -1, Optional.of(Signal.KILL)));
        assertEquals(ServiceStatus.STOPPED, h.status("db"));
        assertEquals("SIGKILL", h.service("db").view().signal());
        assertEquals("did not stop within 3s; killed", h.service("db").view().message());
    }

    @Test
    void SP_5_shutdownCommandReplacesTheSignal() {
        Harness h = running(svc("db").toBuilder()
                .stop(new Stop(Signal.TERM, Duration.ofSeconds(10), Optional.of("pg_ctl stop"))).build());
        long pid = h.pid("db");
        h.request(new Request.Stop(List.of("db"), true));
        assertEquals(List.of(new Effect.RunShutdownCommand("db", pid, "pg_ctl stop", ".", java.util.Map.of())),
                h.lastOf(Effect.RunShutdownCommand.class));
        assertTrue(h.signalledNames().isEmpty());
        h.exitSignalled();
        assertEquals(ServiceStatus.STOPPED, h.status("db"));
        assertEquals("stopped by its shutdown command", h.service("db").view().message());
    }

    @Test
    void STA_6_stoppedByEnvyShowsTheSignalEnvySent() {
        Harness h = running(svc("db"));
        long pid = h.pid("db");
        h.request(new Request.Stop(List.of("db"), true));
        h.step(new Event.Exited("db", pid, -1, Optional.of(Signal.TERM)));
        assertEquals("stopped", h.service("db").view().status());
        assertEquals("SIGTERM", h.service("db").view().signal());
        assertEquals("stopped by SIGTERM", h.service("db").view().message());
    }

    @Test
    void STA_6_killedFromOutsideIsFailedWithTheSignalName() {
        Harness h = running(svc("db"));
        h.step(new Event.Exited("db", h.pid("db"), 137, Optional.empty()));
        assertEquals("failed", h.service("db").view().status());
        assertEquals("SIGKILL", h.service("db").view().signal());
        assertEquals("killed by SIGKILL", h.service("db").view().message());
    }

    @Test
    void SP_6_stoppingAStoppedServiceIsANote() {
        Harness h = running(svc("db"), svc("web"));
        h.request(new Request.Stop(List.of("db"), true));
        h.exitSignalled();
        long id = h.request(new Request.Stop(List.of("db", "web"), true));
        assertEquals(List.of("web"), h.signalledNames());
        h.exitSignalled();
        Response.Result r = h.resultOf(id);
        assertEquals(0, r.exitCode());
        assertEquals(List.of("db: not running"), r.notes());
    }

    @Test
    void SP_9_unknownNamesStopNothing() {
        Harness h = running(svc("db"), svc("web"));
        long id = h.request(new Request.Stop(List.of("db", "wbe"), true));
        assertEquals(2, h.errorOf(id).exitCode());
        assertEquals("unknown service 'wbe' (did you mean 'web'?)", h.errorOf(id).message());
        assertTrue(h.last.stream().noneMatch(e -> e instanceof Effect.SendSignal));
        assertEquals(ServiceStatus.RUNNING, h.status("db"));
    }

    @Test
    void SP_4_noWaitRepliesAtOnce() {
        Harness h = running(svc("db"));
        long id = h.request(new Request.Stop(List.of(), false));
        assertEquals(0, h.resultOf(id).exitCode());
        assertEquals(List.of("db"), h.signalledNames());
    }

    @Test
    void stoppingABackoffCancelsTheRestart() {
        Harness h = running(svc("db").toBuilder()
                .restart(new Restart(RestartPolicy.ON_FAILURE, Duration.ofSeconds(1), 5)).build());
        long generation = h.service("db").generation();
        h.exit("db", 1);
        assertEquals(ServiceStatus.BACKOFF, h.status("db"));
        long id = h.request(new Request.Stop(List.of("db"), true));
        assertEquals(ServiceStatus.STOPPED, h.status("db"));
        assertTrue(h.last.contains(new Effect.CancelTimer(new TimerKey(TimerKey.Kind.BACKOFF, "db", generation))));
        assertEquals(0, h.resultOf(id).exitCode());
        h.step(new Event.TimerFired(new TimerKey(TimerKey.Kind.BACKOFF, "db", generation)));
        assertEquals(ServiceStatus.STOPPED, h.status("db"), "a late backoff timer does nothing");
        assertTrue(h.spawnedNames().isEmpty());
    }

    @Test
    void stoppingDuringSpawnSignalsOnceSpawned() {
        Harness h = new Harness(svc("db")).attached();
        h.request(new Request.Start(List.of(), false, 0));
        long id = h.request(new Request.Stop(List.of("db"), true));
        assertEquals(ServiceStatus.STOPPING, h.status("db"));
        assertTrue(h.signalledNames().isEmpty());
        long pid = h.spawned("db");
        assertEquals(List.of(new Effect.SendSignal("db", pid, Signal.TERM)), h.lastOf(Effect.SendSignal.class));
        h.exitSignalled();
        assertEquals(ServiceStatus.STOPPED, h.status("db"));
        assertEquals(0, h.resultOf(id).exitCode());
    }

    @Test
    void stoppingAWaitingServiceStopsItAtOnce() {
        Harness h = new Harness(Harness.checked(svc("db")), svc("web", "db")).attached();
        h.request(new Request.Start(List.of(), false, 0));
        long id = h.request(new Request.Stop(List.of("web"), true));
        assertEquals(ServiceStatus.STOPPED, h.status("web"));
        assertEquals(0, h.resultOf(id).exitCode());
        h.spawned("db");
        assertTrue(h.spawnedNames().isEmpty(), "a stopped service is not started later");
    }

    @Test
    void aStopIsAnsweredEvenWhenAStartTakesTheServiceUpAgain() {
        Harness h = running(svc("db"), svc("web", "db"));
        h.request(new Request.Stop(List.of("web"), true));
        h.exitSignalled();
        long stop = h.request(new Request.Stop(List.of("db"), true));
        long start = h.request(new Request.Start(List.of("web"), true, 0));
        assertEquals(ServiceStatus.STOPPING, h.status("db"), "db stops first, then starts again for web");
        h.step(new Event.Exited("db", h.pid("db"), 0, Optional.empty()));
        assertEquals(List.of("db"), h.spawnedNames());
        assertEquals(0, h.resultOf(stop).exitCode(), "the stop is over once the old process is gone");
        h.bringUp();
        assertEquals(0, h.resultOf(start).exitCode());
        assertEquals(ServiceStatus.RUNNING, h.status("db"));
    }
}
