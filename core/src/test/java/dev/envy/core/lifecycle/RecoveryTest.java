package dev.envy.core.lifecycle;

import dev.envy.core.manifest.Signal;
import dev.envy.core.manifest.Stop;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.envy.core.lifecycle.Harness.manifest;
import static dev.envy.core.lifecycle.Harness.svc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CS-8: what a daemon killed with SIGKILL left running is stopped by its successor's supervisor through the same
 * steps and timeouts as any stop, and the next result says what was stopped.
 */
class RecoveryTest {

    private static Effect.LiveProcess recorded(String service, long pid, Stop stop) {
        return new Effect.LiveProcess(service, pid, 1000 + pid, stop, ".", Map.of());
    }

    private static Harness recovering(Orphans orphans, dev.envy.core.manifest.ServiceSpec... specs) {
        return new Harness(manifest(specs), orphans);
    }

    private static TimerKey stopTimer(Harness h, String service) {
        return new TimerKey(TimerKey.Kind.STOP_TIMEOUT, service, h.service(service).generation());
    }

    @Test
    void CS_8_aRecordedServiceIsStoppedWithItsRecordedStopSignalAndNamedInTheNextResult() {
        Stop byInt = new Stop(Signal.INT, Duration.ofSeconds(5), Optional.empty());
        Harness h = recovering(new Orphans(List.of(recorded("db", 10, byInt)), Map.of()), svc("db"));

        assertEquals(List.of(new Effect.Adopt("db", 10)), h.lastOf(Effect.Adopt.class));
        assertEquals(List.of(new Effect.SendSignal("db", 10, Signal.INT)), h.lastOf(Effect.SendSignal.class));
        assertTrue(h.last.contains(new Effect.ScheduleTimer(stopTimer(h, "db"), Duration.ofSeconds(5))));
        assertEquals(List.of(new Effect.PersistState(List.of(recorded("db", 10, byInt)), List.of())),
                h.lastOf(Effect.PersistState.class), "state.json names it until it is gone");
        assertEquals(ServiceStatus.STOPPING, h.status("db"));

        h.step(new Event.Exited("db", 10, -1, Optional.empty()));
        assertEquals(ServiceStatus.STOPPED, h.status("db"));
        assertEquals(List.of(new Effect.PersistState(List.of(), List.of())), h.lastOf(Effect.PersistState.class));
        h.attached();
        assertEquals(List.of("recovered: stopped db (pid 10) left running by a daemon that was killed",
                "activation 9000 registered (1 active)"), h.resultOf(1).notes());
    }

    @Test
    void CS_8_theFirstResultCarriesTheRecoveryNotesAndOnlyTheFirst() {
        Harness h = recovering(new Orphans(List.of(recorded("db", 10, Stop.DEFAULT)), Map.of()), svc("db"));
        h.step(new Event.Exited("db", 10, -1, Optional.empty()));
        long first = h.request(new Request.Stop(List.of("db"), false));
        long second = h.request(new Request.Stop(List.of("db"), false));

        assertEquals(List.of("recovered: stopped db (pid 10) left running by a daemon that was killed",
                "db: not running"), h.resultOf(first).notes());
        assertEquals(List.of("db: not running"), h.resultOf(second).notes());
    }

    @Test
    void CS_8_aServiceIgnoringItsStopSignalIsKilledAfterItsStopTimeout() {
        Harness h = recovering(new Orphans(List.of(recorded("db", 10, Stop.DEFAULT)), Map.of()), svc("db"));
        h.step(new Event.TimerFired(stopTimer(h, "db")));
        assertEquals(List.of(new Effect.KillTree("db", 10)), h.lastOf(Effect.KillTree.class));

        h.step(new Event.Exited("db", 10, -1, Optional.empty()));
        long id = h.request(new Request.Status(List.of()));
        assertTrue(h.replyTo(id).orElseThrow() instanceof Response.StatusReport, "a status is no result");
        h.attached();
        assertEquals("recovered: stopped db (pid 10) left running by a daemon that was killed, killed with SIGKILL"
                + " after its stop-timeout", h.resultOf(2).notes().getFirst());
    }

    @Test
    void CS_8_unrecordedGroupsStopWithTheManifestsSettingsOrTheDefaults() {
        Map<Long, String> found = new LinkedHashMap<>();
        found.put(20L, "db");
        found.put(30L, "gone");
        Harness h = recovering(new Orphans(List.of(), found), svc("db").toBuilder()
                .stop(new Stop(Signal.INT, Duration.ofSeconds(3), Optional.empty())).build());

        assertEquals(List.of(new Effect.SendSignal("db", 20, Signal.INT),
                new Effect.SendSignal("gone (pid 30)", 30, Signal.TERM)), h.lastOf(Effect.SendSignal.class));
        assertTrue(h.last.contains(new Effect.ScheduleTimer(stopTimer(h, "db"), Duration.ofSeconds(3))));
        assertTrue(h.last.contains(new Effect.ScheduleTimer(stopTimer(h, "gone (pid 30)"), Stop.DEFAULT.timeout())));

        h.step(new Event.TimerFired(stopTimer(h, "gone (pid 30)")));
        h.step(new Event.Exited("gone (pid 30)", 30, -1, Optional.empty()));
        h.step(new Event.Exited("db", 20, -1, Optional.empty()));
        assertFalse(h.state.services().containsKey("gone (pid 30)"), "a service the manifest does not have is gone");
        h.attached();
        assertEquals(List.of("recovered: stopped gone (pid 30) left running and unrecorded by a daemon that was killed,"
                        + " killed with SIGKILL after its stop-timeout",
                "recovered: stopped db (pid 20) left running and unrecorded by a daemon that was killed",
                "activation 9000 registered (1 active)"), h.resultOf(1).notes());
    }

    @Test
    void CS_8_dependentsStopFirstAsInAnyStop() {
        Harness h = recovering(new Orphans(List.of(recorded("db", 10, Stop.DEFAULT), recorded("web", 11,
                Stop.DEFAULT)), Map.of()), svc("db"), svc("web", "db"));
        assertEquals(List.of("web"), h.signalledNames());
        h.step(new Event.Exited("web", 11, -1, Optional.empty()));
        assertEquals(List.of("db"), h.signalledNames());
    }

    @Test
    void CS_8_aRecordedShutdownCommandRunsWhereAndWithWhatItWasRecorded() {
        Stop byCommand = new Stop(Signal.TERM, Duration.ofSeconds(30), Optional.of("pg_ctl stop"));
        Harness h = recovering(new Orphans(List.of(new Effect.LiveProcess("db", 10, 1010, byCommand, "data",
                Map.of("PGDATA", "/srv/pg"))), Map.of()), svc("db"));
        assertEquals(List.of(new Effect.RunShutdownCommand("db", 10, "pg_ctl stop", "data",
                Map.of("PGDATA", "/srv/pg"))), h.lastOf(Effect.RunShutdownCommand.class));
    }

    @Test
    void CS_8_aStartAskedForMeanwhileWaitsUntilTheOldProcessIsGone() {
        Harness h = recovering(new Orphans(List.of(recorded("db", 10, Stop.DEFAULT)), Map.of()), svc("db")).attached();
        long id = h.request(new Request.Start(List.of("db"), true, 0));
        assertTrue(h.spawnedNames().isEmpty());

        h.step(new Event.Exited("db", 10, -1, Optional.empty()));
        assertEquals(List.of("db"), h.spawnedNames());
        h.spawned("db");
        h.settle();
        assertEquals(List.of("recovered: stopped db (pid 10) left running by a daemon that was killed"),
                h.resultOf(id).notes());
    }

    @Test
    void CS_8_theDaemonDoesNotExitBeforeWhatItRecoversIsGone() {
        Harness h = recovering(new Orphans(List.of(recorded("db", 10, Stop.DEFAULT)), Map.of()), svc("db"));
        h.step(new Event.TimerFired(Timers.IDLE_KEY));
        assertTrue(Harness.of(h.all, Effect.ExitDaemon.class).isEmpty());
        h.step(new Event.Exited("db", 10, -1, Optional.empty()));
        assertEquals(List.of(new Effect.ExitDaemon()), h.lastOf(Effect.ExitDaemon.class));
    }
}
