package dev.envy.core.lifecycle;

import dev.envy.core.manifest.Readiness;
import dev.envy.core.manifest.ServiceSpec;
import dev.envy.core.manifest.Signal;
import dev.envy.core.protocol.Response;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the supervisor asks the daemon to do. The daemon carries effects out in order and reports outcomes back as
 * {@link Event}s; it makes no decision of its own.
 */
public sealed interface Effect {

    /** Run {@code bash -c spec.command()} in a new session, output appended to the service's log. */
    record Spawn(String service, ServiceSpec spec, Map<String, String> environment) implements Effect {}

    /** Send {@code signal} to the process group {@code pid}. */
    record SendSignal(String service, long pid, Signal signal) implements Effect {}

    /** Run {@code shutdown.command} (bash, service environment) instead of sending the stop signal. */
    record RunShutdownCommand(String service, long pid, String command, Map<String, String> environment)
            implements Effect {}

    /** SIGKILL the process group {@code pid} and every descendant still alive. */
    record KillTree(String service, long pid) implements Effect {}

    /** Start probing readiness of process {@code pid}; report {@link Event.ProbePassed} once. */
    record StartProbe(String service, long pid, Readiness readiness, Map<String, String> environment)
            implements Effect {}

    /** Stop probing the service (its process is stopping or gone). */
    record StopProbe(String service) implements Effect {}

    record ScheduleTimer(TimerKey key, Duration after) implements Effect {}

    record CancelTimer(TimerKey key) implements Effect {}

    /** Send a streamed frame ({@link Response.Progress}) to the client of {@code requestId}. */
    record Stream(long requestId, Response response) implements Effect {}

    /** Send the final response to the client of {@code requestId} and close the exchange. */
    record Reply(long requestId, Response response) implements Effect {}

    /** Watch the activation process; report {@link Event.ActivationExited} when it exits (or is already gone). */
    record WatchActivation(long pid, long startTime) implements Effect {}

    /** Read and validate the manifest from disk, compute environments, report ManifestLoaded/ManifestRejected. */
    record LoadManifest(long requestId) implements Effect {}

    /** Write state.json: the live service process groups and the registered activations (CS-8 recovery). */
    record PersistState(List<LiveProcess> processes, List<Activation> activations) implements Effect {}

    /** Run {@code hook.on-deactivate} (after the last activation ended and every service stopped). */
    record RunDeactivateHook() implements Effect {}

    /** Every service is stopped and every reply sent: remove the socket, release the lock, exit. */
    record ExitDaemon() implements Effect {}

    record LiveProcess(String service, long pid, long startTime) {}

    record Activation(long pid, long startTime) {}
}
