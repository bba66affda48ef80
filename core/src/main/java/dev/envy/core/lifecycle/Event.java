package dev.envy.core.lifecycle;

import dev.envy.core.manifest.Manifest;
import dev.envy.core.manifest.Problem;
import dev.envy.core.manifest.Signal;
import dev.envy.core.protocol.Request;

import java.util.List;
import java.util.Optional;

/**
 * Everything that can happen to a supervised environment. The daemon's single event-loop thread turns each outcome of
 * the outside world into one of these and feeds it to {@link Supervisor#step}; nothing else changes the state.
 */
public sealed interface Event {

    /**
     * A client's request, already past the {@code Hello} handshake. {@code requestId} is unique for the daemon's
     * life and names the connection every {@link Effect.Reply}/{@link Effect.Stream} for it goes to.
     */
    record ClientRequest(long requestId, Request request) implements Event {}

    /** The client behind {@code requestId} hung up before its final reply; nothing more is sent to it. */
    record ClientGone(long requestId) implements Event {}

    /**
     * The service's process was spawned, {@code at} that instant when the spawner knows it: {@code pid} is also its
     * process group id (new session). Its uptime and its settle window (ST-10) count from {@code at}, not from when the
     * event is taken: a burst of spawns is reported after the last of them.
     */
    record Spawned(String service, long pid, long startTime, Optional<java.time.Instant> at) implements Event {
        /** A spawn reported as it happens. */
        public Spawned(String service, long pid, long startTime) {
            this(service, pid, startTime, Optional.empty());
        }
    }

    /** The service's process could not be spawned at all (bad working dir, no bash…). */
    record SpawnFailed(String service, String reason) implements Event {}

    /**
     * The service's process has exited and been reaped, the rest of its process group is gone, and every byte it
     * wrote is on disk. Exactly one of {@code exitCode} (≥ 0) or {@code signal} is present — except for a process
     * group this daemon adopted ({@link Effect.Adopt}): it cannot read that status, so {@code -1} and no signal.
     */
    record Exited(String service, long pid, int exitCode, Optional<Signal> signal) implements Event {}

    /**
     * PT-1: the service was not spawned because another process listens on {@code port}, allocated to it as
     * {@code ports.NAME}; {@code holder} says who, where /proc shows it ({@code port 8080 is already in use by pid 1234
     * (python3)}).
     */
    record PortTaken(String service, String name, int port, String holder) implements Event {}

    /** The readiness probe of the process {@code pid} passed (reported once per process). */
    record ProbePassed(String service, long pid) implements Event {}

    /**
     * RD-1: the process {@code pid} (the one spawned with a {@code NOTIFY_SOCKET}) sent an sd_notify datagram. Only
     * datagrams sent while that process lives are reported, in the order they arrived, after its {@link Spawned}.
     */
    record Notified(String service, long pid, NotifyMessage message) implements Event {}

    /** RD-3: one liveness check of the process {@code pid}, asked for by {@link Effect.CheckLiveness}, ended. */
    record LivenessChecked(String service, long pid, boolean passed) implements Event {}

    /**
     * WT-1: something changed at {@code path} (project-relative), which the service's {@code watch} matches. One per
     * change the file system reports; the supervisor turns a burst of them into one restart.
     */
    record PathChanged(String service, String path) implements Event {}

    /** A timer scheduled by {@link Effect.ScheduleTimer} fired (and was not cancelled before). */
    record TimerFired(TimerKey key) implements Event {}

    /**
     * AC-9: the shell that evaluated an in-place activation claimed the pending {@code token} ({@link
     * dev.envy.core.protocol.Request.Expect}) with its own PID and that process's start time ({@code 0}: the process
     * was already gone when the claim was read).
     */
    record ActivationClaimed(String token, long pid, long startTime) implements Event {}

    /** A registered activation's process exited (by any means). */
    record ActivationExited(long pid, long startTime) implements Event {}

    /**
     * A manifest asked for by {@link Effect.LoadManifest} was read, validated and its environment computed.
     *
     * @param environments the process environments computed for it (the shared one and each service's)
     */
    record ManifestLoaded(long requestId, Manifest manifest, Environments environments) implements Event {}

    /** The manifest asked for by {@link Effect.LoadManifest} is invalid (or its hook failed); nothing changes. */
    record ManifestRejected(long requestId, List<Problem> problems, String message) implements Event {}

    /** SIGTERM / SIGINT (shutdown, SD-2) or SIGHUP (reload, UP-1) delivered to the daemon. */
    record SignalReceived(Signal signal) implements Event {}
}
