package dev.envy.daemon;

import dev.envy.core.lifecycle.Effect;
import dev.envy.core.manifest.Manifest;
import dev.envy.core.manifest.ServiceSpec;
import dev.envy.core.manifest.Signal;
import dev.envy.core.manifest.Stop;
import dev.envy.core.runtime.ProjectPaths;
import dev.envy.daemon.loop.HostPort;
import dev.envy.daemon.loop.LogSink;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The daemon's own chores: state.json for a successor (CS-8), the deactivate hook, log tails for failed services
 * (ST-9), and the orderly exit that {@code Daemon} defines.
 */
final class DaemonHost implements HostPort {
    private final StateFile stateFile;
    private final ManifestSource manifests;
    private final ProjectPaths project;
    private final LogSink log;
    private final Runnable exit;

    DaemonHost(StateFile stateFile, ManifestSource manifests, ProjectPaths project, LogSink log, Runnable exit) {
        this.stateFile = stateFile;
        this.manifests = manifests;
        this.project = project;
        this.log = log;
        this.exit = exit;
    }

    @Override
    public void persist(List<Effect.LiveProcess> processes, List<Effect.Activation> activations) {
        Manifest manifest = manifests.applied();
        List<StateFile.Process> recorded = processes.stream().map(p -> {
            ServiceSpec spec = manifest == null ? null : manifest.services().get(p.service());
            Stop stop = spec == null ? Stop.DEFAULT : spec.stop();
            Signal signal = stop.signal();
            long timeout = stop.timeout().toMillis();
            return new StateFile.Process(p.service(), p.pid(), p.startTime(), signal.number(), timeout);
        }).toList();
        List<StateFile.Activation> active = activations.stream()
                .map(a -> new StateFile.Activation(a.pid(), a.startTime())).toList();
        try {
            stateFile.write(new StateFile.State(recorded, active));
        } catch (IOException e) {
            log.warn("could not write " + stateFile.path() + ": " + e.getMessage()
                    + " (a successor could not recover after a crash)");
        }
    }

    @Override
    public void runDeactivateHook() {
        Manifest manifest = manifests.applied();
        if (manifest == null) {
            return;
        }
        manifest.hook().onDeactivate().filter(h -> !h.isBlank()).ifPresent(script ->
                DeactivateHook.run(script, sharedEnvironment(), project.projectDir(), log));
    }

    /** The environment every service shares: any service's without its own name (services may add vars). */
    private Map<String, String> sharedEnvironment() {
        Map<String, String> env = new HashMap<>(manifests.appliedEnvironments().values().stream().findFirst()
                .orElse(System.getenv()));
        env.remove("ENVY_SERVICE");
        return env;
    }

    @Override
    public List<String> lastLogLines(String service, int count) {
        return LogTail.last(project.serviceLog(service), count);
    }

    @Override
    public void exit() {
        exit.run();
    }
}
