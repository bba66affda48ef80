package dev.envy.daemon.process;

import dev.envy.daemon.os.Native;
import dev.envy.daemon.os.ProcStat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Reaps the zombies the JDK does not own and remembers where service processes escaped to.
 *
 * <p>The daemon is a child subreaper, so a double-forked grandchild is reparented to it and stays a zombie after it
 * dies until someone waits for it. The JDK waits only for the processes it spawned, so every {@value #PERIOD_MILLIS}
 * ms (and on demand) this scans {@code /proc} for zombie children of the daemon that are not JDK-spawned and reaps
 * each by pid. "Not JDK-spawned" is decided as: not a live service leader registered here, and not in the daemon's
 * own session (other JDK children of the daemon, started without {@code setsid}, stay in its session).
 *
 * <p>The same scan records, per live service, each descendant and session member (pid + start time), so a process
 * that left the service's session and group with {@code setsid} can still be killed with it. One that double-forked
 * out of the session faster than a scan is recognised by its environment ({@code ENVY_SERVICE=<name>}, inherited
 * from the service).
 */
final class OrphanReaper implements AutoCloseable {

    static final long PERIOD_MILLIS = 500;

    /** A process recorded as belonging to a service's tree. */
    record Tracked(long pid, long startTime) {}

    private final long self = Native.getpid();
    private final long ownSession = ProcStat.sessionId(self).orElse(-1);
    private final Set<Long> jdkOwned = new HashSet<>();
    private final Map<Long, Set<Tracked>> trees = new ConcurrentHashMap<>();
    private final Map<Long, String> markers = new ConcurrentHashMap<>();
    private final Consumer<String> diagnostics;
    private final Thread thread;
    private volatile boolean closed;

    OrphanReaper(Consumer<String> diagnostics) {
        this.diagnostics = diagnostics;
        this.thread = new Thread(this::loop, "envy-reaper");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Runs {@code spawn} (which starts a service leader that its spawner reaps: the JDK, or {@link ServicePoller} for
     * one started with posix_spawn) so that the reaper can never mistake it for an orphan.
     *
     * @param marker an environment entry ({@code ENVY_SERVICE=web}) that identifies the service's orphans which left
     *               its session, or null
     */
    <T> T spawnOwned(SpawnAction<T> spawn, java.util.function.ToLongFunction<T> pidOf, String marker)
            throws java.io.IOException {
        synchronized (jdkOwned) {
            T process = spawn.run();
            long pid = pidOf.applyAsLong(process);
            jdkOwned.add(pid);
            trees.put(pid, ConcurrentHashMap.newKeySet());
            if (marker != null) {
                markers.put(pid, marker);
            }
            return process;
        }
    }

    /**
     * Live orphans reparented to the daemon (outside its own session, not JDK-spawned, not in the tree of another live
     * service) whose environment holds the marker of {@code leader}: processes of that service that double-forked
     * and left its session with setsid before any scan saw them.
     */
    List<Long> escapedOrphans(long leader, List<ProcStat.Entry> scan) {
        String marker = markers.get(leader);
        if (marker == null) {
            return List.of();
        }
        List<Long> found = new java.util.ArrayList<>();
        for (ProcStat.Entry e : scan) {
            if (e.ppid() == self && !e.zombie() && e.sid() != ownSession && !ownedOrOtherTree(e, leader)
                    && ProcStat.environmentContains(e.pid(), marker)) {
                found.add(e.pid());
            }
        }
        return found;
    }

    private boolean ownedOrOtherTree(ProcStat.Entry e, long leader) {
        synchronized (jdkOwned) {
            if (jdkOwned.contains(e.pid())) {
                return true;
            }
        }
        return trees.keySet().stream().anyMatch(other -> other != leader
                && (e.sid() == other || e.pgid() == other));
    }

    interface SpawnAction<T> {
        T run() throws java.io.IOException;
    }

    /** Its spawner has reaped {@code pid}: it no longer needs protecting. Its tree record stays until {@link #forget}. */
    void leaderReaped(long pid) {
        synchronized (jdkOwned) {
            jdkOwned.remove(pid);
        }
    }

    void forget(long leader) {
        trees.remove(leader);
        markers.remove(leader);
    }

    /** The recorded escapees of {@code leader} that are still the same live processes. */
    List<Tracked> tracked(long leader) {
        return trees.getOrDefault(leader, Set.of()).stream().filter(t -> ProcStat.alive(t.pid(), t.startTime()))
                .toList();
    }

    /** One pass: reap our non-JDK zombie children, record the trees of live services. */
    void scanNow() {
        List<ProcStat.Entry> scan = ProcStat.all();
        reap(scan);
        for (Map.Entry<Long, Set<Tracked>> tree : trees.entrySet()) {
            long leader = tree.getKey();
            Set<Tracked> seen = tree.getValue();
            for (ProcStat.Entry e : ProcStat.descendants(leader, scan)) {
                if (!e.zombie()) {
                    seen.add(new Tracked(e.pid(), e.startTime()));
                }
            }
            for (ProcStat.Entry e : ProcStat.membersOf(leader, scan)) {
                if (!e.zombie() && e.pid() != leader) {
                    seen.add(new Tracked(e.pid(), e.startTime()));
                }
            }
            seen.removeIf(t -> scan.stream().noneMatch(e -> e.pid() == t.pid() && e.startTime() == t.startTime()
                    && !e.zombie()));
        }
    }

    /** Reaps, from {@code scan}, every zombie child of the daemon that the JDK does not own. */
    void reap(List<ProcStat.Entry> scan) {
        for (ProcStat.Entry e : scan) {
            if (e.zombie() && e.ppid() == self && e.sid() != ownSession) {
                synchronized (jdkOwned) {
                    if (!jdkOwned.contains(e.pid())) {
                        Native.waitpidNoHang(e.pid());
                    }
                }
            }
        }
    }

    private void loop() {
        while (!closed) {
            try {
                scanNow();
            } catch (RuntimeException e) {
                diagnostics.accept("reaping orphaned processes failed: " + e.getMessage());
            }
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
