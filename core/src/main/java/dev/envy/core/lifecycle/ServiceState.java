package dev.envy.core.lifecycle;

import dev.envy.core.manifest.ServiceSpec;
import dev.envy.core.manifest.Signal;
import dev.envy.core.protocol.ServiceView;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The supervisor's view of one service. Immutable: {@link #notStarted} makes the first, and every change is a
 * named transition that copies it through a {@code Draft}, changing only what it names.
 *
 * @param spec       the definition its current (or last) process was spawned with; the stop parameters come from it
 * @param environment the environment its current (or last) process was spawned with (its shutdown command and
 *                   readiness command run with it too)
 * @param pid        the process (group) id while a process exists, else -1 (also while a spawn is pending)
 * @param generation increases with every spawn; timers of an earlier generation are ignored
 * @param since      when it entered its current status
 * @param startedAt  when its current or last process was spawned, or null
 * @param restarts   automatic restarts in a row (STA-7)
 * @param exitCode   the last exit code, or -1
 * @param signal     the last terminating signal (sent by envy when {@code stopped}), or null
 * @param message    a short reason shown in status and errors, or null
 * @param signalled  while {@code stopping}: the stop signal / shutdown command was already sent
 * @param afterStop  while {@code stopping}: what it becomes once its process exited
 * @param statusText RD-1: the last {@code STATUS=} its current process sent over sd_notify, or null
 * @param mainPid    RD-1: the {@code MAINPID=} its current process named, or -1
 * @param livenessFailures RD-3: liveness checks of its current process that failed in a row
 * @param unhealthy  RD-3: {@code failure-threshold} liveness checks failed in a row and its restart policy is
 *                   {@code no}: it keeps running, not ready, until a check passes again
 * @param ports      PT-1: the ports allocated to its current (or last) process, by name; kept after it exits, so a
 *                   restart takes the same ones again where they are free
 * @param takenPorts PT-1: ports found held by another process while allocating for the next spawn
 */
public record ServiceState(String name, ServiceSpec spec, Map<String, String> environment, ServiceStatus status,
                           boolean ready, long pid, long startTime, long generation, Instant since, Instant startedAt,
                           int restarts, int exitCode, Signal signal, String message, boolean signalled,
                           AfterStop afterStop, String statusText, long mainPid, int livenessFailures,
                           boolean unhealthy, Map<String, Integer> ports, java.util.Set<Integer> takenPorts) {

    /** RD-3: the status word of a running service whose liveness check failed {@code failure-threshold} times. */
    public static final String UNHEALTHY = "unhealthy";

    public ServiceState {
        ports = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ports));
        takenPorts = java.util.Set.copyOf(takenPorts);
    }

    static ServiceState notStarted(ServiceSpec spec, Instant now) {
        return new ServiceState(spec.name(), spec, Map.of(), ServiceStatus.NOT_STARTED, false, -1, 0, 0, now, null, 0,
                -1, null, null, false, AfterStop.STAY_STOPPED, null, -1, 0, false, Map.of(), java.util.Set.of());
    }

    /**
     * A process group a killed predecessor left running (CS-8), known as {@code name}: {@code stopping} to become
     * {@code then}, not yet signalled.
     */
    static ServiceState orphan(String name, ServiceSpec spec, Map<String, String> environment, long pid,
                               long startTime, long generation, AfterStop then, Instant now) {
        return new ServiceState(name, spec, environment, ServiceStatus.STOPPING, false, pid, startTime, generation, now,
                null, 0, -1, null, null, false, then, null, -1, 0, false, Map.of(), java.util.Set.of());
    }

    /** A process exists (spawned, not yet exited). */
    public boolean hasProcess() {
        return pid > 0 && switch (status) {
            case STARTING, RUNNING, STOPPING -> true;
            case NOT_STARTED, WAITING, BLOCKED, STOPPED, COMPLETED, FAILED, BACKOFF -> false;
        };
    }

    /** A Spawn effect was emitted and neither Spawned nor SpawnFailed arrived yet. */
    public boolean spawnPending() {
        return pid <= 0 && (status == ServiceStatus.STARTING || status == ServiceStatus.STOPPING);
    }

    /** Anything still going on that a teardown or a stop must wait for or cancel. */
    public boolean live() {
        return status.isUp() || status == ServiceStatus.STOPPING;
    }

    /** Up, or stopping only to start again (RD-2, RD-3: or to be restarted by its policy). */
    public boolean comingUp() {
        return status.isUp() || (status == ServiceStatus.STOPPING && (afterStop == AfterStop.START
                || (afterStop == AfterStop.APPLY_POLICY && spec.restart().policy() != dev.envy.core.manifest.RestartPolicy.NO)));
    }

    /** STA-1; the PID shown is the sd_notify {@code MAINPID=} where the service named one (RD-1). */
    public ServiceView view() {
        long shownPid = !hasProcess() ? -1 : mainPid > 0 ? mainPid : pid;
        String word = unhealthy && status == ServiceStatus.RUNNING ? UNHEALTHY : status.word();
        return new ServiceView(name, word, ready, shownPid, since.toEpochMilli(),
                startedAt == null ? 0 : startedAt.toEpochMilli(), restarts, exitCode,
                signal == null ? null : signal.fullName(), message, hasProcess() ? statusText : null,
                hasProcess() ? ports : Map.of());
    }

    public Optional<String> messageText() {
        return Optional.ofNullable(message);
    }

    ServiceState waiting(Instant now) {
        return entering(ServiceStatus.WAITING, now, d -> d.withoutProcess().message = null);
    }

    ServiceState blocked(String why, Instant now) {
        return entering(ServiceStatus.BLOCKED, now, d -> d.message = why);
    }

    /** A Spawn of {@code newSpec} with {@code newEnvironment} was emitted: {@code starting}, no pid yet. */
    ServiceState spawning(ServiceSpec newSpec, Map<String, String> newEnvironment, long newGeneration, Instant now) {
        return spawning(newSpec, newEnvironment, Map.of(), newGeneration, now);
    }

    /** As {@link #spawning(ServiceSpec, Map, long, Instant)}, with the ports allocated to it (PT-1). */
    ServiceState spawning(ServiceSpec newSpec, Map<String, String> newEnvironment, Map<String, Integer> newPorts,
                          long newGeneration, Instant now) {
        return with(d -> {
            d.ports = newPorts;
            d.withoutProcess().at(ServiceStatus.STARTING, now).message = null;
            d.spec = newSpec;
            d.environment = newEnvironment;
            d.startTime = 0;
            d.generation = newGeneration;
        });
    }

    /** Its process exists: {@code running} at once without a readiness check, else {@code starting} until it passes. */
    ServiceState spawned(long newPid, long newStartTime, Instant now) {
        ServiceStatus next = status == ServiceStatus.STOPPING ? ServiceStatus.STOPPING
                : spec.readiness().isPresent() ? ServiceStatus.STARTING : ServiceStatus.RUNNING;
        return entering(next, now, d -> {
            d.ready = next == ServiceStatus.RUNNING;
            d.pid = newPid;
            d.startTime = newStartTime;
            d.startedAt = now;
            d.exitCode = -1;
            d.signal = null;
            d.statusText = null;
            d.mainPid = -1;
            d.livenessFailures = 0;
            d.unhealthy = false;
            d.takenPorts = java.util.Set.of();
        });
    }

    ServiceState readyNow(Instant now) {
        return with(d -> {
            d.at(ServiceStatus.RUNNING, now).message = null;
            d.ready = true;
        });
    }

    /** {@code stopping}, to become {@code then} once its process is gone; a second stop does not signal again. */
    ServiceState stopping(AfterStop then, Instant now) {
        return entering(ServiceStatus.STOPPING, now, d -> {
            d.ready = false;
            d.unhealthy = false;
            d.signalled = status == ServiceStatus.STOPPING && signalled;
            d.afterStop = then;
        });
    }

    /** The stop signal {@code sent} (null: the shutdown command) went out; {@code why} replaces the message if given. */
    ServiceState signalledWith(Signal sent, String why) {
        return with(d -> {
            d.signal = sent;
            d.message = why == null ? message : why;
            d.signalled = true;
        });
    }

    /** The process is gone (or never came): {@code next} with the exit's details. */
    ServiceState ended(ServiceStatus next, int code, Signal sig, String why, Instant now) {
        return with(d -> {
            d.withoutProcess().at(next, now).message = why;
            d.takenPorts = java.util.Set.of();
            d.exitCode = code;
            d.signal = sig;
        });
    }

    ServiceState backoff(int count, String why, Instant now) {
        return with(d -> {
            d.withoutProcess().at(ServiceStatus.BACKOFF, now).message = why;
            d.restarts = count;
        });
    }

    ServiceState withRestarts(int count) {
        return with(d -> d.restarts = count);
    }

    ServiceState withAfterStop(AfterStop then) {
        return with(d -> d.afterStop = then);
    }

    ServiceState withMessage(String why) {
        return with(d -> d.message = why);
    }

    /** RD-3: a liveness check of the current process passed: healthy (and ready) again. */
    ServiceState livenessPassed() {
        return with(d -> {
            d.livenessFailures = 0;
            if (d.unhealthy) {
                d.unhealthy = false;
                d.ready = true;
                d.message = null;
            }
        });
    }

    /** RD-3: a liveness check failed; {@code why} (not null) makes it {@code unhealthy}: not ready, still running. */
    ServiceState livenessFailed(String why) {
        return with(d -> {
            d.livenessFailures = livenessFailures + 1;
            if (why != null) {
                d.unhealthy = true;
                d.ready = false;
                d.message = why;
            }
        });
    }

    /** RD-1: what the current process said of itself over sd_notify. */
    ServiceState notified(String newStatusText, long newMainPid) {
        return with(d -> {
            d.statusText = newStatusText;
            d.mainPid = newMainPid;
        });
    }

    /** PT-1: {@code port} is held by another process; the next allocation passes over it. */
    ServiceState withTakenPort(int port) {
        return with(d -> {
            java.util.Set<Integer> taken = new java.util.HashSet<>(takenPorts);
            taken.add(port);
            d.takenPorts = taken;
        });
    }

    ServiceState withSpec(ServiceSpec newSpec) {
        return with(d -> d.spec = newSpec);
    }

    private ServiceState with(Consumer<Draft> change) {
        Draft d = new Draft(this);
        change.accept(d);
        return d.state();
    }

    /** Enters {@code next}, then {@code change}: {@code since} moves only when the status really changes. */
    private ServiceState entering(ServiceStatus next, Instant now, Consumer<Draft> change) {
        return with(d -> {
            d.at(next, next == status ? since : now);
            change.accept(d);
        });
    }

    /** A copy being changed: every transition above starts from one and names only what it changes. */
    private static final class Draft {
        private final String name;
        private ServiceSpec spec;
        private Map<String, String> environment;
        private ServiceStatus status;
        private boolean ready, signalled;
        private long pid, startTime, generation;
        private Instant since, startedAt;
        private int restarts, exitCode;
        private Signal signal;
        private String message;
        private AfterStop afterStop;
        private String statusText;
        private long mainPid;
        private int livenessFailures;
        private boolean unhealthy;
        private Map<String, Integer> ports;
        private java.util.Set<Integer> takenPorts;

        Draft(ServiceState s) {
            name = s.name;
            spec = s.spec;
            environment = s.environment;
            status = s.status;
            ready = s.ready;
            pid = s.pid;
            startTime = s.startTime;
            generation = s.generation;
            since = s.since;
            startedAt = s.startedAt;
            restarts = s.restarts;
            exitCode = s.exitCode;
            signal = s.signal;
            message = s.message;
            signalled = s.signalled;
            afterStop = s.afterStop;
            statusText = s.statusText;
            mainPid = s.mainPid;
            livenessFailures = s.livenessFailures;
            unhealthy = s.unhealthy;
            ports = s.ports;
            takenPorts = s.takenPorts;
        }

        Draft at(ServiceStatus next, Instant when) {
            status = next;
            since = when;
            return this;
        }

        /** No process (any more): not ready, no pid, nothing signalled, nothing to do after a stop. */
        Draft withoutProcess() {
            ready = false;
            pid = -1;
            signalled = false;
            afterStop = AfterStop.STAY_STOPPED;
            statusText = null;
            mainPid = -1;
            livenessFailures = 0;
            unhealthy = false;
            return this;
        }

        ServiceState state() {
            return new ServiceState(name, spec, environment, status, ready, pid, startTime, generation, since,
                    startedAt, restarts, exitCode, signal, message, signalled, afterStop, statusText, mainPid,
                    livenessFailures, unhealthy, ports, takenPorts);
        }
    }
}
