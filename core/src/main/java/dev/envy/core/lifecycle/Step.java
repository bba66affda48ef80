package dev.envy.core.lifecycle;

import dev.envy.core.manifest.Condition;
import dev.envy.core.manifest.Manifest;
import dev.envy.core.manifest.ServiceSpec;
import dev.envy.core.protocol.Response;
import dev.envy.core.protocol.ServiceView;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The working copy of one transition: a mutable draft of {@link SupervisorState} plus the effects emitted so far.
 * It lives only inside {@link Supervisor#step}; {@link #freeze()} turns it back into an immutable state.
 */
final class Step {
    final Instant now;
    Manifest manifest;
    Map<String, Map<String, String>> environments;
    final Map<String, ServiceState> services;
    final Map<Long, Effect.Activation> activations;
    boolean hold;
    Phase phase;
    final List<Wait> waits;
    long nextGeneration;
    boolean runDeactivateHook;
    final List<Effect> effects = new ArrayList<>();

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
    }

    SupervisorState freeze() {
        return new SupervisorState(manifest, environments, services, activations, hold, phase, waits,
                nextGeneration, runDeactivateHook);
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

    void reply(long requestId, Response r) {
        if (requestId >= 0) {
            emit(new Effect.Reply(requestId, r));
        }
    }

    void schedule(TimerKey key, Duration after) {
        emit(new Effect.ScheduleTimer(key, after));
    }

    void cancel(TimerKey key) {
        emit(new Effect.CancelTimer(key));
    }

    Map<String, String> environmentOf(String name) {
        return environments.getOrDefault(name, Map.of());
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

    Dependencies graph() {
        return new Dependencies(services.keySet(), this::dependsOn);
    }
}
