package dev.envy.core.lifecycle;

import dev.envy.core.manifest.RestartPolicy;
import dev.envy.core.manifest.ServiceSpec;
import dev.envy.core.manifest.Restart;
import dev.envy.core.protocol.Request;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.envy.core.lifecycle.Harness.svc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RestartPolicyTest {

    private static Harness running(ServiceSpec... specs) {
        Harness h = new Harness(specs).attached();
        h.request(new Request.Start(List.of(), true, 0));
        h.bringUp();
        return h;
    }

    /** Crashes db right away each time, returning the backoff delays asked for. */
    private static List<Duration> crashLoop(Harness h, int crashes) {
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < crashes; i++) {
            h.advance(Duration.ofSeconds(1));
            h.exit("db", 1);
            List<Effect.ScheduleTimer> timers = h.lastOf(Effect.ScheduleTimer.class);
            if (timers.isEmpty()) {
                break;
            }
            Effect.ScheduleTimer t = timers.getFirst();
            assertEquals(TimerKey.Kind.BACKOFF, t.key().kind());
            delays.add(t.after());
            h.advance(t.after());
            h.step(new Event.TimerFired(t.key()));
            assertEquals(List.of("db"), h.spawnedNames());
            h.spawned("db");
        }
        return delays;
    }

    @Test
    void STA_7_backoffDoublesAndCapsAt30s() {
        Harness h = running(svc("db").toBuilder()
                .restart(new Restart(RestartPolicy.ON_FAILURE, Duration.ofSeconds(5), 10)).build());
        assertEquals(List.of(5L, 10L, 20L, 30L, 30L, 30L), crashLoop(h, 6).stream().map(Duration::toSeconds).toList());
        assertEquals(6, h.service("db").view().restarts());
    }

    @Test
    void STA_7_givesUpAfterMaxRestartsInARow() {
        Harness h = running(svc("db").toBuilder()
                .restart(new Restart(RestartPolicy.ON_FAILURE, Duration.ofSeconds(1), 5)).build());
        assertEquals(5, crashLoop(h, 6).size());
        assertEquals(ServiceStatus.FAILED, h.status("db"));
        assertEquals("gave up after 5 restarts (failed with exit code 1)", h.service("db").view().message());
        assertEquals(5, h.service("db").view().restarts());
        assertTrue(h.lastOf(Effect.ScheduleTimer.class).isEmpty());
    }

    @Test
    void STA_7_aRunOfTenSecondsResetsTheCount() {
        Harness h = running(svc("db").toBuilder()
                .restart(new Restart(RestartPolicy.ON_FAILURE, Duration.ofSeconds(1), 5)).build());
        crashLoop(h, 3);
        assertEquals(3, h.service("db").restarts());
        h.advance(Duration.ofSeconds(10));
        h.exit("db", 1);
        assertEquals(1, h.service("db").restarts());
        assertEquals(Duration.ofSeconds(1), h.lastOf(Effect.ScheduleTimer.class).getFirst().after());
    }

    @Test
    void STA_7_onFailureDoesNotRestartACompletedService() {
        Harness h = running(svc("db").toBuilder()
                .restart(new Restart(RestartPolicy.ON_FAILURE, Duration.ofSeconds(1), 5)).build());
        h.exit("db", 0);
        assertEquals(ServiceStatus.COMPLETED, h.status("db"));
        assertEquals(0, h.service("db").view().exitCode());
    }

    @Test
    void STA_7_alwaysRestartsACompletedService() {
        Harness h = running(svc("db").toBuilder()
                .restart(new Restart(RestartPolicy.ALWAYS, Duration.ofSeconds(1), 5)).build());
        h.exit("db", 0);
        assertEquals(ServiceStatus.BACKOFF, h.status("db"));
    }

    @Test
    void STA_5_noPolicyExitZeroIsCompleted() {
        Harness h = running(svc("db"));
        h.exit("db", 0);
        assertEquals("completed", h.service("db").view().status());
    }

    @Test
    void STA_4_noPolicyCrashIsFailedWithItsCode() {
        Harness h = running(svc("db"));
        h.exit("db", 2);
        assertEquals("failed", h.service("db").view().status());
        assertEquals(2, h.service("db").view().exitCode());
        assertEquals(-1, h.service("db").view().pid());
    }

    @Test
    void dependentsWaitThroughBackoffAndAreBlockedWhenItGivesUp() {
        Harness h = new Harness(
                Harness.checked(svc("db")).toBuilder()
                        .restart(new Restart(RestartPolicy.ON_FAILURE, Duration.ofSeconds(1), 1)).build(),
                svc("web", java.util.Map.of("db", dev.envy.core.manifest.Condition.READY))).attached();
        long id = h.request(new Request.Start(List.of("web"), true, 0));
        h.spawned("db");
        h.exit("db", 1);
        assertEquals(ServiceStatus.BACKOFF, h.status("db"));
        assertEquals(ServiceStatus.WAITING, h.status("web"));
        h.step(new Event.TimerFired(new TimerKey(TimerKey.Kind.BACKOFF, "db", h.service("db").generation())));
        h.spawned("db");
        h.exit("db", 1);
        assertEquals(ServiceStatus.FAILED, h.status("db"));
        assertEquals(ServiceStatus.BLOCKED, h.status("web"));
        assertEquals(List.of("web: blocked: dependency db failed"), h.resultOf(id).errors());
    }

    @Test
    void delayIsCappedEvenForHugeCounts() {
        assertEquals(Duration.ofSeconds(30), RestartPolicyDecider.delay(Duration.ofSeconds(1), 1000));
        assertEquals(Duration.ofMinutes(2), RestartPolicyDecider.delay(Duration.ofMinutes(2), 3));
        assertEquals(Duration.ZERO, RestartPolicyDecider.delay(Duration.ZERO, 4));
    }
}
