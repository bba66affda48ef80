package dev.envy.core.lifecycle;

import dev.envy.core.manifest.Condition;
import dev.envy.core.manifest.Readiness;
import dev.envy.core.manifest.ServiceSpec;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.ServiceView;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static dev.envy.core.lifecycle.Harness.svc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RD-1: readiness by sd_notify, decided by the supervisor with the clock in the test's hand. */
class NotifyTest {

    private static ServiceSpec notifying(String name, Duration timeout) {
        return svc(name).toBuilder().readiness(new Readiness(new Readiness.NotifyCheck(), Readiness.DEFAULT_INTERVAL,
                timeout, Duration.ZERO)).build();
    }

    private static Harness started(ServiceSpec... specs) {
        Harness h = new Harness(specs).attached();
        h.request(new Request.Start(List.of(specs[specs.length - 1].name()), true, 0));
        return h;
    }

    private static Event notified(Harness h, String name, String datagram) {
        return new Event.Notified(name, h.pid(name), NotifyMessage.parse(datagram));
    }

    @Test
    void theSpawnAsksForASocketAndNoProbeRuns() {
        Harness h = started(notifying("api", Duration.ofSeconds(60)));
        Effect.Spawn spawn = h.lastOf(Effect.Spawn.class).getFirst();
        assertTrue(spawn.notifySocket());
        h.spawned("api");
        assertEquals(List.of(), h.lastOf(Effect.StartProbe.class), "nothing probes a notify service");
        assertEquals(ServiceStatus.STARTING, h.status("api"));
        assertEquals(List.of(new Effect.ScheduleTimer(new TimerKey(TimerKey.Kind.READINESS_TIMEOUT, "api",
                h.service("api").generation()), Duration.ofSeconds(60))), h.lastOf(Effect.ScheduleTimer.class));
    }

    @Test
    void aServiceWithAnotherCheckGetsNoSocket() {
        Harness h = started(Harness.checked(svc("db")));
        assertFalse(h.lastOf(Effect.Spawn.class).getFirst().notifySocket());
    }

    @Test
    void readyMakesItReadyCancelsTheTimeoutAndStartsItsDependents() {
        Harness h = started(notifying("api", Duration.ofSeconds(60)),
                svc("web", Map.of("api", Condition.READY)));
        h.spawned("api");
        h.advance(Duration.ofSeconds(3));
        h.step(notified(h, "api", "STATUS=loading"));
        assertEquals(ServiceStatus.STARTING, h.status("api"));
        assertEquals(List.of(), h.spawnedNames(), "web waits while api only reports progress");

        h.step(notified(h, "api", "READY=1\nSTATUS=serving on :8080"));

        assertEquals(ServiceStatus.RUNNING, h.status("api"));
        assertTrue(h.service("api").ready());
        assertEquals(List.of(new Effect.CancelTimer(new TimerKey(TimerKey.Kind.READINESS_TIMEOUT, "api",
                h.service("api").generation()))), h.lastOf(Effect.CancelTimer.class));
        assertEquals(List.of("web"), h.spawnedNames());
        assertEquals("serving on :8080", h.service("api").view().statusText());
    }

    @Test
    void noReadyWithinTheTimeoutFailsTheStart() {
        Harness h = started(notifying("api", Duration.ofSeconds(5)));
        h.spawned("api");
        h.step(notified(h, "api", "STATUS=still loading"));
        h.advance(Duration.ofSeconds(5));
        h.step(new Event.TimerFired(new TimerKey(TimerKey.Kind.READINESS_TIMEOUT, "api",
                h.service("api").generation())));

        assertEquals(ServiceStatus.STOPPING, h.status("api"));
        h.exitSignalled();
        assertEquals(ServiceStatus.FAILED, h.status("api"));
        assertEquals("sent no READY=1 within 5s", h.service("api").message());
    }

    @Test
    void statusAndMainPidShowWhileTheProcessLivesAndGoWithIt() {
        Harness h = started(notifying("api", Duration.ofSeconds(60)));
        long pid = h.spawned("api");
        h.step(notified(h, "api", "READY=1\nMAINPID=" + (pid + 7) + "\nSTATUS=Ready."));

        ServiceView view = h.service("api").view();
        assertEquals(pid + 7, view.pid(), "status shows MAINPID");
        assertEquals("Ready.", view.statusText());
        assertEquals(pid, h.pid("api"), "the process group envy signals stays the one it spawned");

        h.request(new Request.Stop(List.of("api"), true));
        assertEquals(pid, h.lastOf(Effect.SendSignal.class).getFirst().pid());
        h.exitSignalled();
        assertNull(h.service("api").view().statusText());
        assertEquals(-1, h.service("api").view().pid());
    }

    @Test
    void aReadyFromAnEarlierProcessChangesNothing() {
        Harness h = started(notifying("api", Duration.ofSeconds(60)));
        long first = h.spawned("api");
        h.request(new Request.Restart(List.of("api"), false, true, 0));
        h.exitSignalled();
        h.spawned("api");
        SupervisorState before = h.state;

        assertEquals(List.of(), h.step(new Event.Notified("api", first, NotifyMessage.parse("READY=1"))));
        assertEquals(before, h.state);
    }

    @Test
    void readyIsIgnoredByAServiceThatDoesNotUseNotify() {
        Harness h = started(Harness.checked(svc("db")));
        h.spawned("db");
        h.step(notified(h, "db", "READY=1"));
        assertEquals(ServiceStatus.STARTING, h.status("db"), "only its own check makes db ready");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "READY=1|true||-1|false",
            "READY=0|false||-1|false",
            "STATUS=Loading 3/5|false|Loading 3/5|-1|false",
            "MAINPID=123|false||123|false",
            "MAINPID=abc|false||-1|false",
            "WATCHDOG=1|false||-1|true",
            "X_CUSTOM=1|false||-1|false",
            "garbage|false||-1|false",
    })
    void parsesWhatSdNotifySends(String datagram, boolean ready, String status, long mainPid, boolean watchdog) {
        NotifyMessage m = NotifyMessage.parse(datagram);
        assertEquals(ready, m.ready());
        assertEquals(status == null ? java.util.Optional.empty() : java.util.Optional.of(status), m.status());
        assertEquals(mainPid < 0 ? OptionalLong.empty() : OptionalLong.of(mainPid), m.mainPid());
        assertEquals(watchdog, m.watchdog());
    }

    @Test
    void oneDatagramCarriesSeveralAssignments() {
        NotifyMessage m = NotifyMessage.parse("READY=1\nSTATUS=Processing requests…\nMAINPID=4711\n");
        assertTrue(m.ready());
        assertEquals("Processing requests…", m.status().orElseThrow());
        assertEquals(4711, m.mainPid().orElseThrow());
    }
}
