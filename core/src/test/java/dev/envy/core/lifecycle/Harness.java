package dev.envy.core.lifecycle;

import dev.envy.core.manifest.Condition;
import dev.envy.core.manifest.Manifest;
import dev.envy.core.manifest.Readiness;
import dev.envy.core.manifest.ServiceSpec;
import dev.envy.core.manifest.Signal;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Drives the supervisor by hand: a fixed clock advanced explicitly, and the daemon's side played by the test. */
final class Harness {
    static final Instant T0 = Instant.parse("2026-11-22T01:00:00Z");
    static final long SHELL = 9000;
    static final long SHELL_START = 77;

    Instant now = T0;
    SupervisorState state;
    final List<Effect> all = new ArrayList<>();
    List<Effect> last;
    private long nextPid = 100;
    private long nextRequest = 1;

    Harness(ServiceSpec... specs) {
        this(manifest(specs));
    }

    Harness(Manifest manifest) {
        this(manifest, Orphans.NONE);
    }

    /** A daemon that starts where a killed predecessor left {@code orphans} running (CS-8). */
    Harness(Manifest manifest, Orphans orphans) {
        Transition t = Supervisor.start(manifest, Environments.NONE, orphans, now);
        state = t.state();
        last = t.effects();
        all.addAll(last);
    }

    static Manifest manifest(ServiceSpec... specs) {
        Map<String, ServiceSpec> services = new LinkedHashMap<>();
        Arrays.stream(specs).forEach(s -> services.put(s.name(), s));
        return new Manifest(Path.of("envy.toml"), 1, Map.of(), Manifest.Hook.NONE, Manifest.Profile.NONE, true,
                Manifest.Options.DEFAULTS, services);
    }

    static ServiceSpec svc(String name, String... dependsOnStarted) {
        Map<String, Condition> deps = new LinkedHashMap<>();
        for (String d : dependsOnStarted) {
            deps.put(d, Condition.STARTED);
        }
        return ServiceSpec.builder(name, "run-" + name).dependsOn(deps).build();
    }

    static ServiceSpec svc(String name, Map<String, Condition> deps) {
        return ServiceSpec.builder(name, "run-" + name).dependsOn(deps).build();
    }

    static ServiceSpec checked(ServiceSpec spec) {
        return spec.toBuilder().readiness(Readiness.of(new Readiness.TcpCheck("localhost", 5432))).build();
    }

    static Readiness http() {
        return Readiness.of(new Readiness.HttpCheck(URI.create("http://localhost:8080/")));
    }

    List<Effect> step(Event e) {
        Transition t = Supervisor.step(state, e, now);
        state = t.state();
        last = t.effects();
        all.addAll(last);
        return last;
    }

    /** Sends {@code r}; a restart's read of envy.toml (RS-8) is answered with the applied manifest, unchanged. */
    long request(Request r) {
        long id = nextRequest++;
        step(new Event.ClientRequest(id, r));
        if (last.contains(new Effect.LoadManifest(id, false))) {
            step(new Event.ManifestLoaded(id, state.manifest(), state.environments()));
        }
        return id;
    }

    /** Sends {@code r} and leaves its read of envy.toml unanswered (the test answers it). */
    long requestOnly(Request r) {
        long id = nextRequest++;
        step(new Event.ClientRequest(id, r));
        return id;
    }

    void advance(Duration d) {
        now = now.plus(d);
    }

    Harness attached() {
        request(new Request.Attach(SHELL, SHELL_START));
        return this;
    }

    /** Answers every pending spawn with a fresh pid, in the order the Spawn effects were emitted. */
    List<String> spawnPending() {
        List<String> spawned = new ArrayList<>();
        for (Effect.Spawn s : of(last, Effect.Spawn.class)) {
            ServiceState st = state.services().get(s.service());
            if (st != null && st.spawnPending()) {
                spawned.add(s.service());
            }
        }
        for (String name : spawned) {
            step(new Event.Spawned(name, nextPid++, 1000 + nextPid));
        }
        return spawned;
    }

    /** Spawns level after level until nothing is pending; every service with a check passes it at once. */
    void bringUp() {
        for (int i = 0; i < 20; i++) {
            List<String> pending = state.services().values().stream().filter(ServiceState::spawnPending)
                    .map(ServiceState::name).toList();
            List<String> probing = state.services().values().stream()
                    .filter(s -> s.status() == ServiceStatus.STARTING && s.pid() > 0).map(ServiceState::name).toList();
            if (pending.isEmpty() && probing.isEmpty()) {
                settle();
                return;
            }
            for (String name : pending) {
                step(new Event.Spawned(name, nextPid++, 1000 + nextPid));
            }
            for (String name : probing) {
                step(new Event.ProbePassed(name, pid(name)));
            }
        }
    }

    /** ST-10: lets the settle window of every running service without a check pass. */
    void settle() {
        List<ServiceState> unsettled = state.services().values().stream()
                .filter(s -> !Settling.settled(s, now)).toList();
        if (unsettled.isEmpty()) {
            return;
        }
        advance(Settling.WINDOW);
        for (ServiceState s : unsettled) {
            step(new Event.TimerFired(new TimerKey(TimerKey.Kind.SETTLE, s.name(), s.generation())));
        }
    }

    long spawned(String name) {
        long pid = nextPid++;
        step(new Event.Spawned(name, pid, 1000 + pid));
        return pid;
    }

    void exit(String name, int code) {
        step(new Event.Exited(name, pid(name), code, Optional.empty()));
    }

    void killedBy(String name, Signal signal) {
        step(new Event.Exited(name, pid(name), -1, Optional.of(signal)));
    }

    /** Answers every signal / shutdown command sent in the last step by the process exiting. */
    List<String> exitSignalled() {
        List<String> order = new ArrayList<>();
        for (Effect e : last) {
            if (e instanceof Effect.SendSignal s) {
                order.add(s.service());
            } else if (e instanceof Effect.RunShutdownCommand c) {
                order.add(c.service());
            }
        }
        for (String name : order) {
            step(new Event.Exited(name, pid(name), 0, Optional.empty()));
        }
        return order;
    }

    /** Lets every stopping service go, level by level; returns the order they were signalled in. */
    List<String> stopAll() {
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            List<String> signalled = state.services().values().stream()
                    .filter(s -> s.status() == ServiceStatus.STOPPING && s.signalled()).map(ServiceState::name)
                    .toList();
            if (signalled.isEmpty()) {
                return order;
            }
            for (String name : signalled) {
                order.add(name);
                step(new Event.Exited(name, pid(name), 0, Optional.empty()));
            }
        }
        return order;
    }

    long pid(String name) {
        return state.services().get(name).pid();
    }

    ServiceStatus status(String name) {
        return state.services().get(name).status();
    }

    ServiceState service(String name) {
        return state.services().get(name);
    }

    static <T extends Effect> List<T> of(List<Effect> effects, Class<T> type) {
        return effects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends Effect> List<T> lastOf(Class<T> type) {
        return of(last, type);
    }

    List<String> spawnedNames() {
        return lastOf(Effect.Spawn.class).stream().map(Effect.Spawn::service).toList();
    }

    List<String> signalledNames() {
        return lastOf(Effect.SendSignal.class).stream().map(Effect.SendSignal::service).toList();
    }

    Optional<Response> replyTo(long requestId) {
        return of(all, Effect.Reply.class).stream().filter(r -> r.requestId() == requestId)
                .map(Effect.Reply::response).findFirst();
    }

    long repliesTo(long requestId) {
        return of(all, Effect.Reply.class).stream().filter(r -> r.requestId() == requestId).count();
    }

    Response.Result resultOf(long requestId) {
        Response r = replyTo(requestId).orElseThrow(() -> new AssertionError("no reply to request " + requestId
                + " yet; effects so far: " + all));
        if (r instanceof Response.Result result) {
            return result;
        }
        throw new AssertionError("expected a Result for request " + requestId + " but got " + r);
    }

    Response.Error errorOf(long requestId) {
        Response r = replyTo(requestId).orElseThrow(() -> new AssertionError("no reply to request " + requestId));
        if (r instanceof Response.Error error) {
            return error;
        }
        throw new AssertionError("expected an Error for request " + requestId + " but got " + r);
    }
}
