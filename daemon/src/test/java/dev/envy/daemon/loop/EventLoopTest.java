package dev.envy.daemon.loop;

import dev.envy.core.lifecycle.Effect;
import dev.envy.core.lifecycle.Event;
import dev.envy.core.lifecycle.NotifyMessage;
import dev.envy.core.lifecycle.TimerKey;
import dev.envy.core.lifecycle.Transition;
import dev.envy.core.manifest.Readiness;
import dev.envy.core.manifest.Stop;
import dev.envy.core.manifest.Signal;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import dev.envy.core.protocol.ServiceView;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventLoopTest {
    private final EventQueue queue = new EventQueue();
    private final Clients clients = new Clients(queue);
    private final ManualTimers timers = new ManualTimers(queue);
    private final Fakes.Processes processes = new Fakes.Processes();
    private final Fakes.Probes probes = new Fakes.Probes();
    private final Fakes.Activations activations = new Fakes.Activations();
    private final Fakes.Manifests manifests = new Fakes.Manifests();
    private final Fakes.Host host = new Fakes.Host();
    private final Fakes.Log log = new Fakes.Log();
    private final Fakes.Notify notify = new Fakes.Notify();
    private final List<Event> seen = new ArrayList<>();
    private final List<Instant> seenAt = new ArrayList<>();
    private final Instant t0 = Instant.parse("2026-11-22T01:00:00Z");
    private Function<Event, List<Effect>> script = e -> List.of();
    private EventLoop loop;

    private EventLoop loop() {
        if (loop == null) {
            EffectExecutor executor = new EffectExecutor(queue, clients, new EffectExecutor.Ports(timers, processes,
                    probes, activations, manifests, host, Runnable::run, log, notify));
            StateMachine machine = (state, event, now) -> {
                seen.add(event);
                seenAt.add(now);
                return new Transition(state, script.apply(event));
            };
            loop = new EventLoop(queue, machine, executor, InstantSource.fixed(t0), log);
        }
        return loop;
    }

    private void start(Effect... effects) {
        loop().apply(new Transition(null, List.of(effects)));
        loop().drain();
    }

    private static Effect.Spawn spawn(String name) {
        return new Effect.Spawn(name, "sleep 100", ".", Map.of("ENVY_SERVICE", name), false, false, false, List.of());
    }

    private static Effect.LiveProcess live(String service, long pid, long startTime) {
        return new Effect.LiveProcess(service, pid, startTime, Stop.DEFAULT, ".", Map.of());
    }

    @Test
    void effectsAreCarriedOutInOrderAndSpawnsBecomeSpawnedEvents() {
        start(spawn("db"), spawn("web"));

        assertEquals(List.of("spawn db 100", "spawn web 101"), processes.actions);
        assertEquals(List.of(new Event.Spawned("db", 100, 5100), new Event.Spawned("web", 101, 5101)),
                seen.stream().map(e -> e instanceof Event.Spawned s ? new Event.Spawned(s.service(), s.pid(),
                        s.startTime()) : e).toList());
        assertTrue(seen.stream().allMatch(e -> e instanceof Event.Spawned s && s.at().isPresent()),
                "a spawn carries its instant (ST-10: the settle window counts from it)");
        assertEquals(List.of(t0, t0), seenAt, "every event is stamped with the injected clock");
    }

    @Test
    void aProcessExitBecomesAnExitedEventWithItsCodeOrSignal() {
        start(spawn("db"), spawn("web"));
        processes.exits.get("db").complete(new ProcessPort.Exit(3, Optional.empty()));
        processes.exits.get("web").complete(new ProcessPort.Exit(-1, Optional.of(Signal.KILL)));
        loop().drain();

        assertEquals(new Event.Exited("db", 100, 3, Optional.empty()), seen.get(2));
        assertEquals(new Event.Exited("web", 101, -1, Optional.of(Signal.KILL)), seen.get(3));
        assertTrue(log.lines.contains("INFO db (pid 100) exited with code 3"), log.lines.toString());
    }

    @Test
    void aSpawnThatCannotHappenBecomesSpawnFailed() {
        processes.failing.add("db");
        start(spawn("db"));

        assertEquals(List.of(new Event.SpawnFailed("db", "no such directory: .")), seen);
    }

    @Test
    void signalsKillsAndShutdownCommandsReachTheProcesses() {
        start(new Effect.SendSignal("db", 42, Signal.INT), new Effect.KillTree("db", 42),
                new Effect.RunShutdownCommand("pg", 43, "pg_ctl stop", ".", Map.of()));

        assertEquals(List.of("signal 42 INT", "kill 42", "shutdown pg pg_ctl stop"), processes.actions);
    }

    @Test
    void theStopSignalsOfOneTransitionGoOutTogetherBeforeAnythingButTimers() {
        TimerKey t1 = new TimerKey(TimerKey.Kind.STOP_TIMEOUT, "db", 1);
        TimerKey t2 = new TimerKey(TimerKey.Kind.STOP_TIMEOUT, "web", 2);
        start(new Effect.SendSignal("db", 42, Signal.TERM), new Effect.ScheduleTimer(t1, Duration.ofSeconds(10)),
                new Effect.SendSignal("web", 43, Signal.INT), new Effect.ScheduleTimer(t2, Duration.ofSeconds(10)),
                new Effect.KillTree("cache", 44), new Effect.SendSignal("cache", 45, Signal.TERM));

        assertEquals(List.of("signal all [42 TERM, 43 INT]", "kill 44", "signal 45 TERM"), processes.actions);
        timers.advance(Duration.ofSeconds(10));
        loop().drain();
        assertEquals(List.of(new Event.TimerFired(t1), new Event.TimerFired(t2)), seen, "the timers were scheduled");
        assertEquals(List.of("INFO stopping db: SIGTERM to process group 42",
                "INFO stopping web: SIGINT to process group 43"), log.lines.subList(0, 2));
    }

    @Test
    void onlyTheLastStateOfABurstIsPersistedAndAlwaysBeforeAReply() {
        Fakes.Channel client = new Fakes.Channel();
        script = e -> switch (e) {
            case Event.Spawned s -> List.of(new Effect.PersistState(
                    List.of(live(s.service(), s.pid(), s.startTime())), List.of()));
            case Event.ClientRequest r -> List.of(new Effect.PersistState(List.of(), List.of()),
                    new Effect.Reply(r.requestId(), new Response.Result(0, List.of(), List.of(), List.of())));
            default -> List.of();
        };
        start(spawn("db"), spawn("web"), spawn("cache"));

        assertEquals(List.of("persist 1 0"), host.actions, "three snapshots queued, the last one written");

        clients.accept(new Request.Status(List.of()), client);
        loop().drain();

        assertEquals(List.of("persist 1 0", "persist 0 0"), host.actions);
        assertEquals(1, client.replies.size());
    }

    @Test
    void aClientRequestIsFedWithItsIdAndTheReplyGoesToThatClientOnly() {
        Fakes.Channel first = new Fakes.Channel();
        Fakes.Channel second = new Fakes.Channel();
        script = e -> e instanceof Event.ClientRequest r && r.request() instanceof Request.Down
                ? List.of(new Effect.Stream(r.requestId(), new Response.Progress("db", "stopping", "")),
                        new Effect.Reply(r.requestId(), new Response.Result(0, List.of("done"), List.of(), List.of())))
                : List.of();
        start();
        clients.accept(new Request.Status(List.of()), first);
        clients.accept(new Request.Down(), second);
        loop().drain();

        assertEquals(new Event.ClientRequest(2, new Request.Down()), seen.get(1));
        assertEquals(List.of(), first.replies, "the status request has not been answered yet");
        assertEquals(List.of(new Response.Progress("db", "stopping", "")), second.streamed);
        assertEquals(List.of(new Response.Result(0, List.of("done"), List.of(), List.of())), second.replies);
    }

    @Test
    void aClientThatHangsUpBeforeItsReplyBecomesClientGoneButNotAfterIt() {
        script = e -> e instanceof Event.ClientRequest r && r.requestId() == 2
                ? List.of(new Effect.Reply(2, new Response.Result(0, List.of(), List.of(), List.of())))
                : List.of();
        start();
        Runnable hangUp1 = clients.accept(new Request.Up(true, 1000), new Fakes.Channel());
        Runnable hangUp2 = clients.accept(new Request.Status(List.of()), new Fakes.Channel());
        loop().drain();
        hangUp1.run();
        hangUp2.run();
        loop().drain();

        assertEquals(List.of(new Event.ClientGone(1)), seen.subList(2, seen.size()));
    }

    @Test
    void CS_8_anAdoptedGroupThatIsGoneBecomesExitedWithNoStatus() {
        start(new Effect.Adopt("db", 7));
        processes.adopted.get(7L).complete(null);
        loop().drain();

        assertEquals(List.of("adopt 7"), processes.actions);
        assertEquals(List.of(new Event.Exited("db", 7, -1, Optional.empty())), seen);
        assertTrue(log.lines.contains("INFO db (pid 7) is gone"), log.lines.toString());
    }

    @Test
    void ST_9_aFailedServiceInAFailingResultComesWithTheLastTenLogLinesOfItsLastRun() {
        List<String> lines = new ArrayList<>(List.of("earlier run 1", "earlier run 2"));
        host.logs.put("db", lines);
        start(spawn("db"));
        for (int i = 1; i <= 12; i++) {
            lines.add("line " + i);
        }
        ServiceView failed = new ServiceView("db", "failed", false, -1, 0, 0, 0, 3, null, null);
        ServiceView blocked = new ServiceView("web", "blocked", false, -1, 0, 0, 0, -1, null, "blocked by db");
        script = e -> e instanceof Event.ClientRequest r
                ? List.of(new Effect.Reply(r.requestId(), new Response.Result(1, List.of(),
                List.of("db: failed with exit code 3"), List.of(failed, blocked)), List.of("db", "web")))
                : List.of();
        Fakes.Channel client = new Fakes.Channel();
        clients.accept(new Request.Start(List.of(), true, 1000), client);
        loop().drain();

        Response.Result result = (Response.Result) client.replies.getFirst();
        assertEquals(List.of("db: failed with exit code 3"), result.errors());
        List<String> lastTen = lines.subList(4, 14);
        assertEquals(List.of(new Response.LogTail("db", lastTen)), result.logTails(),
                "this run's last ten lines of db; none for web, which was never spawned");
    }

    @Test
    void UP_3_aStatusReportSaysWhetherTheManifestOnDiskChangedSinceItWasApplied() {
        manifests.stale = true;
        script = e -> e instanceof Event.ClientRequest r
                ? List.of(new Effect.Reply(r.requestId(), new Response.StatusReport(List.of(), false, 1, true)))
                : List.of();
        start();
        Fakes.Channel client = new Fakes.Channel();
        clients.accept(new Request.Status(List.of()), client);
        loop().drain();

        assertEquals(new Response.StatusReport(List.of(), true, 1, true), client.replies.getFirst());
    }

    @Test
    void aScheduledTimerFiresAsAnEventAndACancelledOneDoesNot() {
        TimerKey stop = new TimerKey(TimerKey.Kind.STOP_TIMEOUT, "db", 1);
        TimerKey idle = new TimerKey(TimerKey.Kind.IDLE, "", 0);
        start(new Effect.ScheduleTimer(stop, Duration.ofSeconds(10)), new Effect.ScheduleTimer(idle,
                Duration.ofSeconds(5)), new Effect.CancelTimer(idle));
        timers.advance(Duration.ofSeconds(9));
        loop().drain();
        assertEquals(List.of(), seen);

        timers.advance(Duration.ofSeconds(1));
        loop().drain();
        assertEquals(List.of(new Event.TimerFired(stop)), seen);
    }

    @Test
    void outputLinesReachTheServicesLogProbeUntilItIsStopped() {
        Readiness byLog = Readiness.of(new Readiness.LogCheck(Pattern.compile("listening")));
        start(new Effect.Spawn("web", "serve", ".", Map.of(), false, true, false, List.of()),
                new Effect.StartProbe("web", 100, byLog, ".", Map.of()));
        processes.lines.get("web").accept("booting");
        probes.passed.get("web").run();
        loop().drain();
        start(new Effect.StopProbe("web"));
        processes.lines.get("web").accept("after");

        assertEquals(List.of("booting"), probes.lines.get("web"));
        assertEquals(List.of("web"), probes.closed);
        assertEquals(new Event.ProbePassed("web", 100), seen.getLast());
    }

    @Test
    void linesPrintedBeforeTheLogProbeStartsStillReachIt() {
        Readiness byLog = Readiness.of(new Readiness.LogCheck(Pattern.compile("ready")));
        start(new Effect.Spawn("cache", "serve", ".", Map.of(), false, true, false, List.of()));
        processes.lines.get("cache").accept("ready to accept connections");
        start(new Effect.StartProbe("cache", 100, byLog, ".", Map.of()));
        processes.lines.get("cache").accept("later");

        assertEquals(List.of("ready to accept connections", "later"), probes.lines.get("cache"));
    }

    @Test
    void RD_1_aNotifyServiceGetsItsOwnSocketAndWhatItSendsBecomesNotified() {
        start(new Effect.Spawn("api", "serve", ".", Map.of("A", "1"), false, false, true, List.of()));
        notify.sockets.get("api").datagrams.accept("READY=1\nSTATUS=Serving");
        loop().drain();

        assertEquals("/run/notify/api", processes.environments.get("api").get("NOTIFY_SOCKET"));
        assertEquals("1", processes.environments.get("api").get("A"));
        assertEquals(new Event.Notified("api", 100, NotifyMessage.parse("READY=1\nSTATUS=Serving")), seen.getLast());

        processes.exits.get("api").complete(new ProcessPort.Exit(0, java.util.Optional.empty()));
        loop().drain();
        assertTrue(notify.sockets.get("api").closed, "the socket of a process that exited is closed");
    }

    @Test
    void aServiceWithoutNotifyGetsNoSocket() {
        start(spawn("web"));
        assertEquals(null, processes.environments.get("web").get("NOTIFY_SOCKET"));
        assertTrue(notify.sockets.isEmpty());
    }

    @Test
    void anActivationThatExitsBecomesActivationExited() {
        start(new Effect.WatchActivation(4242, 99));
        activations.watched.get(4242L).run();
        loop().drain();

        assertEquals(List.of(new Event.ActivationExited(4242, 99)), seen);
    }

    @Test
    void aManifestLoadIsDoneInTheBackgroundAndItsOutcomeFedBack() {
        manifests.answer = new Event.ManifestRejected(7, List.of(), "envy.toml is invalid");
        start(new Effect.LoadManifest(7));

        assertEquals(List.of(manifests.answer), seen);
    }

    @Test
    void persistAndTheDeactivateHookAreTheHostsChores() {
        start(new Effect.PersistState(List.of(live("db", 1, 2)), List.of()),
                new Effect.RunDeactivateHook("echo bye", Map.of()));

        assertEquals(List.of("persist 1 0", "deactivate-hook echo bye"), host.actions);
    }

    @Test
    void CS_7_exitEndsTheLoopAndLaterRequestsAreAnsweredShuttingDown() {
        script = e -> e instanceof Event.ClientRequest r
                ? List.of(new Effect.Reply(r.requestId(), new Response.Result(0, List.of("stopped"), List.of(),
                List.of())), new Effect.ExitDaemon())
                : List.of();
        start();
        Fakes.Channel down = new Fakes.Channel();
        Fakes.Channel late = new Fakes.Channel();
        clients.accept(new Request.Down(), down);
        assertFalse(loop().drain(), "the loop ends after ExitDaemon");
        clients.accept(new Request.Up(true, 1000), late);

        assertEquals(List.of(new Response.Result(0, List.of("stopped"), List.of(), List.of())), down.replies,
                "the reply is sent before the daemon exits");
        assertEquals(List.of(new Response.ShuttingDown()), late.replies);
        assertEquals(List.of("exit"), host.actions);
        assertTrue(timers.closed);
    }

    @Test
    void requestsStillOpenAtExitAreAnsweredRatherThanDropped() {
        script = e -> e instanceof Event.ClientRequest r && r.request() instanceof Request.Down
                ? List.of(new Effect.ExitDaemon()) : List.of();
        start();
        Fakes.Channel waiting = new Fakes.Channel();
        clients.accept(new Request.Status(List.of()), waiting);
        clients.accept(new Request.Down(), new Fakes.Channel());
        loop().drain();

        assertEquals(List.of(new Response.ShuttingDown()), waiting.replies);
    }

    @Test
    void aSupervisorFailureIsLoggedAndTheLoopGoesOn() {
        script = e -> {
            if (e instanceof Event.SignalReceived) {
                throw new IllegalStateException("boom");
            }
            return List.of();
        };
        start();
        queue.post(new Event.SignalReceived(Signal.HUP));
        queue.post(new Event.ActivationExited(1, 1));
        assertTrue(loop().drain());

        assertEquals(2, seen.size());
        assertTrue(log.lines.stream().anyMatch(l -> l.startsWith("ERROR the supervisor failed on SignalReceived")));
    }
}
