package dev.envy.daemon;

import dev.envy.host.fs.PrivateFiles;
import dev.envy.core.lifecycle.Environments;
import dev.envy.host.os.CurrentUser;
import dev.envy.core.lifecycle.Event;
import dev.envy.core.lifecycle.Orphans;
import dev.envy.core.lifecycle.Supervisor;
import dev.envy.core.lifecycle.Transition;
import dev.envy.core.manifest.LoadResult;
import dev.envy.core.manifest.Manifest;
import dev.envy.core.manifest.Signal;
import dev.envy.core.manifest.Systems;
import dev.envy.core.protocol.Protocol;
import dev.envy.core.runtime.DaemonInfo;
import dev.envy.core.runtime.EnvironmentId;
import dev.envy.core.runtime.ProjectPaths;
import dev.envy.core.runtime.RuntimePaths;
import dev.envy.daemon.env.EnvironmentBuilder;
import dev.envy.daemon.guardian.Guardian;
import dev.envy.host.fs.StateFile;
import dev.envy.daemon.log.DaemonLog;
import dev.envy.daemon.log.JulBridge;
import dev.envy.daemon.log.LogStore;
import dev.envy.daemon.loop.Clients;
import dev.envy.daemon.loop.EffectExecutor;
import dev.envy.daemon.loop.EventLoop;
import dev.envy.daemon.loop.EventQueue;
import dev.envy.daemon.loop.LogSink;
import dev.envy.daemon.loop.ScheduledTimers;
import dev.envy.daemon.loop.StateMachine;
import dev.envy.daemon.notify.NotifySockets;
import dev.envy.host.os.Native;
import dev.envy.daemon.process.ServiceProcesses;
import dev.envy.daemon.paths.PathWatcher;
import dev.envy.daemon.probe.Probes;
import dev.envy.daemon.activation.ActivationWatcher;
import dev.envy.daemon.activation.ClaimWatcher;
import dev.envy.daemon.reload.ManifestWatcher;
import dev.envy.host.fs.DaemonLock;
import dev.envy.host.fs.RuntimeDir;
import dev.envy.daemon.server.SocketServer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One daemon's life, in the order architecture.md gives: claim the environment (runtime dir, {@code daemon.lock} or
 * leave at once), become a subreaper, log, {@code daemon.json}, recover what a killed predecessor left (CS-8), load
 * the manifest (refusing to start when it is invalid or its hook fails: the launcher shows this log's tail), start
 * the supervisor, bind the socket, serve until the supervisor says exit, then leave nothing behind.
 */
final class Daemon {
    static final String VERSION = dev.envy.core.protocol.Protocol.RELEASE;
    /** How long a starting daemon keeps trying for the lock while a client probes it (CS-9). */
    private static final Duration LOCK_PATIENCE = Duration.ofSeconds(2);
    private static final Duration RELOAD_DEBOUNCE = Duration.ofMillis(300);

    private Daemon() {
    }

    static void run(Path projectArgument) {
        Path project;
        ProjectPaths projectPaths;
        DaemonLog daemonLog;
        ManifestSource manifests;
        List<String> closed = new ArrayList<>();
        try {
            project = projectArgument.toRealPath();
            projectPaths = ProjectPaths.of(project);
            PrivateFiles.prepareStateDir(projectPaths, closed::add);
            PrivateFiles.directories(projectPaths.logsDir());
            warmUp();
            manifests = manifestSource(project);
            Manifest.Options options = manifests.parseAhead()
                    .map(r -> r instanceof LoadResult.Loaded loaded ? loaded.manifest().options() : null)
                    .orElse(Manifest.Options.DEFAULTS);
            daemonLog = new DaemonLog(projectPaths.daemonLog(), options.logMaxSize().bytes(), options.logKeep(),
                    switch (options.daemonLogFormat()) {
                        case TEXT -> DaemonLog.Format.TEXT;
                        case JSON -> DaemonLog.Format.JSON;
                    });
        } catch (IOException e) {
            System.err.println("envy daemon: cannot use " + projectArgument + ": " + e.getMessage());
            return;
        }
        JulBridge.install(daemonLog);
        LogSink log = new DaemonLogSink(daemonLog);
        closed.forEach(log::warn);
        try {
            serve(project, projectPaths, manifests, log);
        } catch (IOException | RuntimeException e) {
            log.error("the daemon stopped on an unexpected failure", e);
        } catch (InterruptedException e) {
            log.warn("the daemon was interrupted");
            Thread.currentThread().interrupt();
        } finally {
            reportLingeringThreads(log);
            try {
                daemonLog.close();
            } catch (IOException ignored) {
                // the log is the last thing; nowhere left to report to
            }
        }
    }

    /**
     * The manifest of {@code project}, read and parsed first for the {@code [options]} the daemon log follows (LG-3,
     * LG-4: {@code log-max-size}, {@code log-keep}, {@code daemon-log-format}), so that every line of the log has the
     * configured format and the first lines already count towards its size; an unreadable or invalid manifest gives
     * the defaults (its problems are logged when it is loaded for real, a moment later, without parsing it again).
     * Applied once per daemon, like the service logs' limits.
     */
    private static ManifestSource manifestSource(Path project) {
        EnvironmentBuilder builder = new EnvironmentBuilder();
        String[] envId = new String[1];
        return new ManifestSource(project.resolve("envy.toml"), Systems.current(), m -> {
            if (envId[0] == null) {
                envId[0] = EnvironmentId.of(project);
            }
            return builder.build(m, System.getenv(), project, envId[0]);
        });
    }

    private static void serve(Path project, ProjectPaths projectPaths, ManifestSource manifests, LogSink log)
            throws IOException, InterruptedException {
        long uid = CurrentUser.uid();
        RuntimePaths paths = RuntimePaths.resolve(project, uid, System.getenv());
        RuntimeDir.prepare(paths.runtimeDir(), uid);
        Optional<DaemonLock> claimed = DaemonLock.acquire(paths.daemonLock(), LOCK_PATIENCE);
        if (claimed.isEmpty()) {
            log.info("another daemon already serves " + project + "; this one leaves (AC-5)");
            return;
        }
        DaemonLock lock = claimed.get();
        long pid = ProcessHandle.current().pid();
        InstantSource clock = Clock.systemUTC();
        log.info("daemon " + VERSION + " started: pid " + pid + ", project " + project + ", runtime dir "
                + paths.runtimeDir());
        if (!ServiceProcesses.becomeSubreaper()) {
            log.warn("could not become a child subreaper: double-forked service processes cannot be tracked");
        }
        // a daemon that ends removes its daemon.json before it lets go of the lock: one left behind was killed
        boolean predecessorKilled = Files.exists(paths.daemonJson());
        long started = clock.millis();
        writeDaemonJson(paths, new DaemonInfo(pid, started, VERSION, Protocol.VERSION, paths.socket().toString()));

        Event first = manifests.load(0, true);

        Manifest.Options options = first instanceof Event.ManifestLoaded l ? l.manifest().options()
                : Manifest.Options.DEFAULTS;
        LogStore logStore = new LogStore(projectPaths.logsDir(), options.logMaxSize().bytes(), options.logKeep(),
                log::warn);
        ServiceProcesses processes = new ServiceProcesses(project, logStore, log::warn);
        // CS-12, beside the rest of the start: the JDK's child, neither an orphan nor a stray for the reaper
        Optional<Guardian> guardian = Optional.of(Guardian.start(projectPaths, paths.guardianStops(),
                processes.cgroupBase(), guardianPid -> {
            processes.ownHelper(guardianPid);
            log.info("guardian started: pid " + guardianPid);
        }, why -> log.warn("could not start the guardian (bash, setsid): " + why
                + "; should this daemon be killed, its services live until the next envy command")));
        StateFile stateFile = new StateFile(paths.stateJson());
        Orphans orphans = Recovery.find(stateFile.read().processes(),
                predecessorKilled ? Optional.of(EnvironmentId.of(project)) : Optional.empty(),
                new NativeProcessControl(), log);
        if (orphans.isEmpty()) {
            stateFile.delete(); // what it records is gone; this daemon writes its own
        }

        Manifest manifest;
        Environments environments;
        if (first instanceof Event.ManifestLoaded loaded) {
            manifest = loaded.manifest();
            environments = loaded.environments();
            log.info("loaded " + manifests.file() + ": " + manifest.services().size() + " service(s)");
        } else {
            Event.ManifestRejected rejected = (Event.ManifestRejected) first;
            log.warn("refusing to start: " + rejected.message());
            rejected.problems().forEach(p -> log.warn("  " + p.format()));
            if (orphans.isEmpty()) {
                closeGuardian(guardian, log);
                processes.close();
                logStore.close();
                Files.deleteIfExists(paths.daemonJson());
                lock.close();
                return;
            }
            // what the killed daemon left running is still stopped the normal way, without serving anyone
            manifest = new Manifest(manifests.file(), 1, Map.of(), Manifest.Hook.NONE, Manifest.Profile.NONE, false,
                    Manifest.Options.DEFAULTS, Map.of());
            environments = Environments.NONE;
        }
        boolean serving = first instanceof Event.ManifestLoaded;

        EventQueue queue = new EventQueue();
        Clients clients = new Clients(queue);
        ExecutorService background = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon(true)
                .name("envy-manifest-loader").unstarted(r));
        SocketServer server = new SocketServer(paths.socket(), (request, exchange) ->
                exchange.onClose(clients.accept(request, new ExchangeChannel(exchange))), uid);
        Probes probes = new Probes();
        PathWatcher pathWatcher = new PathWatcher(project,
                (service, path) -> queue.post(new Event.PathChanged(service, path)), log::warn);
        ActivationWatcher activations = new ActivationWatcher();
        ClaimWatcher claims = ClaimWatcher.start(paths.claimsDir(),
                (token, claimant, startTime) -> queue.post(new Event.ActivationClaimed(token, claimant, startTime)));
        ManifestWatcher[] watcher = new ManifestWatcher[1];
        RuntimeDirKeeper[] keeper = new RuntimeDirKeeper[1];
        Runnable exit = () -> {
            if (keeper[0] != null) {
                keeper[0].close();
            }
            server.stopAccepting();
            server.close();
            if (watcher[0] != null) {
                watcher[0].close();
            }
            background.shutdownNow();
            probes.close();
            pathWatcher.close();
            activations.close();
            claims.close();
            processes.close();
            logStore.close();
            try {
                stateFile.delete();
                Files.deleteIfExists(paths.daemonJson());
                lock.close();
            } catch (IOException e) {
                log.warn("could not clean up the runtime dir: " + e.getMessage());
            }
            closeGuardian(guardian, log);
            log.info("daemon exited: socket removed, lock released");
        };
        DaemonHost host = new DaemonHost(stateFile, projectPaths, log, exit, guardian);
        EffectExecutor executor = new EffectExecutor(queue, clients, new EffectExecutor.Ports(
                new ScheduledTimers(queue), new ServiceProcessPort(processes), new ProbeAdapter(probes, project),
                activations::watch, manifests, host, background, log,
                new NotifySockets(paths.runtimeDir().resolve("notify"), log::warn), pathWatcher));
        EventLoop loop = new EventLoop(queue, StateMachine.SUPERVISOR, executor, clock, log);
        Transition initial = Supervisor.start(manifest, environments, orphans, clock.instant());

        SignalHandlers.install(queue::post);
        if (!serving) {
            queue.post(new Event.SignalReceived(Signal.TERM));
            loop.run(initial);
            return;
        }
        server.start(lock);
        keeper[0] = RuntimeDirKeeper.start(paths, uid, server, lock, () -> {
            writeDaemonJson(paths, new DaemonInfo(pid, started, VERSION, Protocol.VERSION, paths.socket().toString()));
            host.persistAgain();
        }, () -> queue.post(new Event.SignalReceived(Signal.TERM)), log);
        if (manifest.options().autoReload()) {
            watcher[0] = ManifestWatcher.start(manifests.file(), RELOAD_DEBOUNCE,
                    () -> queue.post(new Event.SignalReceived(Signal.HUP)));
            log.info("auto-reload: watching " + manifests.file());
        }
        log.info("serving on " + paths.socket() + " (" + sinceJvmStart(clock) + " ms after the JVM started)");
        loop.run(initial);
    }

    private static void closeGuardian(Optional<Guardian> guardian, LogSink log) {
        try {
            if (guardian.isPresent()) {
                guardian.get().close();
            }
        } catch (IOException e) {
            log.warn("could not dismiss the guardian: " + e.getMessage());
        }
    }

    /**
     * Links the native calls (FFM downcalls are generated at first use: ~0.1 s in a cold JVM even as two shapes, and
     * an AOT cache cannot hold them) and loads junixsocket's native library on a side thread while the main thread
     * parses the manifest, claims the lock and loads it: on a busy machine they are the slowest part of a start, and
     * clients wait for the socket, then for the first spawn.
     */
    private static void warmUp() {
        Thread.ofPlatform().daemon(true).name("envy-warmup").start(() -> {
            try {
                Native.link();
            } catch (LinkageError | RuntimeException e) {
                // the first real native call reports the failure
            }
            try {
                Class.forName("org.newsclub.net.unix.AFUNIXServerSocket", true, Daemon.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                // the socket server reports the failure
            }
        });
    }

    /**
     * How long this JVM has been running, from its start time in /proc (so that no management classes are loaded for
     * it): what a cold start of the daemon cost, in its log (docs/startup.md, "The daemon's own start-up").
     */
    private static long sinceJvmStart(InstantSource clock) {
        return ProcessHandle.current().info().startInstant()
                .map(start -> Duration.between(start, clock.instant()).toMillis()).orElse(-1L);
    }

    /** main returns when the daemon is done; a non-daemon thread would keep the JVM alive, so name any left. */
    private static void reportLingeringThreads(LogSink log) {
        Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon() && t != Thread.currentThread()
                        && !t.getName().equals("DestroyJavaVM"))
                .forEach(t -> log.warn("thread " + t.getName() + " is still running at exit"));
    }

    /** daemon.json (CS-9) through a temp file and a rename, so a reader never sees half of it. */
    private static void writeDaemonJson(RuntimePaths paths, DaemonInfo info) throws IOException {
        Path temp = paths.daemonJson().resolveSibling("daemon.json.tmp");
        Files.writeString(temp, info.toJson(), StandardCharsets.UTF_8);
        Files.move(temp, paths.daemonJson(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
