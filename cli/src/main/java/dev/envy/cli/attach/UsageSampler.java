package dev.envy.cli.attach;

import dev.envy.core.protocol.ServiceView;
import dev.envy.host.os.ProcStat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Measures each running service's whole process tree from {@code /proc}: the service's process, its descendants, and
 * processes that left it but kept its session (a double fork is adopted by the daemon, a subreaper). CPU% is the CPU
 * time the tree used since the previous measurement, in percent of one core; RSS sums the tree's resident memory;
 * ports are the TCP ports its processes listen on. The process table is scanned, and the ports read, every
 * {@link #RESCAN_EVERY}th time and whenever a service's process changed (a child started in between is counted, and a
 * port it opened shown, from the next scan); a process that vanishes mid-read is simply not counted.
 */
final class UsageSampler {
    /** Clock ticks per second of {@code /proc}'s CPU times (USER_HZ, 100 on every Linux). */
    static final int TICKS_PER_SECOND = 100;
    /**
     * How often (in measurements) the whole process table is scanned for the trees' members and their listening
     * ports; in between only the known members are read, and a member that exited, or a service's new process,
     * brings the next scan forward.
     */
    static final int RESCAN_EVERY = 10;
    private static final String LISTEN = "0A";

    private final Path proc;
    private final long pageSize;
    private Map<Long, Long> lastTicks = Map.of();
    private long lastNanos;
    private int samples;
    private Map<String, List<Integer>> ports = Map.of();
    private Map<String, Set<Long>> members = Map.of();
    private Map<String, Long> roots = Map.of();

    UsageSampler(Path proc) {
        this.proc = proc;
        this.pageSize = pageSize(proc);
    }

    static UsageSampler system() {
        return new UsageSampler(Path.of("/proc"));
    }

    /** Measures the services with a live process; {@code nanos} is {@link System#nanoTime()} now. */
    Map<String, Usage> sample(List<ServiceView> services, long nanos) {
        List<ServiceView> alive = services.stream().filter(LiveViewModel::hasProcess).toList();
        if (alive.isEmpty()) {
            lastTicks = Map.of();
            members = Map.of();
            return Map.of();
        }
        Map<String, Long> nowRoots = new HashMap<>();
        alive.forEach(s -> nowRoots.put(s.name(), s.pid()));
        boolean rescan = samples % RESCAN_EVERY == 0 || !nowRoots.equals(roots);
        Map<Long, ProcStat.Entry> procs = rescan ? rescan(alive) : readMembers();
        if (procs == null) {
            procs = rescan(alive); // a member went away: the trees changed
            rescan = true;
        }
        roots = nowRoots;
        double seconds = lastNanos == 0 ? 0 : (nanos - lastNanos) / 1e9;
        Map<Long, Long> ticksNow = new HashMap<>();
        Map<String, Usage> usage = new HashMap<>();
        for (ServiceView s : alive) {
            long delta = 0;
            long rss = 0;
            for (long pid : members.getOrDefault(s.name(), Set.of())) {
                ProcStat.Entry p = procs.get(pid);
                if (p == null) {
                    continue;
                }
                ticksNow.put(pid, p.cpuTicks());
                Long before = lastTicks.get(pid);
                if (before != null && p.cpuTicks() >= before) {
                    delta += p.cpuTicks() - before;
                }
                rss += p.rssPages() * pageSize;
            }
            double cpu = seconds <= 0 ? 0 : delta * 100.0 / TICKS_PER_SECOND / seconds;
            usage.put(s.name(), new Usage(cpu, rss, List.of()));
        }
        if (rescan) {
            ports = listening(members);
        }
        samples++;
        Map<String, Usage> withPorts = new HashMap<>();
        usage.forEach((name, u) -> withPorts.put(name, new Usage(u.cpuPercent(), u.rssBytes(),
                ports.getOrDefault(name, List.of()))));
        lastTicks = ticksNow;
        lastNanos = nanos;
        return withPorts;
    }

    /** One scan of the whole process table: who belongs to which service now (zombies use nothing). */
    private Map<Long, ProcStat.Entry> rescan(List<ServiceView> alive) {
        List<ProcStat.Entry> scan;
        try {
            scan = ProcStat.all(proc).stream().filter(e -> !e.zombie()).toList();
        } catch (IllegalStateException unreadable) {
            scan = List.of();
        }
        Map<Long, ProcStat.Entry> table = new HashMap<>();
        scan.forEach(e -> table.put(e.pid(), e));
        Map<String, Set<Long>> trees = new HashMap<>();
        for (ServiceView s : alive) {
            trees.put(s.name(), tree(s.pid(), table, scan));
        }
        members = trees;
        return table;
    }

    /** The known members' stat lines only; null when one of them is gone. */
    private Map<Long, ProcStat.Entry> readMembers() {
        Map<Long, ProcStat.Entry> procs = new HashMap<>();
        for (Set<Long> tree : members.values()) {
            for (long pid : tree) {
                ProcStat.Entry p = ProcStat.read(proc, pid).filter(e -> !e.zombie()).orElse(null);
                if (p == null) {
                    return null;
                }
                procs.put(pid, p);
            }
        }
        return procs;
    }

    /**
     * The service's process, its descendants, and those of its session (or process group) that were adopted
     * elsewhere, with theirs.
     */
    private static Set<Long> tree(long root, Map<Long, ProcStat.Entry> table, List<ProcStat.Entry> scan) {
        Set<Long> tree = new LinkedHashSet<>();
        List<Long> tops = new ArrayList<>();
        if (table.containsKey(root)) {
            tops.add(root);
        }
        ProcStat.membersOf(root, scan).forEach(e -> tops.add(e.pid()));
        for (long top : tops) {
            if (tree.add(top)) {
                ProcStat.descendants(top, scan).forEach(e -> tree.add(e.pid()));
            }
        }
        return tree;
    }

    /** The listening TCP ports of each service's processes: their socket inodes against {@code /proc/net/tcp*}. */
    private Map<String, List<Integer>> listening(Map<String, Set<Long>> members) {
        Map<Long, Integer> portOfInode = new HashMap<>();
        for (String file : new String[]{"tcp", "tcp6"}) {
            readListening(proc.resolve("net").resolve(file), portOfInode);
        }
        Map<String, List<Integer>> result = new HashMap<>();
        if (portOfInode.isEmpty()) {
            return result;
        }
        members.forEach((service, pids) -> {
            Set<Integer> found = new TreeSet<>();
            for (long pid : pids) {
                for (long inode : socketInodes(pid)) {
                    Integer port = portOfInode.get(inode);
                    if (port != null) {
                        found.add(port);
                    }
                }
            }
            result.put(service, List.copyOf(found));
        });
        return result;
    }

    private static void readListening(Path file, Map<Long, Integer> portOfInode) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[3].equals(LISTEN)) {
                    String local = f[1];
                    int port = Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16);
                    portOfInode.put(Long.parseLong(f[9]), port);
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // no such table (no IPv6) or a line we do not understand: fewer ports shown
        }
    }

    private Set<Long> socketInodes(long pid) {
        Set<Long> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve(Long.toString(pid)).resolve("fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
                    }
                } catch (IOException | RuntimeException closed) {
                    // closed meanwhile
                }
            }
        } catch (IOException | RuntimeException gone) {
            // exited, or not ours to read
        }
        return inodes;
    }

    /** AT_PAGESZ from {@code /proc/self/auxv} (pairs of native longs), else 4 KiB. */
    static long pageSize(Path proc) {
        try {
            ByteBuffer auxv = ByteBuffer.wrap(Files.readAllBytes(proc.resolve("self").resolve("auxv")))
                    .order(ByteOrder.nativeOrder());
            while (auxv.remaining() >= 16) {
                long type = auxv.getLong();
                long value = auxv.getLong();
                if (type == 6 && value > 0) {
                    return value;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall back
        }
        return 4096;
    }
}
