package dev.envy.core.lifecycle;

import dev.envy.core.manifest.Manifest;
import dev.envy.core.manifest.ServiceSpec;
import dev.envy.core.manifest.Signal;
import dev.envy.core.protocol.Response;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pure state machine of one environment: {@code (State, Event) -> (State, List<Effect>)}, time passed in.
 *
 * <p>Every step: apply the event, let the {@link Reconciler} move services as far as they can go, answer the
 * requests whose wait is over, record state.json when the live processes or activations changed, and exit once a
 * teardown has stopped everything and answered everyone.
 */
public final class Supervisor {
    private Supervisor() {
    }

    /**
     * A freshly started daemon's state for {@code manifest}: nothing started, the idle timer running, and what a killed
     * predecessor left running ({@code orphans}, CS-8) being stopped, and recorded in state.json until it is gone.
     */
    public static Transition start(Manifest manifest, Environments environments, Orphans orphans, Instant now) {
        Map<String, ServiceState> services = new LinkedHashMap<>();
        for (ServiceSpec spec : manifest.services().values()) {
            services.put(spec.name(), ServiceState.notStarted(spec, now));
        }
        Step st = new Step(new SupervisorState(manifest, environments, services, Map.of(), false, Phase.SERVING,
                List.of(), 1, false, Map.of(), List.of(), java.util.Set.of()), now);
        st.schedule(Timers.IDLE_KEY, Timers.IDLE);
        if (!PathChanges.of(manifest).isEmpty()) {
            st.emit(new Effect.WatchPaths(PathChanges.of(manifest)));
        }
        if (!orphans.isEmpty()) {
            RecoveryPlanner.adopt(st, orphans);
            Reconciler.run(st);
            List<Effect.LiveProcess> live = st.freeze().liveProcesses();
            st.emit(new Effect.PersistState(live, List.of(), stopLevels(st, live)));
        }
        return new Transition(st.freeze(), st.effects);
    }

    /** Feeds one event; never throws for any state × event pair. */
    public static Transition step(SupervisorState state, Event event, Instant now) {
        if (state.phase() == Phase.EXITED) {
            if (event instanceof Event.ClientRequest r) {
                return new Transition(state, List.of(new Effect.Reply(r.requestId(), new Response.ShuttingDown())));
            }
            return new Transition(state, List.of());
        }
        Step st = new Step(state, now);
        switch (event) {
            case Event.ClientRequest r -> Requests.handle(st, r.requestId(), r.request());
            case Event.ClientGone g -> Waits.forget(st, g.requestId());
            case Event.Spawned s -> ProcessEvents.spawned(st, s);
            case Event.SpawnFailed f -> ProcessEvents.spawnFailed(st, f);
            case Event.PortTaken p -> PortAllocation.taken(st, p);
            case Event.Exited e -> ProcessEvents.exited(st, e);
            case Event.ProbePassed p -> ProcessEvents.probePassed(st, p);
            case Event.Notified n -> ProcessEvents.notified(st, n);
            case Event.LivenessChecked l -> Health.livenessChecked(st, l);
            case Event.PathChanged c -> PathChanges.changed(st, c);
            case Event.TimerFired t -> Timers.fired(st, t.key());
            case Event.ActivationClaimed c -> Activations.claimed(st, c.token(), c.pid(), c.startTime());
            case Event.ActivationExited a -> Activations.exited(st, a.pid(), a.startTime());
            case Event.ManifestLoaded m -> {
                if (!RestartPlanner.loaded(st, m)) {
                    ReloadPlanner.loaded(st, m);
                }
            }
            case Event.ManifestRejected m -> {
                if (!RestartPlanner.rejected(st, m)) {
                    ReloadPlanner.rejected(st, m);
                }
            }
            case Event.SignalReceived s -> signalled(st, s.signal());
        }
        Reconciler.run(st);
        Waits.evaluate(st);
        if (st.manifest != state.manifest() && !PathChanges.of(st.manifest).equals(PathChanges.of(state.manifest()))) {
            st.emit(new Effect.WatchPaths(PathChanges.of(st.manifest))); // WT-1: a reload changed what is watched
        }
        SupervisorState next = st.freeze();
        if (!next.liveProcesses().equals(state.liveProcesses())
                || !List.copyOf(next.activations().values()).equals(List.copyOf(state.activations().values()))) {
            // Before any reply: a client told "registered" must find itself in state.json should the daemon die.
            int at = 0;
            while (at < st.effects.size() && !(st.effects.get(at) instanceof Effect.Reply)) {
                at++;
            }
            List<Effect.LiveProcess> live = next.liveProcesses();
            st.effects.add(at, new Effect.PersistState(live, List.copyOf(next.activations().values()),
                    stopLevels(st, live)));
        }
        Teardown.finishIfDone(st);
        return new Transition(st.freeze(), st.effects);
    }

    /** CS-12: the order the guardian stops {@code live} in should the daemon die, the order the daemon would (SP-3). */
    private static List<List<String>> stopLevels(Step st, List<Effect.LiveProcess> live) {
        return st.graph().stopLevels(live.stream().map(Effect.LiveProcess::service).toList());
    }

    /** SD-2: TERM/INT shut down (a second one changes nothing); UP-1: HUP reloads; any other signal is ignored. */
    private static void signalled(Step st, Signal signal) {
        if (signal.equals(Signal.TERM) || signal.equals(Signal.INT)) {
            Teardown.begin(st, true);
        } else if (signal.equals(Signal.HUP) && st.phase == Phase.SERVING) {
            st.emit(new Effect.LoadManifest(-1));
        }
    }
}
