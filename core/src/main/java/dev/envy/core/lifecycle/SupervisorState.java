package dev.envy.core.lifecycle;

import dev.envy.core.manifest.Manifest;
import dev.envy.core.manifest.Stop;
import dev.envy.core.protocol.ServiceView;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The supervisor's immutable state: the applied manifest, every service's state, the registered activations, the
 * detached hold, the requests still waiting for their reply, and the daemon's phase.
 *
 * @param environments   the process environments computed with the applied manifest
 * @param services       by name: the manifest's services in its order, then removed ones still stopping
 * @param activations    registered activations by pid (AC-3, AC-8)
 * @param hold           {@code envy up -d} holds the services up with no activation (AC-6)
 * @param waits          requests still waiting for their final reply, in arrival order
 * @param nextGeneration the generation the next spawn gets
 * @param runDeactivateHook whether the teardown under way ends with {@code hook.on-deactivate}
 * @param recovering     CS-8: the pids of a killed predecessor's process groups still being stopped, each with how it
 *                       was found
 * @param notes          notes the next result carries before its own (what recovery stopped)
 * @param pending        AC-9: tokens of in-place activations whose shell has not claimed them yet; each holds the
 *                       services up like an activation until it is claimed or its deadline passes
 */
public record SupervisorState(Manifest manifest, Environments environments,
                              Map<String, ServiceState> services, Map<Long, Effect.Activation> activations,
                              boolean hold, Phase phase, List<Wait> waits, long nextGeneration,
                              boolean runDeactivateHook, Map<Long, String> recovering, List<String> notes,
                              java.util.Set<String> pending) {

    public SupervisorState {
        services = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(services));
        activations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(activations));
        waits = List.copyOf(waits);
        recovering = Map.copyOf(recovering);
        notes = List.copyOf(notes);
        pending = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(pending));
    }

    /** STA-1: every service, in manifest order. */
    public List<ServiceView> views() {
        return services.values().stream().map(ServiceState::view).toList();
    }

    public Optional<ServiceState> service(String name) {
        return Optional.ofNullable(services.get(name));
    }

    public int activationCount() {
        return activations.size();
    }

    /** The live service processes, with how to stop each (state.json, CS-8). */
    public List<Effect.LiveProcess> liveProcesses() {
        return services.values().stream().filter(ServiceState::hasProcess).map(s -> {
            Stop stop = s.spec().stop();
            return new Effect.LiveProcess(s.spec().name(), s.pid(), s.startTime(), stop, s.spec().workingDir(),
                    stop.shutdownCommand().isPresent() ? s.environment() : Map.of());
        }).toList();
    }
}
