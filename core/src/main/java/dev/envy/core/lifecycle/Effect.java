package dev.envy.core.lifecycle;

import dev.envy.core.manifest.Liveness;
import dev.envy.core.manifest.PathWatch;
import dev.envy.core.manifest.Readiness;
import dev.envy.core.manifest.ServiceSpec;
import dev.envy.core.manifest.Signal;
import dev.envy.core.manifest.Stop;
import dev.envy.core.protocol.Response;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the supervisor asks the daemon to do. The daemon carries effects out in order and reports outcomes back as
 * {@link Event}s; it makes no decision of its own. Each effect is a complete instruction: it carries everything
 * carrying it out needs, so no executor looks anything up in the manifest.
 */
public sealed interface Effect {

    /**
     * Run {@code bash -c command} in a new session, in {@code workingDir} (relative to the project), with exactly
     * {@code environment}; its output goes to the service's log.
     *
     * @param daemonizes  {@code is-daemon}: the command forks the real process and exits; the service lives as long
     *                    as anything of its tree does
     * @param tapsOutput  its output lines are also kept for a {@code readiness.log} check, which {@link StartProbe}
     *                    starts once the spawn was reported
     * @param notifySocket RD-1: the process gets a {@code NOTIFY_SOCKET} of its own, bound before it is spawned, and
     *                    what it sends there is reported as {@link Event.Notified} while it lives
     * @param mustBeFree  ST-11: ports of this machine that nothing may listen on when it is spawned (its readiness
     *                    check's): one that is held fails the spawn, naming the holder
     * @param ports       PT-1: the ports allocated to it, by name (already in {@code environment}): one another
     *                    process listens on is not spawned but reported as {@link Event.PortTaken}
     */
    record Spawn(String service, String command, String workingDir, Map<String, String> environment,
                 boolean daemonizes, boolean tapsOutput, boolean notifySocket, List<Integer> mustBeFree,
                 Map<String, Integer> ports)
            implements Effect {

        public Spawn {
            mustBeFree = List.copyOf(mustBeFree);
            ports = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ports));
        }

        /** A spawn that allocates no port. */
        public Spawn(String service, String command, String workingDir, Map<String, String> environment,
                     boolean daemonizes, boolean tapsOutput, boolean notifySocket, List<Integer> mustBeFree) {
            this(service, command, workingDir, environment, daemonizes, tapsOutput, notifySocket, mustBeFree,
                    Map.of());
        }

        /** Spawning {@code spec} with {@code environment}. */
        static Spawn of(ServiceSpec spec, Map<String, String> environment) {
            return of(spec, environment, Map.of());
        }

        /** Spawning {@code spec} with {@code environment} and the {@code ports} allocated to it (PT-1). */
        static Spawn of(ServiceSpec spec, Map<String, String> environment, Map<String, Integer> ports) {
            Map<String, String> env = environment;
            if (spec.watchdog().isPresent()) { // RD-2: sd_watchdog_enabled() reads it; no WATCHDOG_PID (docs)
                env = new java.util.LinkedHashMap<>(environment);
                env.put("WATCHDOG_USEC", Long.toString(spec.watchdog().get().toNanos() / 1000));
            }
            return new Spawn(spec.name(), spec.command(), spec.workingDir(), env, spec.isDaemon(),
                    spec.readiness().map(r -> r.check() instanceof Readiness.LogCheck).orElse(false),
                    spec.readiness().map(Readiness::viaNotify).orElse(false) || spec.watchdog().isPresent(),
                    spec.readiness().stream().flatMapToInt(r -> r.localPort().stream())
                            .filter(p -> !ports.containsValue(p)).boxed().toList(), ports);
        }

        /** This spawn with {@code newEnvironment}. */
        public Spawn withEnvironment(Map<String, String> newEnvironment) {
            return new Spawn(service, command, workingDir, newEnvironment, daemonizes, tapsOutput, notifySocket,
                    mustBeFree, ports);
        }
    }

    /** Send {@code signal} to the process group {@code pid}. */
    record SendSignal(String service, long pid, Signal signal) implements Effect {}

    /**
     * Run {@code shutdown.command} with {@code bash -c} in {@code workingDir} with {@code environment} (the service's)
     * instead of sending the stop signal to the process group {@code pid}; its output goes to the service's log.
     */
    record RunShutdownCommand(String service, long pid, String command, String workingDir,
                              Map<String, String> environment) implements Effect {}

    /**
     * Watch the process group {@code pid}, which this daemon did not spawn (a killed predecessor's, CS-8), and report
     * {@link Event.Exited} once nothing of its tree is left.
     */
    record Adopt(String service, long pid) implements Effect {}

    /** SIGKILL the process group {@code pid} and every descendant still alive. */
    record KillTree(String service, long pid) implements Effect {}

    /**
     * Start probing readiness of process {@code pid}; report {@link Event.ProbePassed} once. A command check runs in
     * {@code workingDir} with {@code environment} (the service's).
     */
    record StartProbe(String service, long pid, Readiness readiness, String workingDir,
                      Map<String, String> environment) implements Effect {}

    /**
     * RD-3: once {@code after} has passed, run {@code liveness}'s check once against process {@code pid}, bounded by
     * its {@code timeout}, and report {@link Event.LivenessChecked}. Until it runs it waits under {@code key}, one
     * timer among the others: a {@link CancelTimer} of that key drops it. The check itself runs when its time comes,
     * without asking the supervisor again, so a check costs the loop one event (its result). A command check runs in
     * {@code workingDir} with {@code environment}.
     */
    record CheckLiveness(TimerKey key, Duration after, String service, long pid, Liveness liveness, String workingDir,
                         Map<String, String> environment) implements Effect {}

    /**
     * WT-1: watch the file system for these services' {@code watch} settings (replacing what was watched before; an
     * empty map watches nothing) and report {@link Event.PathChanged} for each change one of them matches.
     */
    record WatchPaths(Map<String, PathWatch> watches) implements Effect {
        public WatchPaths {
            watches = Map.copyOf(watches);
        }
    }

    /** Stop probing the service (its process is stopping or gone). */
    record StopProbe(String service) implements Effect {}

    record ScheduleTimer(TimerKey key, Duration after) implements Effect {}

    record CancelTimer(TimerKey key) implements Effect {}

    /** Send a streamed frame ({@link Response.Progress}) to the client of {@code requestId}. */
    record Stream(long requestId, Response response) implements Effect {}

    /**
     * Send the final response to the client of {@code requestId} and close the exchange.
     *
     * @param logTails ST-9: services whose last log lines follow the errors of the {@link Response.Result}, each as
     *                 {@code last log lines of NAME:} and its lines
     */
    record Reply(long requestId, Response response, List<String> logTails) implements Effect {
        public Reply {
            logTails = List.copyOf(logTails);
        }

        /** A reply that shows no service's log. */
        public Reply(long requestId, Response response) {
            this(requestId, response, List.of());
        }
    }

    /** Watch the activation process; report {@link Event.ActivationExited} when it exits (or is already gone). */
    record WatchActivation(long pid, long startTime) implements Effect {}

    /**
     * Read and validate the manifest from disk, compute environments, report ManifestLoaded/ManifestRejected.
     * {@code applying}: the whole file is about to be applied (a reload), so UP-3's stale flag clears; a restart
     * (RS-8) reads it to apply only its targets' definitions, and the flag stays.
     */
    record LoadManifest(long requestId, boolean applying) implements Effect {
        /** A load for a reload, which applies the whole file. */
        public LoadManifest(long requestId) {
            this(requestId, true);
        }
    }

    /**
     * Write state.json: the live service process groups and the registered activations (CS-8 recovery); and tell the
     * guardian (CS-12) how to stop the groups should this daemon die: by {@code stopLevels}, the services' names in the
     * levels a stop of them all proceeds by (SP-3, {@link dev.envy.core.graph.ServiceGraph#stopLevels}).
     */
    record PersistState(List<LiveProcess> processes, List<Activation> activations, List<List<String>> stopLevels)
            implements Effect {
        public PersistState {
            processes = List.copyOf(processes);
            activations = List.copyOf(activations);
            stopLevels = stopLevels.stream().map(List::copyOf).toList();
        }

        /** Processes with no dependency order among them: one stop level. */
        public PersistState(List<LiveProcess> processes, List<Activation> activations) {
            this(processes, activations, processes.isEmpty() ? List.of()
                    : List.of(processes.stream().map(LiveProcess::service).distinct().sorted().toList()));
        }
    }

    /**
     * Run {@code hook.on-deactivate}, {@code script}, with bash in the project directory and {@code environment} (the
     * one every service shares), after the last activation ended and every service stopped.
     */
    record RunDeactivateHook(String script, Map<String, String> environment) implements Effect {}

    /** Every service is stopped and every reply sent: remove the socket, release the lock, exit. */
    record ExitDaemon() implements Effect {}

    /**
     * A live service process group, as state.json records it (CS-8): enough for a successor to stop it as this
     * daemon would — its {@code stop} settings, and for a shutdown command the {@code workingDir} and
     * {@code environment} it runs with (empty without one).
     */
    record LiveProcess(String service, long pid, long startTime, Stop stop, String workingDir,
                       Map<String, String> environment) {}

    record Activation(long pid, long startTime) {}
}
