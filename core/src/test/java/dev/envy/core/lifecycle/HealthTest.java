package dev.envy.core.lifecycle;

import dev.envy.core.manifest.Liveness;
import dev.envy.core.manifest.Readiness;
import dev.envy.core.manifest.Restart;
import dev.envy.core.manifest.RestartPolicy;
import dev.envy.core.manifest.ServiceSpec;
import dev.envy.core.manifest.Signal;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.ServiceView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static dev.envy.core.lifecycle.Harness.svc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RD-2 (watchdog) and RD-3 (liveness), decided by the supervisor with the clock in the test's hand. */
class HealthTest {

    private static final Duration WATCHDOG = Duration.ofSeconds(2);

    private static ServiceSpec watched(RestartPolicy policy) {
        return svc("api").toBuilder().watchdog(Optional.of(WATCHDOG))
                .restart(new Restart(policy, Duration.ofSeconds(1), 5)).build();
    }

    private static ServiceSpec live(RestartPolicy policy, int threshold) {
        return svc("api").toBuilder()
                .liveness(Optional.of(new Liveness(new Readiness.TcpCheck("127.0.0.1", 8080), Duration.ofSeconds(5),
                        Duration.ofSeconds(1), Duration.ofSeconds(3), threshold)))
                .restart(new Restart(policy, Duration.ofSeconds(1), 5)).build();
    }

    private static Harness started(ServiceSpec spec) {
        Harness h = new Harness(spec).attached();
        h.request(new Request.Start(List.of(spec.name()), false, 0));
        return h;
    }

    private static TimerKey key(Harness h, TimerKey.Kind kind) {
        return new TimerKey(kind, "api", h.service("api").generation());
    }

    private static List<Duration> afters(List<Effect.CheckLiveness> checks) {
        return checks.stream().map(Effect.CheckLiveness::after).toList();
    }

    private static void ping(Harness h, String datagram) {
        h.step(new Event.Notified("api", h.pid("api"), NotifyMessage.parse(datagram)));
    }

    // RD-2

    @Test
    void aWatchdogGivesTheServiceASocketAndWatchdogUsec() {
        Harness h = started(watched(RestartPolicy.NO));
        Effect.Spawn spawn = h.lastOf(Effect.Spawn.class).getFirst();
        assertTrue(spawn.notifySocket(), "WATCHDOG=1 needs a NOTIFY_SOCKET, even without readiness.notify");
        assertEquals("2000000", spawn.environment().get("WATCHDOG_USEC"));
        assertFalse(spawn.environment().containsKey("WATCHDOG_PID"), "bash's pid is unknown before the spawn");
    }

    @Test
    void theWatchdogStartsOnceReadyAndEachPingRestartsIt() {
        Harness h = started(watched(RestartPolicy.NO));
        h.spawned("api");
        assertTrue(h.last.contains(new Effect.ScheduleTimer(key(h, TimerKey.Kind.WATCHDOG), WATCHDOG)));
        h.advance(Duration.ofMillis(1500));
        ping(h, "WATCHDOG=1");
        assertEquals(List.of(new Effect.ScheduleTimer(key(h, TimerKey.Kind.WATCHDOG), WATCHDOG)), h.last,
                "a ping only restarts the timer");
        ping(h, "STATUS=busy");
        assertEquals(List.of(), h.lastOf(Effect.ScheduleTimer.class), "other datagrams are no ping");
    }

    @Test
    void whileItStartsOnlyTheReadinessTimeoutApplies() {
        Harness h = started(watched(RestartPolicy.NO).toBuilder().readiness(new Readiness(
                new Readiness.NotifyCheck(), Readiness.DEFAULT_INTERVAL, Duration.ofSeconds(30), Duration.ZERO)).build());
        h.spawned("api");
        assertEquals(List.of(), h.lastOf(Effect.ScheduleTimer.class).stream()
                .filter(t -> t.key().kind() == TimerKey.Kind.WATCHDOG).toList());
        ping(h, "WATCHDOG=1");
        assertEquals(List.of(), h.lastOf(Effect.ScheduleTimer.class), "a ping before READY=1 starts nothing");
        ping(h, "READY=1");
        assertEquals(List.of(new Effect.ScheduleTimer(key(h, TimerKey.Kind.WATCHDOG), WATCHDOG)),
                h.lastOf(Effect.ScheduleTimer.class));
    }

    @Test
    void RD_2_noPingForTheWholeDurationStopsItAndTheRestartPolicyRestartsIt() {
        Harness h = started(watched(RestartPolicy.ON_FAILURE));
        long pid = h.spawned("api");
        h.advance(WATCHDOG);
        h.step(new Event.TimerFired(key(h, TimerKey.Kind.WATCHDOG)));

        assertEquals(ServiceStatus.STOPPING, h.status("api"));
        assertEquals(List.of(new Effect.SendSignal("api", pid, Signal.TERM)), h.lastOf(Effect.SendSignal.class),
                "its stop path: the stop signal, then SIGKILL after stop-timeout");
        assertEquals("watchdog timeout: no WATCHDOG=1 within 2s", h.service("api").message());

        h.exitSignalled();
        assertEquals(ServiceStatus.BACKOFF, h.status("api"));
        assertEquals("watchdog timeout: no WATCHDOG=1 within 2s; restarting in 1s", h.service("api").message());
        assertEquals(1, h.service("api").restarts());
    }

    @Test
    void RD_2_withRestartNoAWatchdogTimeoutLeavesItFailedSayingWhy() {
        Harness h = started(watched(RestartPolicy.NO));
        h.spawned("api");
        h.step(new Event.TimerFired(key(h, TimerKey.Kind.WATCHDOG)));
        h.exitSignalled();

        assertEquals(ServiceStatus.FAILED, h.status("api"));
        assertEquals("watchdog timeout: no WATCHDOG=1 within 2s", h.service("api").view().message());
    }

    @Test
    void aServiceThatIgnoresTheStopSignalIsKilledAndStillSaysWatchdog() {
        Harness h = started(watched(RestartPolicy.NO));
        long pid = h.spawned("api");
        h.step(new Event.TimerFired(key(h, TimerKey.Kind.WATCHDOG)));
        h.step(new Event.TimerFired(key(h, TimerKey.Kind.STOP_TIMEOUT)));
        assertEquals(List.of(new Effect.KillTree("api", pid)), h.lastOf(Effect.KillTree.class));
        h.killedBy("api", Signal.KILL);
        assertEquals(ServiceStatus.FAILED, h.status("api"));
        assertEquals("watchdog timeout: no WATCHDOG=1 within 2s", h.service("api").message());
    }

    @Test
    void watchdogTriggerStopsItAtOnce() {
        Harness h = started(watched(RestartPolicy.NO));
        h.spawned("api");
        ping(h, "WATCHDOG=trigger");
        assertEquals(ServiceStatus.STOPPING, h.status("api"));
        assertEquals("watchdog timeout: the service sent WATCHDOG=trigger", h.service("api").message());
    }

    @Test
    void aWatchdogTimerOfAnEarlierProcessChangesNothing() {
        Harness h = started(watched(RestartPolicy.NO));
        h.spawned("api");
        TimerKey old = key(h, TimerKey.Kind.WATCHDOG);
        h.request(new Request.Restart(List.of("api"), false, false, 0));
        h.exitSignalled();
        h.spawned("api");
        SupervisorState before = h.state;
        assertEquals(List.of(), h.step(new Event.TimerFired(old)));
        assertEquals(before, h.state);
    }

    @Test
    void aServiceWithoutAWatchdogIgnoresPings() {
        Harness h = started(svc("api"));
        h.spawned("api");
        ping(h, "WATCHDOG=trigger");
        assertEquals(ServiceStatus.RUNNING, h.status("api"));
    }

    // RD-3

    @Test
    void livenessBeginsAfterTheInitialDelayOnceReady() {
        Harness h = started(live(RestartPolicy.NO, 3));
        long pid = h.spawned("api");
        Effect.CheckLiveness check = h.lastOf(Effect.CheckLiveness.class).getFirst();
        assertEquals(key(h, TimerKey.Kind.LIVENESS), check.key(), "pending under its key, as a timer");
        assertEquals(Duration.ofSeconds(3), check.after());
        assertEquals(pid, check.pid());
        assertEquals(new Readiness.TcpCheck("127.0.0.1", 8080), check.liveness().check());
        h.step(new Event.LivenessChecked("api", pid, true));
        assertEquals(List.of(new Effect.CheckLiveness(check.key(), Duration.ofSeconds(5), "api", pid, check.liveness(),
                        check.workingDir(), check.environment())),
                h.last, "the next check one period later, in the same step: nothing in between");
    }

    @Test
    void checksAreDueOnAQuarterSecondGridSoThatServicesShareWakeUps() {
        java.time.Instant t = Harness.T0;
        assertEquals(Duration.ofMillis(5000), Health.aligned(t, Duration.ofSeconds(5)), "on the grid already");
        assertEquals(Duration.ofMillis(4900), Health.aligned(t.plusMillis(100), Duration.ofSeconds(5)), "nearest");
        assertEquals(Duration.ofMillis(5120), Health.aligned(t.plusMillis(130), Duration.ofSeconds(5)));
        assertEquals(Duration.ofMillis(4998), Health.aligned(t.plusMillis(2), Duration.ofSeconds(5)),
                "a check that ended just after its slot is due on the grid again: the period kept, no drift");
        assertEquals(Duration.ofMillis(1010), Health.aligned(t.plusMillis(40), Duration.ofSeconds(1)),
                "a finer grid for a short delay (a twentieth of it): within 2.5 %");
        assertEquals(Duration.ofMillis(15), Health.aligned(t.plusMillis(3), Duration.ofMillis(15)),
                "too short to move");
        assertEquals(Duration.ZERO, Health.aligned(t.plusMillis(3), Duration.ZERO), "no initial delay");

        Harness h = started(live(RestartPolicy.NO, 3));
        h.advance(Duration.ofMillis(1010));
        long pid = h.spawned("api");
        assertEquals(List.of(Duration.ofMillis(3040)), afters(h.lastOf(Effect.CheckLiveness.class)),
                "the first check too (initial-delay 3 s: on a grid of 150 ms)");
        h.advance(Duration.ofMillis(2993));
        h.step(new Event.LivenessChecked("api", pid, true));
        assertEquals(List.of(Duration.ofMillis(4997)), afters(h.lastOf(Effect.CheckLiveness.class)));
    }

    @Test
    void aServiceWithAReadinessCheckIsCheckedForLivenessOnlyOnceReady() {
        Harness h = started(Harness.checked(live(RestartPolicy.NO, 3)));
        long pid = h.spawned("api");
        assertEquals(List.of(), h.lastOf(Effect.CheckLiveness.class));
        h.step(new Event.ProbePassed("api", pid));
        assertEquals(List.of(Duration.ofSeconds(3)), afters(h.lastOf(Effect.CheckLiveness.class)));
    }

    @Test
    void RD_3_thresholdFailuresInARowRestartItByItsPolicy() {
        Harness h = started(live(RestartPolicy.ON_FAILURE, 3));
        long pid = h.spawned("api");
        h.step(new Event.LivenessChecked("api", pid, false));
        h.step(new Event.LivenessChecked("api", pid, true));
        h.step(new Event.LivenessChecked("api", pid, false));
        h.step(new Event.LivenessChecked("api", pid, false));
        assertEquals(ServiceStatus.RUNNING, h.status("api"), "a pass in between starts the count again");
        h.step(new Event.LivenessChecked("api", pid, false));

        assertEquals(ServiceStatus.STOPPING, h.status("api"));
        assertEquals("unhealthy: liveness check failed 3 times in a row", h.service("api").message());
        assertEquals(List.of(new Effect.SendSignal("api", pid, Signal.TERM)), h.lastOf(Effect.SendSignal.class));
        h.exitSignalled();
        assertEquals(ServiceStatus.BACKOFF, h.status("api"));
        assertEquals("unhealthy: liveness check failed 3 times in a row; restarting in 1s",
                h.service("api").message());
        h.advance(Duration.ofSeconds(1));
        h.step(new Event.TimerFired(key(h, TimerKey.Kind.BACKOFF)));
        assertEquals(List.of("api"), h.spawnedNames());
    }

    @Test
    void RD_3_withRestartNoItStaysRunningUnhealthyUntilACheckPasses() {
        Harness h = started(live(RestartPolicy.NO, 2));
        long pid = h.spawned("api");
        h.step(new Event.LivenessChecked("api", pid, false));
        h.step(new Event.LivenessChecked("api", pid, false));

        ServiceView view = h.service("api").view();
        assertEquals("unhealthy", view.status());
        assertFalse(view.ready());
        assertEquals("unhealthy: liveness check failed 2 times in a row", view.message());
        assertEquals(List.of(), h.lastOf(Effect.SendSignal.class), "nothing is killed");
        assertEquals(List.of(Duration.ofSeconds(5)), afters(h.lastOf(Effect.CheckLiveness.class)), "checks go on");

        h.step(new Event.LivenessChecked("api", pid, true));
        view = h.service("api").view();
        assertEquals("running", view.status());
        assertTrue(view.ready());
        assertEquals(null, view.message());
    }

    @Test
    void aThresholdOfOneActsOnTheFirstFailure() {
        Harness h = started(live(RestartPolicy.ALWAYS, 1));
        long pid = h.spawned("api");
        h.step(new Event.LivenessChecked("api", pid, false));
        assertEquals("unhealthy: liveness check failed 1 time", h.service("api").message());
        assertEquals(ServiceStatus.STOPPING, h.status("api"));
    }

    @Test
    void aLivenessResultOfAnEarlierProcessOrAStoppingServiceChangesNothing() {
        Harness h = started(live(RestartPolicy.NO, 1));
        long first = h.spawned("api");
        h.request(new Request.Restart(List.of("api"), false, false, 0));
        SupervisorState stopping = h.state;
        assertEquals(List.of(), h.step(new Event.LivenessChecked("api", first, false)));
        assertEquals(stopping, h.state);
        h.exitSignalled();
        h.spawned("api");
        SupervisorState before = h.state;
        assertEquals(List.of(), h.step(new Event.LivenessChecked("api", first, false)));
        assertEquals(before, h.state);
    }

    @ParameterizedTest
    @EnumSource(RestartPolicy.class)
    void aStopRequestDuringAnUnwellStopLeavesItStopped(RestartPolicy policy) {
        Harness h = started(watched(policy));
        h.spawned("api");
        h.step(new Event.TimerFired(key(h, TimerKey.Kind.WATCHDOG)));
        h.request(new Request.Stop(List.of("api"), false));
        h.stopAll();
        assertEquals(ServiceStatus.STOPPED, h.status("api"));
    }
}
