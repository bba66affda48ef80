package dev.envy.core.lifecycle;

import dev.envy.core.manifest.ServiceSpec;
import dev.envy.core.manifest.Signal;
import dev.envy.core.protocol.ServiceView;

import java.time.Instant;
import java.util.Optional;

/**
 * The supervisor's view of one service. Immutable; every change is a copy.
 *
 * @param spec       the definition its current (or last) process was spawned with; the stop parameters come from it
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
 */
public record ServiceState(String name, ServiceSpec spec, ServiceStatus status, boolean ready, long pid,
                           long startTime, long generation, Instant since, Instant startedAt, int restarts,
                           int exitCode, Signal signal, String message, boolean signalled, AfterStop afterStop) {

    static ServiceState notStarted(ServiceSpec spec, Instant now) {
        return new ServiceState(spec.name(), spec, ServiceStatus.NOT_STARTED, false, -1, 0, 0, now, null, 0, -1,
                null, null, false, AfterStop.STAY_STOPPED);
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

    /** Up, or stopping only to start again. */
    public boolean comingUp() {
        return status.isUp() || (status == ServiceStatus.STOPPING && afterStop == AfterStop.START);
    }

    public ServiceView view() {
        return new ServiceView(name, status.word(), ready, hasProcess() ? pid : -1, since.toEpochMilli(),
                startedAt == null ? 0 : startedAt.toEpochMilli(), restarts, exitCode,
                signal == null ? null : signal.fullName(), message);
    }

    public Optional<String> messageText() {
        return Optional.ofNullable(message);
    }

    private ServiceState to(ServiceStatus next, Instant now) {
        Instant at = next == status ? since : now;
        return new ServiceState(name, spec, next, ready, pid, startTime, generation, at, startedAt, restarts,
                exitCode, signal, message, signalled, afterStop);
    }

    ServiceState waiting(Instant now) {
        return new ServiceState(name, spec, ServiceStatus.WAITING, false, -1, startTime, generation,
                status == ServiceStatus.WAITING ? since : now, startedAt, restarts, exitCode, signal, null, false,
                AfterStop.STAY_STOPPED);
    }

    ServiceState withRestarts(int count) {
        return new ServiceState(name, spec, status, ready, pid, startTime, generation, since, startedAt, count,
                exitCode, signal, message, signalled, afterStop);
    }

    ServiceState blocked(String why, Instant now) {
        return to(ServiceStatus.BLOCKED, now).withMessage(why);
    }

    ServiceState spawning(ServiceSpec newSpec, long newGeneration, Instant now) {
        return new ServiceState(name, newSpec, ServiceStatus.STARTING, false, -1, 0, newGeneration, now, startedAt,
                restarts, exitCode, signal, null, false, AfterStop.STAY_STOPPED);
    }

    ServiceState spawned(long newPid, long newStartTime, Instant now) {
        boolean checked = spec.readiness().isPresent();
        ServiceStatus next = status == ServiceStatus.STOPPING ? ServiceStatus.STOPPING
                : checked ? ServiceStatus.STARTING : ServiceStatus.RUNNING;
        return new ServiceState(name, spec, next, next == ServiceStatus.RUNNING, newPid, newStartTime, generation,
                next == status ? since : now, now, restarts, -1, null, message, signalled, afterStop);
    }

    ServiceState readyNow(Instant now) {
        return new ServiceState(name, spec, ServiceStatus.RUNNING, true, pid, startTime, generation, now, startedAt,
                restarts, exitCode, signal, null, signalled, afterStop);
    }

    ServiceState stopping(AfterStop then, Instant now) {
        return new ServiceState(name, spec, ServiceStatus.STOPPING, false, pid, startTime, generation,
                status == ServiceStatus.STOPPING ? since : now, startedAt, restarts, exitCode, signal, message,
                status == ServiceStatus.STOPPING && signalled, then);
    }

    ServiceState withAfterStop(AfterStop then) {
        return new ServiceState(name, spec, status, ready, pid, startTime, generation, since, startedAt, restarts,
                exitCode, signal, message, signalled, then);
    }

    ServiceState signalledWith(Signal sent, String why) {
        return new ServiceState(name, spec, status, ready, pid, startTime, generation, since, startedAt, restarts,
                exitCode, sent, why == null ? message : why, true, afterStop);
    }

    /** The process is gone (or never came): {@code next} with the exit's details. */
    ServiceState ended(ServiceStatus next, int code, Signal sig, String why, Instant now) {
        return new ServiceState(name, spec, next, false, -1, startTime, generation, now, startedAt, restarts, code,
                sig, why, false, AfterStop.STAY_STOPPED);
    }

    ServiceState withMessage(String why) {
        return new ServiceState(name, spec, status, ready, pid, startTime, generation, since, startedAt, restarts,
                exitCode, signal, why, signalled, afterStop);
    }

    ServiceState withSpec(ServiceSpec newSpec) {
        return new ServiceState(name, newSpec, status, ready, pid, startTime, generation, since, startedAt, restarts,
                exitCode, signal, message, signalled, afterStop);
    }

    ServiceState backoff(int count, String why, Instant now) {
        return new ServiceState(name, spec, ServiceStatus.BACKOFF, false, -1, startTime, generation, now, startedAt,
                count, exitCode, signal, why, false, AfterStop.STAY_STOPPED);
    }

    ServiceState withExit(int code, Signal sig) {
        return new ServiceState(name, spec, status, ready, pid, startTime, generation, since, startedAt, restarts,
                code, sig, message, signalled, afterStop);
    }
}
