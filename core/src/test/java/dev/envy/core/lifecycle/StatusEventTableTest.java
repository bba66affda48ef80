package dev.envy.core.lifecycle;

import dev.envy.core.manifest.Condition;
import dev.envy.core.manifest.Problem;
import dev.envy.core.manifest.RestartPolicy;
import dev.envy.core.manifest.ServiceSpec;
import dev.envy.core.manifest.Signal;
import dev.envy.core.manifest.Stop;
import dev.envy.core.manifest.Restart;
import dev.envy.core.protocol.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import static dev.envy.core.lifecycle.Harness.checked;
import static dev.envy.core.lifecycle.Harness.manifest;
import static dev.envy.core.lifecycle.Harness.svc;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every status (and phase) × every kind of event, including out-of-date and illegal ones: the supervisor never
 * throws, never starts a second process for a service, signals only processes it owns, answers each request at most
 * once, exits at most once and only with nothing live; an out-of-date event changes nothing at all.
 */
class StatusEventTableTest {

    private static ServiceSpec db() {
        return checked(svc("db")).toBuilder()
                .restart(new Restart(RestartPolicy.ON_FAILURE, Duration.ofSeconds(1), 3))
                .watchdog(Optional.of(Duration.ofSeconds(5)))
                .liveness(Optional.of(dev.envy.core.manifest.Liveness.of(
                        new dev.envy.core.manifest.Readiness.TcpCheck("localhost", 5432))))
                .watch(Optional.of(new dev.envy.core.manifest.PathWatch(List.of("db/**"), List.of(),
                        Duration.ofMillis(300))))
                .build();
    }

    private static ServiceSpec web() {
        return svc("web", Map.of("db", Condition.READY));
    }

    private record Fixture(String name, String subject, ServiceStatus status, Orphans orphans,
                           Consumer<Harness> setUp) {
        Fixture(String name, String subject, ServiceStatus status, Consumer<Harness> setUp) {
            this(name, subject, status, Orphans.NONE, setUp);
        }

        Harness build() {
            Harness h = new Harness(manifest(db(), web()), orphans).attached();
            setUp.accept(h);
            assertEquals(status, h.status(subject), () -> "fixture " + name + " is not in the status it names");
            return h;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static void start(Harness h, String... names) {
        h.request(new Request.Start(List.of(names), false, 0));
    }

    private static void runDb(Harness h) {
        start(h, "db");
        long pid = h.spawned("db");
        h.step(new Event.ProbePassed("db", pid));
    }

    static List<Fixture> fixtures() {
        return List.of(
                new Fixture("not-started", "db", ServiceStatus.NOT_STARTED, h -> { }),
                new Fixture("waiting", "web", ServiceStatus.WAITING, h -> start(h, "web")),
                new Fixture("blocked", "web", ServiceStatus.BLOCKED, h -> {
                    start(h, "web");
                    h.step(new Event.SpawnFailed("db", "boom"));
                }),
                new Fixture("starting/spawn-pending", "db", ServiceStatus.STARTING, h -> start(h, "db")),
                new Fixture("starting/probing", "db", ServiceStatus.STARTING, h -> {
                    start(h, "db");
                    h.spawned("db");
                }),
                new Fixture("running", "db", ServiceStatus.RUNNING, StatusEventTableTest::runDb),
                new Fixture("running/with-dependent", "web", ServiceStatus.RUNNING, h -> {
                    runDb(h);
                    start(h, "web");
                    h.spawned("web");
                }),
                new Fixture("stopping/signalled", "db", ServiceStatus.STOPPING, h -> {
                    runDb(h);
                    h.request(new Request.Stop(List.of("db"), true));
                }),
                new Fixture("stopping/awaiting-dependents", "db", ServiceStatus.STOPPING, h -> {
                    runDb(h);
                    start(h, "web");
                    h.spawned("web");
                    h.request(new Request.Stop(List.of(), true));
                }),
                new Fixture("stopping/spawn-pending", "db", ServiceStatus.STOPPING, h -> {
                    start(h, "db");
                    h.request(new Request.Stop(List.of("db"), false));
                }),
                new Fixture("stopping/restart", "db", ServiceStatus.STOPPING, h -> {
                    runDb(h);
                    h.request(new Request.Restart(List.of("db"), false, true, 0));
                }),
                new Fixture("stopping/readiness-timeout", "db", ServiceStatus.STOPPING, h -> {
                    start(h, "db");
                    h.spawned("db");
                    h.step(new Event.TimerFired(new TimerKey(TimerKey.Kind.READINESS_TIMEOUT, "db",
                            h.service("db").generation())));
                }),
                new Fixture("stopping/recovered", "db", ServiceStatus.STOPPING, new Orphans(List.of(
                        new Effect.LiveProcess("db", 4100, 1, Stop.DEFAULT, ".", Map.of())), Map.of()), h -> { }),
                new Fixture("stopping/recovered-not-in-the-manifest", "gone (pid 4200)", ServiceStatus.STOPPING,
                        new Orphans(List.of(), Map.of(4200L, "gone")), h -> { }),
                new Fixture("stopped", "db", ServiceStatus.STOPPED, h -> {
                    runDb(h);
                    h.request(new Request.Stop(List.of("db"), true));
                    h.exitSignalled();
                }),
                new Fixture("completed", "db", ServiceStatus.COMPLETED, h -> {
                    runDb(h);
                    h.exit("db", 0);
                }),
                new Fixture("failed", "db", ServiceStatus.FAILED, h -> {
                    start(h, "db");
                    h.step(new Event.SpawnFailed("db", "boom"));
                }),
                new Fixture("backoff", "db", ServiceStatus.BACKOFF, h -> {
                    runDb(h);
                    h.exit("db", 1);
                }),
                new Fixture("tearing-down", "db", ServiceStatus.STOPPING, h -> {
                    runDb(h);
                    h.step(new Event.ActivationExited(Harness.SHELL, Harness.SHELL_START));
                }),
                new Fixture("exited", "db", ServiceStatus.STOPPED, h -> {
                    runDb(h);
                    h.step(new Event.ActivationExited(Harness.SHELL, Harness.SHELL_START));
                    h.exitSignalled();
                }));
    }

    /** An event built against the fixture's state; {@code stale} ones must change nothing. */
    private record Probe(String name, boolean stale, Function<Harness, Event> event) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static long gen(Harness h, String s) {
        return h.service(s).generation();
    }

    static List<Probe> probes(String s) {
        List<Probe> p = new ArrayList<>();
        Map<String, Request> requests = new LinkedHashMap<>();
        requests.put("hello", new Request.Hello(1, "0.1.0"));
        requests.put("start-subject", new Request.Start(List.of(s), true, 5_000));
        requests.put("start-all", new Request.Start(List.of(), true, 0));
        requests.put("start-unknown", new Request.Start(List.of("nope"), true, 0));
        requests.put("stop-subject", new Request.Stop(List.of(s), true));
        requests.put("stop-all", new Request.Stop(List.of(), false));
        requests.put("restart-subject", new Request.Restart(List.of(s), false, true, 0));
        requests.put("restart-with-dependents", new Request.Restart(List.of("db"), true, true, 0));
        requests.put("restart-all", new Request.Restart(List.of(), false, false, 0));
        requests.put("status", new Request.Status(List.of()));
        requests.put("up", new Request.Up(true, 0));
        requests.put("down", new Request.Down());
        requests.put("attach-new", new Request.Attach(9555, 3));
        requests.put("attach-again", new Request.Attach(Harness.SHELL, Harness.SHELL_START));
        requests.put("reload", new Request.Reload());
        requests.put("hold", new Request.Hold());
        requests.put("watch", new Request.Watch());
        requests.put("expect", new Request.Expect("token"));
        requests.forEach((name, r) -> p.add(new Probe("request " + name, false,
                h -> new Event.ClientRequest(500, r))));
        p.add(new Probe("client-gone unknown", true, h -> new Event.ClientGone(999)));
        p.add(new Probe("client-gone earliest", false, h -> new Event.ClientGone(2)));
        p.add(new Probe("spawned new pid", false, h -> new Event.Spawned(s, 7001, 1)));
        p.add(new Probe("spawn-failed", false, h -> new Event.SpawnFailed(s, "no bash")));
        p.add(new Probe("port-taken of no allocated port", true,
                h -> new Event.PortTaken(s, "http", 8080, "port 8080 is already in use")));
        p.add(new Probe("exited current 0", false, h -> new Event.Exited(s, h.pid(s), 0, Optional.empty())));
        p.add(new Probe("exited current 1", false, h -> new Event.Exited(s, h.pid(s), 1, Optional.empty())));
        p.add(new Probe("exited current SIGSEGV", false,
                h -> new Event.Exited(s, h.pid(s), -1, Optional.of(new Signal(11, "SEGV")))));
        p.add(new Probe("exited stale pid", true, h -> new Event.Exited(s, 4242, 1, Optional.empty())));
        p.add(new Probe("exited unknown service", true, h -> new Event.Exited("ghost", 4243, 1, Optional.empty())));
        p.add(new Probe("probe-passed current", false, h -> new Event.ProbePassed(s, h.pid(s))));
        p.add(new Probe("probe-passed stale pid", true, h -> new Event.ProbePassed(s, 4242)));
        p.add(new Probe("notified current", false, h -> new Event.Notified(s, h.pid(s),
                NotifyMessage.parse("READY=1\nSTATUS=up\nMAINPID=4321\nWATCHDOG=1"))));
        p.add(new Probe("notified stale pid", true, h -> new Event.Notified(s, 4242, NotifyMessage.parse("READY=1"))));
        p.add(new Probe("liveness passed current", false, h -> new Event.LivenessChecked(s, h.pid(s), true)));
        p.add(new Probe("liveness failed current", false, h -> new Event.LivenessChecked(s, h.pid(s), false)));
        p.add(new Probe("liveness failed stale pid", true, h -> new Event.LivenessChecked(s, 4242, false)));
        p.add(new Probe("notified watchdog trigger", false, h -> new Event.Notified(s, h.pid(s),
                NotifyMessage.parse("WATCHDOG=trigger"))));
        p.add(new Probe("path changed", false, h -> new Event.PathChanged(s, "db/x")));
        p.add(new Probe("path changed unknown service", true, h -> new Event.PathChanged("ghost", "db/x")));
        p.add(new Probe("timer PATHS_CHANGED", false, h -> new Event.TimerFired(new TimerKey(
                TimerKey.Kind.PATHS_CHANGED, s, 0))));
        p.add(new Probe("timer PATHS_CHANGED unknown service", true, h -> new Event.TimerFired(new TimerKey(
                TimerKey.Kind.PATHS_CHANGED, "ghost", 0))));
        for (TimerKey.Kind kind : EnumSet.of(TimerKey.Kind.STOP_TIMEOUT, TimerKey.Kind.READINESS_TIMEOUT,
                TimerKey.Kind.BACKOFF, TimerKey.Kind.LIVENESS, TimerKey.Kind.WATCHDOG)) {
            p.add(new Probe("timer " + kind + " current", false,
                    h -> new Event.TimerFired(new TimerKey(kind, s, gen(h, s)))));
            p.add(new Probe("timer " + kind + " stale generation", true,
                    h -> new Event.TimerFired(new TimerKey(kind, s, gen(h, s) + 100))));
            p.add(new Probe("timer " + kind + " unknown service", true,
                    h -> new Event.TimerFired(new TimerKey(kind, "ghost", 1))));
        }
        p.add(new Probe("timer REQUEST earliest", false, h -> new Event.TimerFired(Waits.timerOf(2))));
        p.add(new Probe("timer REQUEST garbage", true,
                h -> new Event.TimerFired(new TimerKey(TimerKey.Kind.REQUEST, "x", 0))));
        p.add(new Probe("timer IDLE", false, h -> new Event.TimerFired(Timers.IDLE_KEY)));
        p.add(new Probe("activation-exited current", false,
                h -> new Event.ActivationExited(Harness.SHELL, Harness.SHELL_START)));
        p.add(new Probe("activation-claimed unknown token", false,
                h -> new Event.ActivationClaimed("token", 9556, 4)));
        p.add(new Probe("timer CLAIM unknown token", true,
                h -> new Event.TimerFired(Activations.claimTimer("token"))));
        p.add(new Probe("activation-exited stale", true,
                h -> new Event.ActivationExited(Harness.SHELL, Harness.SHELL_START + 1)));
        p.add(new Probe("manifest-loaded same", false, h -> new Event.ManifestLoaded(-1, h.state.manifest(),
                h.state.environments())));
        p.add(new Probe("manifest-loaded changed", false, h -> new Event.ManifestLoaded(-1,
                manifest(db().toBuilder()
                        .stop(new Stop(Signal.INT, Duration.ofSeconds(2), Optional.empty())).build(), svc("other")),
                Environments.NONE)));
        p.add(new Probe("manifest-rejected", false, h -> new Event.ManifestRejected(-1,
                List.of(new Problem("envy.toml", 1, 1, "bad", Optional.empty())), "invalid")));
        p.add(new Probe("signal HUP", false, h -> new Event.SignalReceived(Signal.HUP)));
        p.add(new Probe("signal TERM", false, h -> new Event.SignalReceived(Signal.TERM)));
        p.add(new Probe("signal INT", false, h -> new Event.SignalReceived(Signal.INT)));
        p.add(new Probe("signal USR1", true, h -> new Event.SignalReceived(new Signal(10, "USR1"))));
        return p;
    }

    static Stream<Arguments> everyStatusAndEvent() {
        return fixtures().stream().flatMap(f -> probes(f.subject()).stream().map(p -> Arguments.of(f, p)));
    }

    @Test
    void everyStatusHasAFixture() {
        Set<ServiceStatus> covered = new HashSet<>();
        fixtures().forEach(f -> covered.add(f.status()));
        assertEquals(EnumSet.allOf(ServiceStatus.class), covered);
    }

    @ParameterizedTest(name = "{0} × {1}")
    @MethodSource("everyStatusAndEvent")
    void eventIsHandledSafely(Fixture fixture, Probe probe) {
        Harness h = fixture.build();
        SupervisorState before = h.state;
        int effectsBefore = h.all.size();
        Event event = probe.event().apply(h);
        List<Effect> effects = assertDoesNotThrow(() -> h.step(event), () -> fixture + " × " + probe);

        if (probe.stale()) {
            assertEquals(before, h.state, "an out-of-date event changes no state");
            assertEquals(List.of(), effects, "an out-of-date event has no effect");
        }
        for (Effect e : effects) {
            switch (e) {
                case Effect.Spawn sp -> {
                    ServiceState was = before.services().get(sp.service());
                    boolean processGoneNow = event instanceof Event.Exited x && x.service().equals(sp.service());
                    assertTrue(was == null || processGoneNow || !(was.hasProcess() || was.spawnPending()),
                            "no second process for " + sp.service());
                    assertTrue(h.state.services().get(sp.service()).spawnPending());
                }
                case Effect.SendSignal sig -> assertOwned(before, h.state, sig.service(), sig.pid());
                case Effect.RunShutdownCommand c -> assertOwned(before, h.state, c.service(), c.pid());
                case Effect.KillTree k -> {
                    boolean stray = event instanceof Event.Spawned sp && sp.pid() == k.pid();
                    assertTrue(stray || owned(before, h.state, k.service(), k.pid()), "kills only its own: " + k);
                }
                case Effect.ExitDaemon x -> assertTrue(h.state.services().values().stream().noneMatch(ServiceState::live),
                        "exits only with nothing live");
                default -> { }
            }
        }
        List<Long> replied = Harness.of(h.all, Effect.Reply.class).stream().map(Effect.Reply::requestId).toList();
        assertEquals(replied.size(), new HashSet<>(replied).size(), "each request is answered at most once");
        assertTrue(Harness.of(h.all, Effect.ExitDaemon.class).size() <= 1, "the daemon exits at most once");
        assertTrue(h.all.size() >= effectsBefore);
    }

    private static boolean owned(SupervisorState before, SupervisorState after, String service, long pid) {
        return pidOf(before, service) == pid || pidOf(after, service) == pid;
    }

    private static long pidOf(SupervisorState s, String service) {
        ServiceState st = s.services().get(service);
        return st == null ? -1 : st.pid();
    }

    private static void assertOwned(SupervisorState before, SupervisorState after, String service, long pid) {
        assertTrue(pid > 0 && owned(before, after, service, pid), "signals only its own process: " + service + " " + pid);
    }
}
