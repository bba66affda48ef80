package dev.envy.daemon.process;

import dev.envy.core.manifest.Signal;
import dev.envy.daemon.log.LogStore;
import dev.envy.daemon.log.ServiceLog;
import dev.envy.host.os.Native;
import dev.envy.host.os.PosixSpawn;
import dev.envy.host.os.ProcStat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Starts and stops the real processes of services. Each service runs as {@code bash -c COMMAND}, started with
 * {@code posix_spawn} in a new session ({@link PosixSpawn}), so the leader's pid is also its process group id and
 * session id, and a signal to the group reaches the whole tree; bash execs the last simple command itself, so a plain
 * command costs no extra process. The environment is exactly the one given; stdout and stderr share one pipe (arrival
 * order kept); one {@link ServicePoller} thread reads every pipe into its service's {@link ServiceLog} and reaps each
 * leader through its pidfd.
 *
 * <p>Call {@link #becomeSubreaper()} once at daemon start so double-forked grandchildren stay visible; this class
 * reaps them ({@link OrphanReaper}).
 */
public final class ServiceProcesses implements AutoCloseable {

    /** How long to keep reading an output pipe after the whole group is gone (an escaped process may hold it). */
    static final long PIPE_GRACE_MILLIS = 2000;
    /**
     * How long a tree may outlive the SIGKILLs sent to it (a process in uninterruptible sleep cannot die) before its
     * end is reported anyway, with a diagnostic, so that a stop always ends.
     */
    private static final long UNKILLABLE_AFTER_MILLIS = 5000;

    /** The variable naming the service in its environment; it marks orphans that escaped its session. */
    static final String SERVICE_VARIABLE = "ENVY_SERVICE";
    /** posix_spawn with closefrom (glibc 2.34) for the spawn, a pidfd (Linux 5.3) for the poller to reap through. */
    private static final boolean SUPPORTED = PosixSpawn.supported() && Native.pidfdSupported();
    private static final String BASH = Executables.find("bash");

    private final Path projectDir;
    private final LogStore logs;
    private final Consumer<String> diagnostics;
    private final OrphanReaper reaper;
    private final ServicePoller output;
    private final ProcessScans scans = new ProcessScans();
    private final ServiceCgroups cgroups;
    /** Groups that got {@link #killTree}: whoever waits for the end of their tree kills what is left of it. */
    private final Set<Long> killed = ConcurrentHashMap.newKeySet();
    /**
     * Finishing an exited service blocks (it waits for the rest of its group and for its output), and 50 services
     * exit together on a stop: a virtual thread each, so no platform thread (stack, malloc arena) outlives the stop.
     */
    private final ExecutorService finishers =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("envy-exit-", 0).factory());

    public ServiceProcesses(Path projectDir, LogStore logs) {
        this(projectDir, logs, message -> System.err.println("envy: " + message));
    }

    /** @param diagnostics where envy's own notes about processes go (the daemon log) */
    public ServiceProcesses(Path projectDir, LogStore logs, Consumer<String> diagnostics) {
        this.projectDir = projectDir;
        this.logs = logs;
        this.diagnostics = diagnostics;
        this.reaper = new OrphanReaper(diagnostics);
        this.output = new ServicePoller(diagnostics);
        this.cgroups = ServiceCgroups.detect(System.getenv());
        diagnostics.accept(cgroups.usable()
                ? "cgroups: each service runs in a cgroup v2 of its own under " + cgroups.base()
                        + "; what is left in it when the service ends is killed (cgroup.kill)"
                : "cgroups: not used (" + cgroups.reason() + "); a service's processes are reached through its"
                        + " process group, session and the daemon's subreaper");
    }

    /**
     * Makes this process a child subreaper (Linux {@code prctl}); call once before spawning anything. Returns false
     * where the platform does not support it (orphans then go to init and cannot be tracked).
     */
    public static boolean becomeSubreaper() {
        return Native.becomeChildSubreaper();
    }

    /** Spawns a service whose leader is its main process: when the leader exits the rest of its group is killed. */
    public SpawnedProcess spawn(String service, String command, Map<String, String> environment, String workingDir,
                                LineListener lines) throws SpawnException {
        return start(service, command, environment, workingDir, lines, false, true);
    }

    /**
     * Spawns a service; with {@code daemonizes} ({@code is-daemon}) the leader is expected to exit after forking the
     * real process, and {@link SpawnedProcess#exited()} completes only when every process of the service is gone.
     */
    public SpawnedProcess spawn(String service, String command, Map<String, String> environment, String workingDir,
                                LineListener lines, boolean daemonizes) throws SpawnException {
        return start(service, command, environment, workingDir, lines, daemonizes, true);
    }

    /**
     * Runs {@code shutdown.command} with {@code bash -c} in its own session, its output appended to the service's
     * log. The future completes as {@link SpawnedProcess#exited()} does.
     */
    public CompletableFuture<ExitStatus> runShutdownCommand(String service, String command,
                                                            Map<String, String> environment, String workingDir) {
        try {
            return start(service, command, environment, workingDir, LineListener.NONE, false, false).exited();
        } catch (SpawnException e) {
            diagnostics.accept(e.getMessage());
            return CompletableFuture.completedFuture(ExitStatus.code(127));
        }
    }

    /**
     * Watches the process group {@code pgid}, which this daemon did not spawn (a killed predecessor's service), as it
     * watches a daemonizing service of its own: its tree is recorded, signals and kills reach all of it, and the
     * future completes once nothing of it is left.
     */
    public CompletableFuture<Void> adopt(long pgid) {
        reaper.adopt(pgid);
        CompletableFuture<Void> gone = new CompletableFuture<>();
        finishers.execute(() -> {
            try {
                untilTreeGone(pgid, () -> killed.contains(pgid));
            } finally {
                reaper.forget(pgid);
                killed.remove(pgid);
                gone.complete(null);
            }
        });
        return gone;
    }

    /**
     * Sends {@code signal} to the process group {@code pgid}, and to each live process of the service's tree outside
     * that group (session members in other groups, processes that escaped with setsid, a daemonizing service's
     * forked daemon). Returns false if nothing was left to signal.
     */
    public boolean signal(long pgid, Signal signal) {
        return signalAll(Map.of(pgid, signal)).contains(pgid);
    }

    /**
     * {@link #signal} for several groups at once: every group gets its signal first, then one scan of the process table
     * finds the processes of all their trees outside their groups. Returns the groups of which something was
     * signalled.
     */
    public Set<Long> signalAll(Map<Long, Signal> byGroup) {
        Set<Long> reached = new HashSet<>();
        byGroup.forEach((pgid, signal) -> {
            if (send(-pgid, signal)) {
                reached.add(pgid);
            }
        });
        List<ProcStat.Entry> scan = scans.fresh();
        Map<Long, Long> groupOf = new HashMap<>();
        scan.forEach(e -> groupOf.put(e.pid(), e.pgid()));
        byGroup.forEach((pgid, signal) -> {
            for (long pid : liveTreeOf(pgid, scan)) {
                if (!pgid.equals(groupOf.get(pid)) && send(pid, signal)) {
                    reached.add(pgid);
                }
            }
        });
        return reached;
    }

    /**
     * SIGKILLs the process group {@code pgid}, every member of its session, every descendant of its leader and of
     * those members, and every process recorded as having escaped it — once, from one look at the process table. What
     * a dying process forked meanwhile is killed by whoever waits for the end of the tree (the leader's finisher),
     * before the service's end is reported. Returns whether anything was signalled.
     */
    public boolean killTree(long pgid) {
        killed.add(pgid);
        boolean any = cgroups.kill(pgid);
        any |= kill(-pgid);
        for (long pid : liveTreeOf(pgid, scans.fresh())) {
            any |= kill(pid);
        }
        return any;
    }

    private boolean kill(long target) {
        return send(target, Signal.KILL);
    }

    /** {@code signal} to a pid, or to a group when negative; false if it is gone or may not be signalled. */
    private boolean send(long target, Signal signal) {
        try {
            return target < 0 ? Native.killGroup(-target, signal.number()) : Native.kill(target, signal.number());
        } catch (Native.NativeException e) {
            diagnostics.accept("cannot send " + signal.fullName() + " to "
                    + (target < 0 ? "process group " + -target : "pid " + target) + ": " + e.getMessage());
            return false;
        }
    }

    /** Live (non-zombie) processes of the tree rooted at group/session {@code id}, leader first if alive. */
    private List<Long> liveTreeOf(long id, List<ProcStat.Entry> scan) {
        Map<Long, ProcStat.Entry> tree = new LinkedHashMap<>();
        ProcStat.Entry leader = scan.stream().filter(e -> e.pid() == id).findFirst().orElse(null);
        // a leader that left its own group and session is a reused pid, not ours: leave its children alone
        if (leader != null && (leader.pgid() == id || leader.sid() == id)) {
            tree.put(leader.pid(), leader);
            ProcStat.descendants(id, scan).forEach(e -> tree.put(e.pid(), e));
        }
        for (ProcStat.Entry member : ProcStat.membersOf(id, scan)) {
            tree.put(member.pid(), member);
            ProcStat.descendants(member.pid(), scan).forEach(e -> tree.put(e.pid(), e));
        }
        List<Long> live = new ArrayList<>();
        tree.values().stream().filter(e -> !e.zombie()).forEach(e -> live.add(e.pid()));
        for (OrphanReaper.Tracked t : reaper.tracked(id)) {
            if (!live.contains(t.pid())) {
                live.add(t.pid());
            }
        }
        for (long orphan : reaper.escapedOrphans(id, scan)) {
            if (!live.contains(orphan)) {
                live.add(orphan);
            }
        }
        for (long stray : reaper.straysOf(id, scan)) {
            if (!live.contains(stray)) {
                live.add(stray);
            }
        }
        return live;
    }

    private SpawnedProcess start(String service, String command, Map<String, String> environment,
                                 String workingDir, LineListener lines, boolean daemonizes, boolean isService)
            throws SpawnException {
        Path dir = projectDir.resolve(workingDir).normalize();
        if (!Files.isDirectory(dir)) {
            throw new SpawnException(service + ": working directory " + dir + " does not exist");
        }
        if (!SUPPORTED) {
            throw new SpawnException(service + ": cannot start bash: this system lacks posix_spawn with closefrom"
                    + " (glibc 2.34) or pidfd_open (Linux 5.3)");
        }
        ServiceLog log = logs.open(service);
        // a shutdown command must not claim (and kill) the service's escaped processes it is meant to stop
        String name = isService ? environment.get(SERVICE_VARIABLE) : null;
        String marker = name == null ? null : SERVICE_VARIABLE + "=" + name;
        int[] pipe = Native.pipe(false);
        long pid;
        CompletableFuture<ExitStatus> leaderExit;
        Path cgroup = isService ? cgroups.prepare() : null; // HD-12: made before, so the move is one write after
        try {
            long child = reaper.spawnOwned(() -> {
                long spawned = PosixSpawn.spawn(List.of(BASH, "-c", command), environment, dir.toString(), pipe[1]);
                cgroups.place(cgroup, spawned);
                return spawned;
            }, Long::longValue, marker);
            // our unreaped child: its pid cannot have been reused, so this cannot fail for a live kernel
            int pidfd = Native.pidfdOpen(child).orElseThrow(() -> new IllegalStateException(
                    "pidfd_open failed for the just spawned pid " + child));
            pid = child;
            leaderExit = output.reapOnExit(pid, pidfd).thenApply(ServiceProcesses::exitStatus);
        } catch (IOException | RuntimeException e) {
            Native.close(pipe[0]);
            throw new SpawnException(service + ": cannot start bash: " + e.getMessage(), e);
        } finally {
            Native.close(pipe[1]);
        }
        long startTime = ProcStat.startTime(pid).orElse(0);
        ServicePoller.Stream out = output.add(pipe[0], log, lines);
        Running running = new Running(service, pid, startTime, new CompletableFuture<>());
        leaderExit.whenCompleteAsync((status, failure) -> finish(running,
                failure == null ? status : ExitStatus.code(255), out, log, daemonizes), finishers);
        return running;
    }

    /** How a reaped leader ended, as bash reports it (a signal N as 128 + N, see {@link ExitStatus}). */
    private static ExitStatus exitStatus(Native.WaitStatus status) {
        return ExitStatus.fromShellStatus(status.signal() > 0 ? 128 + status.signal() : status.exitCode());
    }

    private record Running(String service, long pid, long startTime, CompletableFuture<ExitStatus> exited)
            implements SpawnedProcess {}

    private void finish(Running running, ExitStatus status, ServicePoller.Stream out, ServiceLog log,
                        boolean daemonizes) {
        try {
            reaper.leaderReaped(running.pid());
            untilTreeGone(running.pid(), () -> !daemonizes || killed.contains(running.pid()));
            endCgroup(running, daemonizes);
            awaitOutput(running, out);
            reaper.reap(scans.fresh());
            log.flush();
        } catch (RuntimeException e) {
            diagnostics.accept("finishing " + running.service() + " (pid " + running.pid() + ") failed: " + e);
        } finally {
            reaper.scanNow(scans.fresh()); // HD-9: strays made since the last scan are recorded while its tree is
            reaper.forget(running.pid());
            killed.remove(running.pid());
            killStrays();
            running.exited().complete(status);
        }
    }

    /**
     * HD-12: the service's tree is gone as far as its group, session and the subreaper tell; what is still in its
     * cgroup left all of them (another session, a cleared environment, a parent elsewhere) and is killed now, with its
     * service, rather than once no service runs (HD-9). A daemonizing service is over only when its cgroup is empty
     * or it was stopped: its daemon may have left the tree the subreaper follows.
     */
    private void endCgroup(Running running, boolean daemonizes) {
        if (!cgroups.usable()) {
            return;
        }
        while (daemonizes && !killed.contains(running.pid()) && cgroups.populated(running.pid())
                && !Thread.currentThread().isInterrupted()) {
            sleep(OrphanReaper.PERIOD_MILLIS / 5);
        }
        int left = cgroups.end(running.pid(), UNKILLABLE_AFTER_MILLIS);
        if (left > 0) {
            diagnostics.accept("killed " + left + (left == 1 ? " process" : " processes") + " left in the cgroup of "
                    + running.service() + " (pid " + running.pid() + ") once it ended");
        }
        reaper.reap(scans.fresh());
    }

    /** HD-9: once no service runs, what left its service's session and environment unseen is killed too. */
    private void killStrays() {
        for (OrphanReaper.Tracked stray : reaper.straysIfNoService()) {
            String name = ProcStat.name(ProcStat.system(), stray.pid()).orElse("?");
            if (kill(stray.pid())) {
                diagnostics.accept("killed pid " + stray.pid() + " (" + name + "): it had left its service's "
                        + "session and environment, and no service that could have started it runs any more");
            }
        }
    }

    /**
     * Returns once nothing of the tree of {@code pgid} is left alive and no process of its group is a zombie this
     * daemon has to reap. While {@code killing} holds (a service's leader is gone and the rest of its group goes with
     * it, or {@link #killTree} was asked for), each look SIGKILLs what is left; otherwise the tree is only watched (a
     * daemonizing service lives as long as its tree), its escapees recorded. A tree still there
     * {@value #UNKILLABLE_AFTER_MILLIS} ms after the killing began is given up on, with a diagnostic.
     */
    private void untilTreeGone(long pgid, BooleanSupplier killing) {
        long self = Native.getpid();
        long killingSince = Long.MIN_VALUE;
        while (!Thread.currentThread().isInterrupted()) {
            List<ProcStat.Entry> scan = scans.fresh();
            reaper.reap(scan);
            List<Long> live = liveTreeOf(pgid, scan);
            boolean ours = ProcStat.membersOf(pgid, scan).stream().anyMatch(e -> e.zombie() && e.ppid() == self);
            if (live.isEmpty() && !ours) {
                return;
            }
            if (!killing.getAsBoolean()) {
                reaper.scanNow();
                sleep(OrphanReaper.PERIOD_MILLIS / 5);
                continue;
            }
            if (killingSince == Long.MIN_VALUE) {
                killingSince = System.nanoTime();
            } else if (System.nanoTime() - killingSince > TimeUnit.MILLISECONDS.toNanos(UNKILLABLE_AFTER_MILLIS)) {
                diagnostics.accept("processes of group " + pgid + " still present " + UNKILLABLE_AFTER_MILLIS
                        + " ms after SIGKILL: " + live);
                return;
            }
            live.forEach(this::kill);
            sleep(10);
        }
    }

    private void awaitOutput(Running running, ServicePoller.Stream out) {
        try {
            out.done().get(PIPE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            diagnostics.accept(running.service() + " (pid " + running.pid() + "): its output pipe is still held open "
                    + "by a process outside its group " + PIPE_GRACE_MILLIS + " ms after the group was gone; "
                    + "stopped reading it");
            out.abandon();
            out.done().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            diagnostics.accept("output of " + running.service() + ": " + e.getCause());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A helper process the daemon started itself outside its own session (the guardian, CS-12), which the JDK reaps:
     * the reaper must neither reap it nor take it for a service's stray (HD-9).
     */
    public void ownHelper(long pid) {
        reaper.own(pid);
    }

    /** HD-12: the cgroup under which each service gets its own, where they run in cgroups; the guardian ends it. */
    public java.util.Optional<Path> cgroupBase() {
        return java.util.Optional.ofNullable(cgroups.base());
    }

    /** Whether services run in cgroups of their own here (HD-12), for tests to say what they prove. */
    boolean cgroupsUsed() {
        return cgroups.usable();
    }

    /** Reaps and records escapees now instead of at the next period (tests). */
    void trackNow() {
        reaper.scanNow();
    }

    /**
     * Stops the periodic reaper thread and the output reader. Running services are not touched (stop them first);
     * their {@link SpawnedProcess#exited()} still completes, without reading more of their output.
     */
    @Override
    public void close() {
        cgroups.close();
        reaper.close();
        output.close();
    }
}
