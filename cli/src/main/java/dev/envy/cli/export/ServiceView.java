package dev.envy.cli.export;

import dev.envy.core.manifest.Condition;
import dev.envy.core.manifest.Readiness;
import dev.envy.core.manifest.RestartPolicy;
import dev.envy.core.manifest.ServiceSpec;
import dev.envy.core.manifest.Signal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an export reads of a service, in one place: the only class of this package that knows how
 * {@link ServiceSpec} holds its settings, so a change of that record is a change of {@link #of} alone.
 */
record ServiceView(
        String name,
        String command,
        Map<String, String> vars,
        String workingDir,
        Map<String, Condition> dependsOn,
        Optional<Readiness> readiness,
        Restart restart,
        Stop stop,
        boolean isDaemon,
        boolean autostart,
        List<String> systems) {

    /** {@code restart}, {@code restart-delay}, {@code max-restarts}. */
    record Restart(RestartPolicy policy, Duration delay, int max) {
    }

    /** {@code stop-signal}, {@code stop-timeout}, {@code shutdown.command}. */
    record Stop(Signal signal, Duration timeout, Optional<String> command) {
    }

    static ServiceView of(ServiceSpec s) {
        return new ServiceView(s.name(), s.command(), s.vars(), s.workingDir(), s.dependsOn(), s.readiness(),
                new Restart(s.restart(), s.restartDelay(), s.maxRestarts()),
                new Stop(s.stopSignal(), s.stopTimeout(), s.shutdownCommand()),
                s.isDaemon(), s.autostart(), s.systems());
    }
}
