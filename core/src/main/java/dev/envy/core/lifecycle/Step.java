package dev.envy.core.lifecycle;

import dev.envy.core.graph.ServiceGraph;
import dev.envy.core.manifest.Condition;
import dev.envy.core.manifest.Manifest;
import dev.envy.core.manifest.ServiceSpec;
import dev.envy.core.protocol.Response;
import dev.envy.core.protocol.ServiceView;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The working copy of one transition: a mutable draft of {@link SupervisorState} plus the effects emitted so far.
 * It lives only inside {@link Supervisor#step}; {@link #freeze()} turns it back into an immutable state.
 */
final class Step {
    final Instant now;
    Manifest manifest;
    Environments environments;
    final Map<String, ServiceState> services;
    final Map<Long, Effect.Activation> activations;
    boolean hold;
    Phase phase;
    final List<Wait> waits;
    long nextGeneration;
    boolean runDeactivateHook;
    final Map<Long, String> recovering;
    final List<String> notes;
    final Set<String> pending;
    final List<Effect> effects = new ArrayList<>();
    private ServiceGraph graph;
    private Manifest graphManifest;
    private Set<String> graphNames;

    Step(SupervisorState s, Instant now) {
        this.now = now;
        manifest = s.manifest();
        environments = s.environments();
        services = new LinkedHashMap<>(s.services());
        activations = new LinkedHashMap<>(s.activations());
        hold = s.hold();
        phase = s.phase();
        waits = new ArrayList<>(s.waits());
        nextGeneration = s.nextGeneration();
        runDeactivateHook = s.runDeactivateHook();
        recovering = new HashMap<>(s.recovering());
        notes = new ArrayList<>(s.notes());
        pending = new java.util.LinkedHashSet<>(s.pending());
    }

    SupervisorState freeze() {
        return new SupervisorState(manifest, environments, services, activations, hold, phase, waits,
                nextGeneration, runDeactivateHook, recovering, notes, pending);
    }

    /** AC-4, AC-6, AC-9: nothing keeps the services up: no activation, none pending, no detached hold. */
    boolean unheld() {
        return activations.isEmpty() && pending.isEmpty() && !hold;
    }

    ServiceState get(String name) {
        return services.get(name);
    }

    void put(ServiceState s) {
        services.put(s.name(), s);
    }

    void emit(Effect e) {
        effects.add(e);
    }

    /** Answers {@code requestId}; a result carries the notes waiting for one first (CS-8). */
    void reply(long requestId, Response r) {
        if (requestId < 0) {
            return;
        }
        if (r instanceof Response.Result result && !notes.isEmpty()) {
            List<String> all = new ArrayList<>(notes);
            all.addAll(result.notes());
            notes.clear();
            r = new Response.Result(result.exitCode(), all, result.errors(), result.services());
        }
        emit(new Effect.Reply(requestId, r, logTailsFor(r)));
    }

    /** ST-9: a failing result shows the last log lines of each service it is about that failed. */
    private List<String> logTailsFor(Response r) {
        if (!(r instanceof Response.Result result) || result.exitCode() == 0) {
            return List.of();
        }
        return result.services().stream().map(ServiceView::name)
                .filter(name -> services.containsKey(name) && services.get(name).status() == ServiceStatus.FAILED)
                .toList();
    }

    void schedule(TimerKey key, Duration after) {
        emit(new Effect.ScheduleTimer(key, after));
    }

    void cancel(TimerKey key) {
        emit(new Effect.CancelTimer(key));
    }

    Map<String, String> environmentOf(String name) {
        return environments.of(name);
    }

    /** The dependencies of {@code name}: from the applied manifest, or its last spec when a reload removed it. */
    Map<String, Condition> dependsOn(String name) {
        ServiceSpec spec = manifest.services().get(name);
        if (spec != null) {
            return spec.dependsOn();
        }
        ServiceState s = services.get(name);
        return s == null ? Map.of() : s.spec().dependsOn();
    }

    List<ServiceView> views(List<String> names) {
        List<ServiceView> out = new ArrayList<>();
        for (String n : names) {
            ServiceState s = services.get(n);
            if (s != null) {
                out.add(s.view());
            }
        }
        return out;
    }

    /** STA-1 of {@code names}, with the activations and the hold (UP-3's staleness is the daemon's to add). */
    Response.StatusReport report(List<String> names) {
        return new Response.StatusReport(views(names), false, activations.size(), hold);
    }

    /** {@link #report(List)} of every service. */
    Response.StatusReport report() {
        return report(List.copyOf(services.keySet()));
    }

    /**
     * The dependency graph of every service the supervisor knows (the manifest's, and removed ones still stopping),
     * built again only when those services' dependencies changed: within a step, and from one step to the next
     * through {@link #lastGraph}, so the events of an idle environment (a liveness check every few seconds per
     * service, RD-3) do not rebuild it each time.
     */
    ServiceGraph graph() {
        if (graph == null || graphManifest != manifest || !graphNames.equals(services.keySet())) {
            Map<String, Collection<String>> dependencies = new LinkedHashMap<>();
            services.keySet().forEach(name -> dependencies.put(name, Set.copyOf(dependsOn(name).keySet())));
            KnownGraph known = lastGraph;
            if (known != null && known.dependencies().equals(dependencies)
                    && List.copyOf(known.dependencies().keySet()).equals(List.copyOf(dependencies.keySet()))) {
                graph = known.graph();
            } else {
                graph = ServiceGraph.ofDependencies(dependencies);
                lastGraph = new KnownGraph(dependencies, graph);
            }
            graphManifest = manifest;
            graphNames = Set.copyOf(services.keySet());
        }
        return graph;
    }

    /** A graph and the dependencies it was built of (in the services' order, which breaks ties). Immutable. */
    private record KnownGraph(Map<String, Collection<String>> dependencies, ServiceGraph graph) {}

    /** The last graph built: a memo of a pure function of its dependencies, so sharing it changes no result. */
    private static volatile KnownGraph lastGraph;
}
