package dev.envy.core.lifecycle;

import dev.envy.core.manifest.Stop;
import dev.envy.core.manifest.Manifest;
import dev.envy.core.manifest.Signal;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.envy.core.lifecycle.Harness.SHELL;
import static dev.envy.core.lifecycle.Harness.SHELL_START;
import static dev.envy.core.lifecycle.Harness.checked;
import static dev.envy.core.lifecycle.Harness.svc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActivationTest {

    private static Harness running(dev.envy.core.manifest.ServiceSpec... specs) {
        Harness h = new Harness(specs).attached();
        h.request(new Request.Start(List.of(), true, 0));
        h.bringUp();
        return h;
    }

    private static long exits(Harness h) {
        return Harness.of(h.all, Effect.ExitDaemon.class).size();
    }

    @Test
    void AC_3_attachRegistersWatchesAndPersists() {
        Harness h = new Harness(svc("db"));
        long id = h.request(new Request.Attach(SHELL, SHELL_START));
        assertEquals(List.of(new Effect.WatchActivation(SHELL, SHELL_START),
                new Effect.PersistState(List.of(), List.of(new Effect.Activation(SHELL, SHELL_START))),
                new Effect.Reply(id, h.resultOf(id))), h.last, "recorded before the activation is told so");
        assertEquals(1, h.state.activationCount());
    }

    @Test
    void AC_8_theSameActivationCountsOnce() {
        Harness h = new Harness(svc("db")).attached();
        long id = h.request(new Request.Attach(SHELL, SHELL_START));
        assertEquals(1, h.state.activationCount());
        assertTrue(h.lastOf(Effect.WatchActivation.class).isEmpty());
        assertEquals(0, h.resultOf(id).exitCode());
    }

    @Test
    void AC_4_lastActivationExitTearsDownInReverseOrder() {
        Harness h = running(svc("db"), svc("web", "db"), svc("api", "web"));
        h.request(new Request.Attach(9001, 5));
        h.step(new Event.ActivationExited(SHELL, SHELL_START));
        assertTrue(h.signalledNames().isEmpty(), "another activation is still there");
        h.step(new Event.ActivationExited(9001, 5));
        assertEquals(Phase.TEARING_DOWN, h.state.phase());
        assertEquals(List.of("api"), h.signalledNames());
        assertEquals(List.of("api", "web", "db"), h.stopAll());
        assertEquals(List.of(new Effect.PersistState(List.of(), List.of()), new Effect.ExitDaemon()),
                h.last.subList(h.last.size() - 2, h.last.size()));
        assertEquals(Phase.EXITED, h.state.phase());
    }

    @Test
    void AC_4_deactivateHookRunsAfterEveryServiceStopped() {
        Manifest m = Harness.manifest(svc("db"));
        Manifest withHook = new Manifest(Path.of("envy.toml"), 1, Map.of(),
                new Manifest.Hook(Optional.empty(), Optional.of("echo bye")), Manifest.Profile.NONE, true,
                Manifest.Options.DEFAULTS, m.services());
        Harness h = new Harness(withHook).attached();
        h.request(new Request.Start(List.of(), true, 0));
        h.bringUp();
        h.step(new Event.ActivationExited(SHELL, SHELL_START));
        h.stopAll();
        assertEquals(List.of(new Effect.PersistState(List.of(), List.of()), new Effect.RunDeactivateHook("echo bye", Map.of()),
                new Effect.ExitDaemon()), h.last.subList(h.last.size() - 3, h.last.size()));
    }

    @Test
    void AC_5_attachDuringTeardownIsToldShuttingDown() {
        Harness h = running(svc("db"));
        h.step(new Event.ActivationExited(SHELL, SHELL_START));
        long id = h.request(new Request.Attach(9100, 1));
        assertInstanceOf(Response.ShuttingDown.class, h.replyTo(id).orElseThrow());
        assertEquals(0, h.state.activationCount(), "the late activation does not cancel the teardown");
        assertTrue(h.lastOf(Effect.WatchActivation.class).isEmpty());
        h.stopAll();
        assertEquals(1, exits(h));
    }

    @Test
    void AC_5_teardownHappensExactlyOnce() {
        Harness h = running(svc("db"));
        h.step(new Event.ActivationExited(SHELL, SHELL_START));
        h.step(new Event.ActivationExited(SHELL, SHELL_START));
        h.step(new Event.SignalReceived(Signal.TERM));
        h.step(new Event.TimerFired(Timers.IDLE_KEY));
        assertEquals(1, Harness.of(h.all, Effect.SendSignal.class).size());
        h.stopAll();
        h.step(new Event.SignalReceived(Signal.TERM));
        assertEquals(1, exits(h));
    }

    @Test
    void AC_5_exitWaitsForEveryPendingReply() {
        Harness h = running(checked(svc("db")), svc("web"));
        long stop = h.request(new Request.Stop(List.of("web"), true));
        long reload = h.request(new Request.Reload());
        h.step(new Event.ActivationExited(SHELL, SHELL_START));
        assertInstanceOf(Response.ShuttingDown.class, h.replyTo(reload).orElseThrow());
        h.stopAll();
        assertEquals(0, h.resultOf(stop).exitCode());
        int replyIndex = h.all.indexOf(new Effect.Reply(stop, h.resultOf(stop)));
        assertTrue(replyIndex >= 0 && replyIndex < h.all.indexOf(new Effect.ExitDaemon()));
    }

    @Test
    void AC_6_upHoldsServicesWithoutActivation() {
        Harness h = new Harness(svc("db"));
        long id = h.request(new Request.Up(true, 0));
        assertEquals(List.of("db"), h.spawnedNames());
        h.bringUp();
        assertEquals(0, h.resultOf(id).exitCode());
        assertTrue(h.state.hold());
        h.advance(Duration.ofSeconds(10));
        h.step(new Event.TimerFired(Timers.IDLE_KEY));
        assertEquals(Phase.SERVING, h.state.phase(), "the hold keeps the daemon");
        h.request(new Request.Attach(SHELL, SHELL_START));
        h.step(new Event.ActivationExited(SHELL, SHELL_START));
        assertEquals(Phase.SERVING, h.state.phase());
        assertEquals(ServiceStatus.RUNNING, h.status("db"));
    }

    @Test
    void SD_1_downStopsEverythingRepliesThenExits() {
        Harness h = new Harness(svc("db"), svc("web", "db"));
        h.request(new Request.Up(true, 0));
        h.bringUp();
        long id = h.request(new Request.Down());
        assertEquals(List.of("web"), h.signalledNames());
        h.stopAll();
        assertEquals(0, h.resultOf(id).exitCode());
        assertEquals(new Effect.ExitDaemon(), h.last.getLast());
        assertFalse(h.state.hold());
    }

    @Test
    void SD_2_termStopsEverythingAndASecondTermChangesNothing() {
        Harness h = running(svc("db"), svc("web", "db"));
        h.step(new Event.SignalReceived(Signal.TERM));
        assertEquals(List.of("web"), h.signalledNames());
        h.step(new Event.SignalReceived(Signal.INT));
        assertTrue(h.last.isEmpty());
        assertEquals(List.of("web", "db"), h.stopAll());
        assertEquals(1, exits(h));
    }

    @Test
    void SD_2_hupReloads() {
        Harness h = running(svc("db"));
        h.step(new Event.SignalReceived(Signal.HUP));
        assertEquals(List.of(new Effect.LoadManifest(-1)), h.last);
    }

    @Test
    void idleDaemonWithoutActivationOrHoldExits() {
        Harness h = new Harness(svc("db"));
        assertEquals(List.of(new Effect.ScheduleTimer(Timers.IDLE_KEY, Duration.ofSeconds(10))), h.last);
        h.advance(Duration.ofSeconds(10));
        h.step(new Event.TimerFired(Timers.IDLE_KEY));
        assertEquals(List.of(new Effect.ExitDaemon()), h.last);
    }

    @Test
    void idleTimerAfterAnAttachDoesNothing() {
        Harness h = new Harness(svc("db")).attached();
        h.step(new Event.TimerFired(Timers.IDLE_KEY));
        assertTrue(h.last.isEmpty());
    }

    @Test
    void staleActivationExitIsIgnored() {
        Harness h = running(svc("db"));
        h.step(new Event.ActivationExited(SHELL, SHELL_START + 1));
        assertTrue(h.last.isEmpty());
        assertEquals(1, h.state.activationCount());
    }

    @Test
    void statusReportsViewsActivationsAndHold() {
        Harness h = running(svc("db"), svc("web"));
        long id = h.request(new Request.Status(List.of("web")));
        Response.StatusReport r = (Response.StatusReport) h.replyTo(id).orElseThrow();
        assertEquals(List.of("web"), r.services().stream().map(v -> v.name()).toList());
        assertEquals(1, r.activations());
        assertFalse(r.hold());
        long bad = h.request(new Request.Status(List.of("wbe")));
        assertEquals(2, h.errorOf(bad).exitCode());
    }

    @Test
    void aSecondHelloIsRefused() {
        Harness h = new Harness(svc("db"));
        long hello = h.request(new Request.Hello(1, "0.1.0"));
        assertEquals(2, h.errorOf(hello).exitCode());
    }

    @Test
    void clientGoneForgetsItsWait() {
        Harness h = new Harness(checked(svc("db"))).attached();
        long id = h.request(new Request.Start(List.of(), true, 60_000));
        long pid = h.spawned("db");
        h.step(new Event.ClientGone(id));
        assertTrue(h.last.contains(new Effect.CancelTimer(Waits.timerOf(id))));
        h.step(new Event.ProbePassed("db", pid));
        assertEquals(0, h.repliesTo(id));
        assertTrue(h.lastOf(Effect.Stream.class).isEmpty());
    }

    @Test
    void persistStateFollowsLiveProcesses() {
        Harness h = new Harness(svc("db")).attached();
        h.request(new Request.Start(List.of(), true, 0));
        long pid = h.spawned("db");
        long startTime = h.service("db").startTime();
        assertEquals(List.of(new Effect.PersistState(List.of(new Effect.LiveProcess("db", pid, startTime, Stop.DEFAULT, ".", Map.of())),
                List.of(new Effect.Activation(SHELL, SHELL_START)))), h.lastOf(Effect.PersistState.class));
        h.request(new Request.Status(List.of()));
        assertTrue(h.lastOf(Effect.PersistState.class).isEmpty());
        h.exit("db", 0);
        assertEquals(1, h.lastOf(Effect.PersistState.class).size());
    }

    @Test
    void startsWaitingWhenTeardownBeginsAreAnswered() {
        Harness h = new Harness(checked(svc("db"))).attached();
        long id = h.request(new Request.Start(List.of(), true, 0));
        h.spawned("db");
        h.step(new Event.ActivationExited(SHELL, SHELL_START));
        Response.Result r = h.resultOf(id);
        assertEquals(1, r.exitCode());
        assertEquals(List.of("db: not started: the environment is shutting down"), r.errors());
        h.stopAll();
        assertEquals(1, exits(h));
    }

    @Test
    void AC_9_aPendingActivationHoldsTheServicesUntilItsShellClaimsIt() {
        Harness h = new Harness(svc("db"));
        long id = h.request(new Request.Expect("t1"));
        assertEquals(0, h.resultOf(id).exitCode());
        assertTrue(h.last.contains(new Effect.ScheduleTimer(Activations.claimTimer("t1"), Activations.CLAIM_DEADLINE)));
        long start = h.request(new Request.Start(List.of(), true, 0));
        h.bringUp();
        assertEquals(0, h.resultOf(start).exitCode(), "a pending activation keeps services up (AC-7)");
        h.step(new Event.TimerFired(Timers.IDLE_KEY));
        assertEquals(Phase.SERVING, h.state.phase(), "a pending activation is not idle");

        h.step(new Event.ActivationClaimed("t1", 4242, 77));
        assertTrue(h.last.contains(new Effect.WatchActivation(4242, 77)));
        assertTrue(h.last.contains(new Effect.CancelTimer(Activations.claimTimer("t1"))));
        assertTrue(h.last.contains(new Effect.PersistState(h.state.liveProcesses(),
                List.of(new Effect.Activation(4242, 77)))), "the claimed shell is recorded for a successor");
        assertEquals(1, h.state.activationCount());
        assertTrue(h.state.pending().isEmpty());

        h.step(new Event.TimerFired(Activations.claimTimer("t1")));
        assertEquals(Phase.SERVING, h.state.phase(), "a claimed token's deadline changes nothing");
        h.step(new Event.ActivationExited(4242, 77));
        assertEquals(Phase.TEARING_DOWN, h.state.phase(), "the claiming shell is the activation");
    }

    @Test
    void AC_9_anUnclaimedActivationStopsHoldingAtItsDeadline() {
        Harness h = new Harness(svc("db"));
        h.request(new Request.Expect("t1"));
        h.request(new Request.Start(List.of(), true, 0));
        h.bringUp();
        h.step(new Event.TimerFired(Activations.claimTimer("t1")));
        assertEquals(Phase.TEARING_DOWN, h.state.phase(), "nothing holds the services any more");
        assertEquals(List.of("db"), h.stopAll());
    }

    @Test
    void AC_9_anUnclaimedActivationDoesNotEndOthers() {
        Harness h = new Harness(svc("db")).attached();
        h.request(new Request.Expect("t1"));
        h.step(new Event.TimerFired(Activations.claimTimer("t1")));
        assertEquals(Phase.SERVING, h.state.phase());
        assertEquals(1, h.state.activationCount());
    }

    @Test
    void AC_9_aLateClaimStillRegistersTheShellWhileServing() {
        Harness h = new Harness(svc("db")).attached();
        h.request(new Request.Expect("t1"));
        h.step(new Event.TimerFired(Activations.claimTimer("t1")));
        h.step(new Event.ActivationClaimed("t1", 4242, 77));
        assertEquals(2, h.state.activationCount());
    }

    @Test
    void AC_9_aTokenInUseIsRefused() {
        Harness h = new Harness(svc("db"));
        h.request(new Request.Expect("t1"));
        long again = h.request(new Request.Expect("t1"));
        assertInstanceOf(Response.Error.class, h.replyTo(again).orElseThrow());
    }
}
