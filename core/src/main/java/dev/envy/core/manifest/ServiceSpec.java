package dev.envy.core.manifest;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code [services.NAME]} table after normalisation: every default filled in, every value typed.
 *
 * @param dependsOn dependency name to the condition this service waits for, in file order; the
 *                  array form is already resolved ({@code ready} where the dependency has a
 *                  readiness check, else {@code started})
 * @param workingDir relative to the project root ({@code "."} by default)
 */
public record ServiceSpec(
        String name,
        String command,
        Map<String, String> vars,
        String workingDir,
        Map<String, Condition> dependsOn,
        Optional<Readiness> readiness,
        RestartPolicy restart,
        Duration restartDelay,
        int maxRestarts,
        Signal stopSignal,
        Duration stopTimeout,
        Optional<String> shutdownCommand,
        boolean isDaemon,
        boolean autostart,
        List<String> systems) {

    public static final Duration DEFAULT_RESTART_DELAY = Duration.ofSeconds(1);
    public static final int DEFAULT_MAX_RESTARTS = 5;
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);

    public ServiceSpec {
        vars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
        dependsOn = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(dependsOn));
        systems = List.copyOf(systems);
    }

    /** A service with every default, for tests and generated manifests. */
    public static ServiceSpec of(String name, String command) {
        return new ServiceSpec(name, command, Map.of(), ".", Map.of(), Optional.empty(), RestartPolicy.NO,
                DEFAULT_RESTART_DELAY, DEFAULT_MAX_RESTARTS, Signal.TERM, DEFAULT_STOP_TIMEOUT,
                Optional.empty(), false, true, List.of());
    }

    public ServiceSpec withDependsOn(Map<String, Condition> deps) {
        return new ServiceSpec(name, command, vars, workingDir, deps, readiness, restart, restartDelay, maxRestarts,
                stopSignal, stopTimeout, shutdownCommand, isDaemon, autostart, systems);
    }

    public ServiceSpec withReadiness(Readiness r) {
        return new ServiceSpec(name, command, vars, workingDir, dependsOn, Optional.of(r), restart, restartDelay,
                maxRestarts, stopSignal, stopTimeout, shutdownCommand, isDaemon, autostart, systems);
    }

    public ServiceSpec withRestart(RestartPolicy policy, Duration delay, int max) {
        return new ServiceSpec(name, command, vars, workingDir, dependsOn, readiness, policy, delay, max,
                stopSignal, stopTimeout, shutdownCommand, isDaemon, autostart, systems);
    }

    public ServiceSpec withStop(Signal signal, Duration timeout, Optional<String> shutdown) {
        return new ServiceSpec(name, command, vars, workingDir, dependsOn, readiness, restart, restartDelay,
                maxRestarts, signal, timeout, shutdown, isDaemon, autostart, systems);
    }

    public ServiceSpec withAutostart(boolean value) {
        return new ServiceSpec(name, command, vars, workingDir, dependsOn, readiness, restart, restartDelay,
                maxRestarts, stopSignal, stopTimeout, shutdownCommand, isDaemon, value, systems);
    }
}
