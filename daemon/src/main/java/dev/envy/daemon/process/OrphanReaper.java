package dev.envy.daemon.process;

import dev.envy.host.os.Native;
import dev.envy.host.os.ProcStat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reaps the zombies the JDK does not own and remembers where service processes escaped to.
 *
 * <p>The daemon is a child subreaper, so a double-forked grandchild is reparented to it and stays a zombie after it
 * dies until someone waits for it. The JDK waits only for the processes it spawned, so this scans {@code /proc} (and
 * on demand) for zombie children of the daemon that are not JDK-spawned and reaps each by pid. A burst of spawns is
 * followed by a scan once no spawn came for {@value #SPAWN_SETTLE_MILLIS} ms (at most {@value #SPAWN_BURST_MILLIS} ms
 * after its first); scans then come every {@value #PERIOD_MILLIS} ms while they find something new, and twice as far
 * apart after each quiet one, up to {@value #QUIET_PERIOD_MILLIS} ms: trees change mostly as services start. (A process
 * that escapes later still carries its service's marker.) Between those scans the reaper only asks the kernel, every
 * {@value #LOOK_PERIOD_MILLIS} ms, whether a child of the daemon waits to be reaped ({@link Native#zombieChild}: one
 * system call, where a scan reads the stat of every process on the machine), and scans at once when one does: an
 * orphan that dies is reaped as soon as before, and a daemon whose services just run costs next to no CPU. "Not JDK-spawned" is decided as: not a live service leader registered here, and not in the daemon's
 * own session (other JDK children of the daemon, started without {@code setsid}, stay in its session).
 *
 * <p>The same scan records, per live service, each descendant and session member (pid + start time), so a process
 * that left the service's session and group with {@code setsid} can still be killed with it. One that double-forked
 * out of the session faster than a scan is recognised by its environment ({@code ENVY_SERVICE=<name>}, inherited
 * from the service).
 *
 * <p>HD-9: one that did both and cleared its environment too ({@code setsid -f env -i …}) is still what the subreaper
 * sees: a child of the daemon outside its session that no service's record claims. Such a stray, started while
 * services ran and after the first of them, is recorded: with one service running it can only be that service's, and
 * joins its tree; with several, which one made it cannot be told, so it is killed once no service that could own it
 * runs any more ({@link #straysIfNoService}: after the last stop, and so at every teardown). A helper the daemon
 * itself starts outside its session (the guardian) is {@link #own owned}, so it is never taken for one.
 */
final class OrphanReaper implements AutoCloseable {

    static final long PERIOD_MILLIS = 500;
    /** The longest pause between two scans of /proc while nothing changes. */
    static final long QUIET_PERIOD_MILLIS = 64_000;
    /** How often, between scans, the reaper looks for a zombie child (which makes it scan at once). */
    static final long LOOK_PERIOD_MILLIS = 8_000;
    /** After a spawn, the scan waits until no other spawn came for this long... */
    static final long SPAWN_SETTLE_MILLIS = 50;
    /** ...but no longer than this after the first spawn of a burst. */
    static final long SPAWN_BURST_MILLIS = 250;

    /** A process recorded as belonging to a service's tree. */
    record Tracked(long pid, long startTime) {}

    private final long self = Native.getpid();
    private final long ownSession = ProcStat.sessionId(self).orElse(-1);
    private final Set<Long> jdkOwned = new HashSet<>();
    private final Map<Long, Set<Tracked>> trees = new ConcurrentHashMap<>();
    private final Map<Long, String> markers = new ConcurrentHashMap<>();
    /** When each recorded tree's leader started (clock ticks since boot, as /proc says). */
    private final Map<Long, Long> treeStarts = new ConcurrentHashMap<>();
    /** HD-9: live strays no service's record claims, while more than one service ran. */
    private final Set<Tracked> strays = ConcurrentHashMap.newKeySet();
    private final Consumer<String> diagnostics;
    private final Thread thread;
    private final Object wake = new Object();
    private boolean spawned;
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
            treeStarts.put(pid, ProcStat.startTime(pid).orElse(0));
            if (marker != null) {
                markers.put(pid, marker);
            }
            synchronized (wake) {
                spawned = true; // its tree grows now: scan soon, then at the short period again
                wake.notifyAll();
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

    /**
     * Records the tree of the process group {@code pgid}, which this daemon did not spawn (a killed predecessor's
     * service), as it records a spawned service's, until {@link #forget}.
     */
    void adopt(long pgid) {
        trees.putIfAbsent(pgid, ConcurrentHashMap.newKeySet());
        treeStarts.putIfAbsent(pgid, ProcStat.startTime(pgid).orElse(0));
    }

    /** {@code pid} is the JDK's child, never a service's: not to be reaped here nor counted as a stray. */
    void own(long pid) {
        synchronized (jdkOwned) {
            jdkOwned.add(pid);
        }
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
        treeStarts.remove(leader);
    }

    /**
     * HD-9: when no service's tree is recorded any more, the strays recorded while several ran (still the same live
     * processes), which are then nobody's but this environment's: the caller kills them. Empty while a service runs.
     */
    List<Tracked> straysIfNoService() {
        synchronized (jdkOwned) { // no spawn in between: a tree recorded now would be a service the strays predate
            if (!trees.isEmpty() || strays.isEmpty()) {
                return List.of();
            }
            List<Tracked> live = strays.stream().filter(t -> ProcStat.alive(t.pid(), t.startTime())).toList();
            strays.clear();
            return live;
        }
    }

    /** The recorded escapees of {@code leader} that are still the same live processes. */
    List<Tracked> tracked(long leader) {
        return trees.getOrDefault(leader, Set.of()).stream().filter(t -> ProcStat.alive(t.pid(), t.startTime()))
                .toList();
    }

    /** One pass: reap our non-JDK zombie children, record the trees of live services; true if anything changed. */
    boolean scanNow() {
        return scanNow(ProcStat.all());
    }

    /** {@link #scanNow()} with a scan the caller took. */
    boolean scanNow(List<ProcStat.Entry> scan) {
        boolean changed = reap(scan);
        for (Map.Entry<Long, Set<Tracked>> tree : trees.entrySet()) {
            long leader = tree.getKey();
            Set<Tracked> seen = tree.getValue();
            for (ProcStat.Entry e : ProcStat.descendants(leader, scan)) {
                if (!e.zombie()) {
                    changed |= seen.add(new Tracked(e.pid(), e.startTime()));
                }
            }
            for (ProcStat.Entry e : ProcStat.membersOf(leader, scan)) {
                if (!e.zombie() && e.pid() != leader) {
                    changed |= seen.add(new Tracked(e.pid(), e.startTime()));
                }
            }
            changed |= seen.removeIf(t -> scan.stream().noneMatch(e -> e.pid() == t.pid()
                    && e.startTime() == t.startTime() && !e.zombie()));
        }
        changed |= recordStrays(scan);
        return changed;
    }

    /**
     * HD-9: records, while several services run, the children of the daemon outside its session that no record
     * claims and that started after the first of them; true if a new one was seen. (With one service running, such a
     * child can only be that service's: {@link #straysOf} finds it when it is stopped.)
     */
    private boolean recordStrays(List<ProcStat.Entry> scan) {
        Map<Long, Long> starts = Map.copyOf(treeStarts);
        if (starts.size() < 2) {
            return false;
        }
        boolean changed = false;
        for (ProcStat.Entry e : unclaimed(scan, starts)) {
            changed |= strays.add(new Tracked(e.pid(), e.startTime()));
        }
        return changed;
    }

    /**
     * HD-9: when {@code leader}'s is the only service tree recorded, the live children of the daemon outside its
     * session that no record claims and that started after it: they can only be its own, made with {@code setsid}
     * and a cleared environment faster than any scan. Empty while other services run.
     */
    List<Long> straysOf(long leader, List<ProcStat.Entry> scan) {
        Map<Long, Long> starts = Map.copyOf(treeStarts);
        if (starts.size() != 1 || !starts.containsKey(leader)) {
            return List.of();
        }
        // the strays recorded while others ran are left to straysIfNoService, which says what it kills
        return unclaimed(scan, starts).stream().filter(e -> !strays.contains(new Tracked(e.pid(), e.startTime())))
                .map(ProcStat.Entry::pid).toList();
    }

    private List<ProcStat.Entry> unclaimed(List<ProcStat.Entry> scan, Map<Long, Long> starts) {
        long firstStart = starts.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
        List<ProcStat.Entry> found = new java.util.ArrayList<>();
        for (ProcStat.Entry e : scan) {
            if (e.ppid() == self && !e.zombie() && e.sid() != ownSession && e.startTime() >= firstStart
                    && !claimed(e, new Tracked(e.pid(), e.startTime()))) {
                found.add(e);
            }
        }
        return found;
    }

    /** Whether a service's record, group, session or marker claims {@code e}. */
    private boolean claimed(ProcStat.Entry e, Tracked t) {
        synchronized (jdkOwned) {
            if (jdkOwned.contains(e.pid())) {
                return true;
            }
        }
        for (Map.Entry<Long, Set<Tracked>> tree : trees.entrySet()) {
            long leader = tree.getKey();
            if (e.pgid() == leader || e.sid() == leader || tree.getValue().contains(t)) {
                return true;
            }
        }
        return markers.values().stream().anyMatch(m -> ProcStat.environmentContains(e.pid(), m));
    }

    /** Reaps, from {@code scan}, every zombie child of the daemon that the JDK does not own; true if it reaped one. */
    boolean reap(List<ProcStat.Entry> scan) {
        boolean reaped = false;
        for (ProcStat.Entry e : scan) {
            if (e.zombie() && e.ppid() == self && e.sid() != ownSession) {
                synchronized (jdkOwned) {
                    if (!jdkOwned.contains(e.pid())) {
                        Native.waitpidNoHang(e.pid());
                        reaped = true;
                    }
                }
            }
        }
        return reaped;
    }

    private void loop() {
        long period = PERIOD_MILLIS;
        boolean sawSpawn = false;
        while (!closed) {
            boolean changed = true;
            try {
                changed = scanNow();
            } catch (RuntimeException e) {
                diagnostics.accept("reaping orphaned processes failed: " + e.getMessage());
            }
            try {
                synchronized (wake) {
                    period = nextPeriod(period, changed || sawSpawn);
                    sawSpawn = false;
                    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(period);
                    long nextLook = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LOOK_PERIOD_MILLIS);
                    long burstEnd = Long.MAX_VALUE;
                    while (!closed) {
                        if (spawned) {
                            // a new tree is worth a look soon, but after the burst of spawns it belongs to: a scan
                            // per spawn would compete with the spawning for the CPU while 50 services start
                            spawned = false;
                            sawSpawn = true;
                            long now = System.nanoTime();
                            if (burstEnd == Long.MAX_VALUE) {
                                burstEnd = now + TimeUnit.MILLISECONDS.toNanos(SPAWN_BURST_MILLIS);
                            }
                            deadline = Math.min(now + TimeUnit.MILLISECONDS.toNanos(SPAWN_SETTLE_MILLIS), burstEnd);
                        }
                        long now = System.nanoTime();
                        if (now - nextLook >= 0) {
                            nextLook = now + TimeUnit.MILLISECONDS.toNanos(LOOK_PERIOD_MILLIS);
                            if (zombieWaiting()) {
                                break;
                            }
                        }
                        if (deadline - now <= 0) {
                            break;
                        }
                        TimeUnit.NANOSECONDS.timedWait(wake, Math.max(1, Math.min(deadline - now, nextLook - now)));
                    }
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Whether a child of the daemon has exited and waits to be reaped; true when the kernel cannot say. */
    private static boolean zombieWaiting() {
        try {
            return Native.zombieChild() != 0;
        } catch (RuntimeException e) {
            return true; // scan, as the reaper did before it could ask
        }
    }

    /** The pause before the next scan: the short period after a change, else twice the last one, up to the quiet one. */
    static long nextPeriod(long last, boolean changed) {
        return changed ? PERIOD_MILLIS : Math.min(last * 2, QUIET_PERIOD_MILLIS);
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
