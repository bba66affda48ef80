package dev.envy.daemon.loop;

import dev.envy.core.lifecycle.Effect;
import dev.envy.core.lifecycle.Event;
import dev.envy.core.protocol.Request;
import dev.envy.core.lifecycle.NotifyMessage;
import dev.envy.core.lifecycle.TimerKey;
import dev.envy.host.os.ProcStat;
import dev.envy.core.protocol.Response;
import dev.envy.daemon.probe.LineTap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Carries out the supervisor's effects, in order, on the loop thread, and turns their outcomes into events posted to
 * the {@link EventQueue}. It decides nothing: what it adds to a reply is what the reply asks for (ST-9's last log lines
 * of the services it names) or a fact of the disk (UP-3's stale flag).
 */
public final class EffectExecutor {
    /** ST-9: how many of a failed service's last log lines a result shows. */
    public static final int FAILED_LOG_LINES = 10;
    /** TV-1: how long the exit waits for watchers to be sent the last state. */
    static final java.time.Duration WATCH_FLUSH = java.time.Duration.ofSeconds(2);

    private final EventQueue queue;
    private final Clients clients;
    private final TimerPort timers;
    private final ProcessPort processes;
    private final ProbePort probes;
    private final ActivationPort activations;
    private final ManifestPort manifests;
    private final HostPort host;
    private final Executor background;
    private final LogSink log;
    private final Map<String, RunningProbe> runningProbes = new ConcurrentHashMap<>();
    /** The output lines of each service's current process, held for (then routed to) its log readiness probe. */
    private final Map<String, LineTap> taps = new ConcurrentHashMap<>();
    private final Map<String, Long> pids = new ConcurrentHashMap<>();
    /** ST-10: the leader of each service's last spawn that does not daemonize, for its settle window. */
    private final Map<String, Leader> leaders = new ConcurrentHashMap<>();
    private final WatchDelivery watches = new WatchDelivery();
    /** Where each service's log stood when its current (or last) process was spawned: its run's lines follow. */
    private final Map<String, Long> runMarks = new ConcurrentHashMap<>();
    /** RD-1: the notify socket of each service's current process (notify services only). */
    private final Map<String, NotifyPort.Socket> notifySockets = new ConcurrentHashMap<>();
    private final NotifyPort notify;
    private final PathWatchPort paths;
    private Effect.PersistState unsaved;

    private record RunningProbe(long pid, ProbePort.Probe probe) {}

    /** The edges the executor acts through. */
    public record Ports(TimerPort timers, ProcessPort processes, ProbePort probes, ActivationPort activations,
                        ManifestPort manifests, HostPort host, Executor background, LogSink log, NotifyPort notifications,
                        PathWatchPort paths) {
        /** The edges of a daemon that watches no paths (WT-1). */
        public Ports(TimerPort timers, ProcessPort processes, ProbePort probes, ActivationPort activations,
                     ManifestPort manifests, HostPort host, Executor background, LogSink log,
                     NotifyPort notifications) {
            this(timers, processes, probes, activations, manifests, host, background, log, notifications,
                    PathWatchPort.NONE);
        }
    }

    public EffectExecutor(EventQueue queue, Clients clients, Ports ports) {
        this.queue = queue;
        this.clients = clients;
        this.timers = ports.timers();
        this.processes = ports.processes();
        this.probes = ports.probes();
        this.activations = ports.activations();
        this.manifests = ports.manifests();
        this.host = ports.host();
        this.background = ports.background();
        this.log = ports.log();
        this.notify = ports.notifications();
        this.paths = ports.paths();
    }

    /**
     * Carries out a transition's effects in order, each as {@link #execute} does, except that the stop signals of one
     * transition go out together: a signal waits for the next effect that is not a signal, a timer or a probe's stop
     * (so it still precedes every spawn, kill, reply or state write after it), then every waiting group gets its
     * signal and one scan of the process table serves the processes outside all their groups. Stopping 50 services
     * costs one scan instead of 50 (~20 ms each on a loaded machine), and their signals leave within microseconds.
     */
    public void executeAll(List<Effect> effects) {
        List<Effect.SendSignal> signals = new ArrayList<>();
        for (Effect effect : effects) {
            switch (effect) {
                case Effect.SendSignal s -> signals.add(s);
                case Effect.ScheduleTimer t -> execute(t);
                case Effect.CancelTimer t -> execute(t);
                case Effect.CheckLiveness c -> execute(c); // a timer too: nothing a client or the host observes
                case Effect.StopProbe p -> execute(p);
                case Effect.PersistState p -> {
                    signalAll(signals);
                    unsaved = p;
                }
                case Effect.Spawn s -> {
                    signalAll(signals);
                    execute(s);
                }
                default -> {
                    signalAll(signals);
                    persistNow();
                    execute(effect);
                }
            }
        }
        signalAll(signals);
    }

    /**
     * Writes the latest state the supervisor asked to persist, if not written yet. A {@link Effect.PersistState} is a
     * whole snapshot, so when 50 services start or stop (50 events, each changing the live processes) only the last
     * one needs writing: {@link #executeAll} keeps it until an effect that a client or the host could observe (a
     * reply, a stream, a registration, the exit…), and the loop calls this whenever it has no event left to handle.
     */
    public void persistNow() {
        Effect.PersistState p = unsaved;
        if (p != null) {
            unsaved = null;
            execute(p);
        }
    }

    /** Sends the waiting signals (if any) and clears the list. */
    private void signalAll(List<Effect.SendSignal> signals) {
        if (signals.isEmpty()) {
            return;
        }
        try {
            if (signals.size() == 1) {
                execute(signals.getFirst());
                return;
            }
            processes.signalAll(signals.stream().map(s -> new ProcessPort.SignalTarget(s.pid(), s.signal())).toList());
            for (Effect.SendSignal s : signals) {
                log.info("stopping " + s.service() + ": " + s.signal().fullName() + " to process group " + s.pid());
            }
        } catch (RuntimeException e) {
            log.error("could not carry out SendSignal for the supervisor", e);
        } finally {
            signals.clear();
        }
    }

    /** Carries out one effect. Never throws: a failure is logged and, where the supervisor waits on it, reported. */
    public void execute(Effect effect) {
        try {
            switch (effect) {
                case Effect.Spawn s -> spawn(s);
                case Effect.SendSignal s -> {
                    log.info("stopping " + s.service() + ": " + s.signal().fullName() + " to process group " + s.pid());
                    processes.signal(s.pid(), s.signal());
                }
                case Effect.RunShutdownCommand s -> {
                    log.info("stopping " + s.service() + ": running its shutdown.command");
                    processes.runShutdownCommand(s);
                }
                case Effect.Adopt a -> adopt(a);
                case Effect.KillTree k -> {
                    log.info("killing " + k.service() + ": SIGKILL to the tree of process group " + k.pid());
                    processes.killTree(k.pid());
                }
                case Effect.StartProbe p -> startProbe(p);
                case Effect.StopProbe p -> stopProbe(p.service());
                case Effect.ScheduleTimer t when t.key().kind() == TimerKey.Kind.SETTLE -> settle(t);
                case Effect.CheckLiveness c -> timers.run(c.key(), c.after(), () -> probes.checkOnce(c,
                        passed -> queue.post(new Event.LivenessChecked(c.service(), c.pid(), passed))));
                case Effect.WatchPaths w -> {
                    log.info(w.watches().isEmpty() ? "watching no paths"
                            : "watching paths for " + String.join(", ", new java.util.TreeSet<>(w.watches().keySet())));
                    paths.watch(w.watches());
                }
                case Effect.ScheduleTimer t -> timers.schedule(t.key(), t.after());
                case Effect.CancelTimer t -> timers.cancel(t.key());
                case Effect.Stream s -> stream(s);
                case Effect.Reply r -> reply(r);
                case Effect.WatchActivation w -> {
                    log.info("activation " + w.pid() + " registered");
                    activations.watch(w.pid(), w.startTime(),
                            () -> queue.post(new Event.ActivationExited(w.pid(), w.startTime())));
                }
                case Effect.LoadManifest l -> background.execute(() -> queue.post(load(l.requestId(), l.applying())));
                case Effect.PersistState p -> host.persist(p);
                case Effect.RunDeactivateHook h -> host.runDeactivateHook(h.script(), h.environment());
                case Effect.ExitDaemon e -> exit();
            }
        } catch (RuntimeException e) {
            log.error("could not carry out " + effect.getClass().getSimpleName() + " for the supervisor", e);
        }
    }

    /**
     * ST-10: a service's settle window is over, unless its process has died meanwhile. Its exit is reported once its
     * tree is gone and its output is on disk, which on a busy machine can take longer than the window; a leader
     * already gone then must not make the command that started it say "running": the timer is dropped, and that exit
     * decides (a failed start). A daemonizing service's leader exits by design: its window is not checked this way.
     */
    private void settle(Effect.ScheduleTimer t) {
        Leader leader = leaders.get(t.key().subject());
        if (leader == null) {
            timers.schedule(t.key(), t.after());
            return;
        }
        timers.schedule(t.key(), t.after(), () -> ProcStat.alive(leader.pid(), leader.startTime()));
    }

    private record Leader(long pid, long startTime) {}

    private void spawn(Effect.Spawn s) {
        String service = s.service();
        ProcessPort.Started started;
        closeNotifySocket(service);
        NotifyPort.Socket socket = null;
        try {
            if (s.notifySocket()) {
                socket = notify.open(service);
                notifySockets.put(service, socket);
                Map<String, String> environment = new java.util.LinkedHashMap<>(s.environment());
                environment.put("NOTIFY_SOCKET", socket.address());
                s = s.withEnvironment(environment);
            }
            // Only a log readiness check reads output. It starts once the loop has seen the spawn, so the tap keeps
            // the lines printed before; other services' lines go nowhere but their log file.
            taps.remove(service);
            Consumer<String> lines = ProcessPort.NO_LINES;
            if (s.tapsOutput()) {
                LineTap tap = new LineTap();
                taps.put(service, tap);
                lines = tap::onLine;
            }
            runMarks.put(service, host.logMark(service));
            started = processes.spawn(s, lines);
        } catch (ProcessPort.PortTaken e) {
            closeNotifySocket(service);
            log.info("not spawning " + service + ": " + e.getMessage());
            queue.post(new Event.PortTaken(service, e.name(), e.port(), e.getMessage()));
            return;
        } catch (Exception e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            closeNotifySocket(service);
            log.warn("could not spawn " + service + ": " + reason);
            queue.post(new Event.SpawnFailed(service, reason));
            return;
        }
        long pid = started.pid();
        pids.put(service, pid);
        if (s.daemonizes()) {
            leaders.remove(service);
        } else {
            leaders.put(service, new Leader(pid, started.startTime()));
        }
        log.info("spawned " + service + " pid " + pid);
        queue.post(new Event.Spawned(service, pid, started.startTime(), Optional.of(java.time.Instant.now())));
        if (socket != null) {
            socket.listen(datagram -> queue.post(new Event.Notified(service, pid, NotifyMessage.parse(datagram))));
        }
        NotifyPort.Socket own = socket;
        started.exited().whenComplete((exit, failure) -> {
            if (own != null) {
                notifySockets.remove(service, own);
                own.close();
            }
            if (failure != null) {
                log.error("lost track of " + service + " (pid " + pid + "); reporting it as exited", failure);
                queue.post(new Event.Exited(service, pid, 255, Optional.empty()));
            } else {
                queue.post(new Event.Exited(service, pid, exit.signal().isPresent() ? -1 : exit.exitCode(),
                        exit.signal()));
            }
        });
    }

    private void closeNotifySocket(String service) {
        NotifyPort.Socket old = notifySockets.remove(service);
        if (old != null) {
            old.close();
        }
    }

    private void adopt(Effect.Adopt a) {
        log.info("watching " + a.service() + ": process group " + a.pid() + ", which this daemon did not start");
        processes.adopt(a.pid()).whenComplete((gone, failure) -> {
            if (failure != null) {
                log.error("lost track of " + a.service() + " (pid " + a.pid() + "); reporting it as gone", failure);
            }
            queue.post(new Event.Exited(a.service(), a.pid(), -1, Optional.empty()));
        });
    }

    private void startProbe(Effect.StartProbe p) {
        closeProbe(p.service());
        ProbePort.Probe probe = probes.start(p, () -> queue.post(new Event.ProbePassed(p.service(), p.pid())));
        runningProbes.put(p.service(), new RunningProbe(p.pid(), probe));
        LineTap tap = taps.get(p.service());
        if (tap != null && p.pid() == pids.getOrDefault(p.service(), -1L)) {
            tap.attach(probe::line);
        }
    }

    private void stopProbe(String service) {
        LineTap tap = taps.get(service);
        if (tap != null) {
            tap.detach();
        }
        closeProbe(service);
    }

    private void closeProbe(String service) {
        RunningProbe old = runningProbes.remove(service);
        if (old != null) {
            old.probe().close();
        }
    }

    private Event load(long requestId, boolean applying) {
        try {
            return manifests.load(requestId, applying);
        } catch (RuntimeException e) {
            log.error("could not load the manifest", e);
            return new Event.ManifestRejected(requestId, List.of(), "could not load the manifest: " + e.getMessage());
        }
    }

    private void stream(Effect.Stream s) {
        Optional<Clients.Open> open = clients.find(s.requestId());
        if (open.isEmpty()) {
            return;
        }
        if (s.response() instanceof Response.StatusChanged changed) {
            watches.stream(s.requestId(), open.get().channel(), new Response.StatusChanged(stale(changed.report())));
        } else {
            send(() -> open.get().channel().stream(s.response()));
        }
    }

    private void reply(Effect.Reply r) {
        Optional<Clients.Open> open = clients.take(r.requestId());
        if (open.isEmpty()) {
            return; // the client hung up; the supervisor learns it from ClientGone
        }
        Response response = decorate(r.response(), r.logTails());
        if (open.get().request() instanceof Request.Watch) {
            watches.reply(r.requestId(), open.get().channel(), response);
        } else {
            send(() -> open.get().channel().reply(response));
        }
    }

    /** UP-3: whether envy.toml on disk differs from the applied manifest is known here, not to the supervisor. */
    private Response.StatusReport stale(Response.StatusReport s) {
        return new Response.StatusReport(s.services(), manifests.isStale(), s.activations(), s.hold());
    }

    private Response decorate(Response response, List<String> logTails) {
        return switch (response) {
            case Response.Result result -> withLogTails(result, logTails);
            case Response.StatusReport s -> stale(s);
            case Response.StatusChanged c -> new Response.StatusChanged(stale(c.report()));
            case Response.Welcome w -> w;
            case Response.Progress p -> p;
            case Response.Error e -> e;
            case Response.ShuttingDown d -> d;
        };
    }

    /** ST-9: the last lines of each named service's last run; none for a service this daemon never spawned. */
    private Response.Result withLogTails(Response.Result result, List<String> logTails) {
        List<Response.LogTail> tails = new ArrayList<>();
        for (String service : logTails) {
            Long mark = runMarks.get(service);
            List<String> lines = mark == null ? List.of() : host.lastLogLines(service, FAILED_LOG_LINES, mark);
            if (!lines.isEmpty()) {
                tails.add(new Response.LogTail(service, lines));
            }
        }
        return tails.isEmpty() ? result : result.withLogTails(tails);
    }

    private void send(Runnable sending) {
        try {
            sending.run();
        } catch (RuntimeException e) {
            log.warn("could not answer a client (it hung up?): " + e.getMessage());
        }
    }

    private void exit() {
        log.info("exiting: every service is stopped");
        queue.close();
        int answered = clients.answerAll(new Response.ShuttingDown());
        if (answered > 0) {
            log.warn(answered + " request(s) still open at exit were answered shutting-down");
        }
        runningProbes.keySet().forEach(this::stopProbe);
        try {
            watches.flush(WATCH_FLUSH);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        notifySockets.keySet().forEach(this::closeNotifySocket);
        paths.watch(Map.of());
        timers.close();
        host.exit();
    }
}
