package dev.envy.daemon.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HD-12: each service in a cgroup v2 of its own, where the machine lets the daemon make one (root, or a delegated
 * subtree such as systemd's {@code Delegate=yes}): a cgroup holds every process the service makes, whatever session,
 * environment or parent it ends up with, so stopping a service ends with {@code cgroup.kill} of its cgroup. Under
 * the daemon's own cgroup: {@code <daemon's cgroup>/envy-<daemon pid>-<nonce>/svc-<n>}. Where no cgroup can be made
 * (no cgroup2 mounted, no {@code cgroup.kill} — Linux before 5.14 —, no write access), {@link #reason()} says why and
 * every call here does nothing: stop reaches a service's processes through its process group and the subreaper
 * (HD-9). {@code ENVY_NO_CGROUPS=1} in the daemon's environment turns them off (to compare the two).
 */
final class ServiceCgroups implements AutoCloseable {

    private final Path base;
    private final String reason;
    private final java.util.concurrent.atomic.AtomicLong next = new java.util.concurrent.atomic.AtomicLong();
    /** The cgroup of each service's leader pid. */
    private final Map<Long, Path> groups = new java.util.concurrent.ConcurrentHashMap<>();

    private ServiceCgroups(Path base, String reason) {
        this.base = base;
        this.reason = reason;
    }

    /** Finds the daemon's own cgroup v2 and makes {@code envy-<pid>-<nonce>} under it, or says why not. */
    static ServiceCgroups detect(Map<String, String> env) {
        if ("1".equals(env.get("ENVY_NO_CGROUPS"))) {
            return new ServiceCgroups(null, "turned off by ENVY_NO_CGROUPS=1");
        }
        try {
            Optional<String> own = Files.readAllLines(Path.of("/proc/self/cgroup")).stream()
                    .filter(l -> l.startsWith("0::")).map(l -> l.substring(3)).findFirst();
            if (own.isEmpty()) {
                return new ServiceCgroups(null, "this process is in no cgroup v2 hierarchy");
            }
            Optional<Path> mount = cgroup2Mount(Files.readAllLines(Path.of("/proc/self/mountinfo")));
            if (mount.isEmpty()) {
                return new ServiceCgroups(null, "no cgroup2 file system is mounted");
            }
            Path parent = mount.get().resolve(own.get().substring(1));
            Path base = parent.resolve("envy-" + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime()));
            try {
                Files.createDirectory(base);
            } catch (IOException e) {
                return new ServiceCgroups(null, "cannot make a cgroup under " + parent + " (" + e.getMessage()
                        + "; it takes root or a delegated cgroup v2 subtree)");
            }
            if (!Files.exists(base.resolve("cgroup.kill"))) {
                remove(base);
                return new ServiceCgroups(null, "this kernel has no cgroup.kill (Linux 5.14)");
            }
            sweep(parent, pid -> ProcessHandle.of(pid).isPresent());
            return new ServiceCgroups(base, null);
        } catch (IOException | RuntimeException e) {
            return new ServiceCgroups(null, "cannot read /proc/self/cgroup or /proc/self/mountinfo: " + e.getMessage());
        }
    }

    /**
     * Removes what daemons that are gone left in {@code parent}: an {@code envy-<pid>-<nonce>} cgroup whose daemon no
     * longer runs and which holds no process, with its empty {@code svc-<n>} cgroups. Only a daemon killed together
     * with its guardian leaves them (CS-12). One that still holds a process is left as it is: those are services that
     * outlived both, and the daemon of their own environment reports them as orphaned and stops them (CS-13). A pid
     * that is alive is never swept, whatever it now names.
     */
    static void sweep(Path parent, java.util.function.LongPredicate alive) {
        try (var entries = Files.list(parent)) {
            for (Path dir : entries.toList()) {
                String[] name = dir.getFileName().toString().split("-");
                if (name.length != 3 || !name[0].equals("envy") || !name[1].matches("[0-9]{1,10}")
                        || alive.test(Long.parseLong(name[1])) || populated(dir) || !Files.isDirectory(dir)) {
                    continue;
                }
                try (var services = Files.list(dir)) {
                    services.filter(g -> g.getFileName().toString().startsWith("svc-") && Files.isDirectory(g)
                            && !populated(g)).forEach(ServiceCgroups::remove);
                } catch (IOException | RuntimeException ignored) {
                    // another daemon swept it meanwhile
                }
                remove(dir);
            }
        } catch (IOException | RuntimeException ignored) {
            // the parent cannot be listed: nothing to sweep
        }
    }

    /** Where the cgroup2 file system is mounted, from {@code /proc/self/mountinfo} lines. */
    static Optional<Path> cgroup2Mount(List<String> mountinfo) {
        for (String line : mountinfo) {
            int dash = line.indexOf(" - ");
            String[] before = line.substring(0, Math.max(dash, 0)).split(" ");
            if (dash > 0 && line.substring(dash + 3).startsWith("cgroup2 ") && before.length > 4) {
                return Optional.of(Path.of(before[4].replace("\\040", " ")));
            }
        }
        return Optional.empty();
    }

    boolean usable() {
        return base != null;
    }

    /** Why cgroups are not used; null when they are. */
    String reason() {
        return reason;
    }

    /** Where the services' cgroups are made; null when none are. */
    Path base() {
        return base;
    }

    /**
     * Makes an empty cgroup for a service about to be spawned, so that moving its leader in right after the spawn is
     * one write; null when cgroups are not used or it cannot be made.
     */
    Path prepare() {
        if (base == null) {
            return null;
        }
        Path group = base.resolve("svc-" + next.incrementAndGet());
        try {
            Files.createDirectory(group);
            return group;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Moves the just spawned leader {@code pid} into {@code group} (from {@link #prepare}). What the leader forked
     * before this write stays outside (its process group and the subreaper reach it); false when it failed.
     */
    boolean place(Path group, long pid) {
        if (group == null) {
            return false;
        }
        try {
            Files.writeString(group.resolve("cgroup.procs"), Long.toString(pid), StandardCharsets.US_ASCII);
            groups.put(pid, group);
            return true;
        } catch (IOException e) {
            remove(group);
            return false;
        }
    }

    /** SIGKILLs every process in the cgroup of the service led by {@code pid} ({@code cgroup.kill}); false if none. */
    boolean kill(long pid) {
        Path group = groups.get(pid);
        if (group == null || !populated(group)) {
            return false;
        }
        try {
            Files.writeString(group.resolve("cgroup.kill"), "1", StandardCharsets.US_ASCII);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The service led by {@code pid} is over: kills what is left in its cgroup, waits (up to {@code millis}) for it
     * to be empty and removes it. Returns how many processes were left in it.
     */
    int end(long pid, long millis) {
        Path group = groups.remove(pid);
        if (group == null) {
            return 0;
        }
        int left = procs(group);
        if (left > 0) {
            try {
                Files.writeString(group.resolve("cgroup.kill"), "1", StandardCharsets.US_ASCII);
            } catch (IOException e) {
                // gone meanwhile
            }
        }
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (populated(group) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5); // the kernel reports the end of the last process in cgroup.events; a few ms
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        remove(group);
        return left;
    }

    private static int procs(Path group) {
        try {
            return (int) Files.readAllLines(group.resolve("cgroup.procs")).stream().filter(l -> !l.isBlank()).count();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Whether the cgroup of the service led by {@code pid} still holds a process. */
    boolean populated(long pid) {
        Path group = groups.get(pid);
        return group != null && populated(group);
    }

    private static boolean populated(Path group) {
        try {
            return Files.readAllLines(group.resolve("cgroup.events")).contains("populated 1");
        } catch (NoSuchFileException gone) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static void remove(Path dir) {
        try {
            Files.deleteIfExists(dir); // rmdir(2): a cgroup without processes is removed with its interface files
        } catch (IOException ignored) {
            // still populated, or gone already
        }
    }

    /** Kills what is left in every service's cgroup and removes them and the daemon's own. */
    @Override
    public void close() {
        if (base == null) {
            return;
        }
        for (long pid : List.copyOf(groups.keySet())) {
            end(pid, 1000);
        }
        try (var left = Files.list(base)) {
            left.filter(Files::isDirectory).forEach(ServiceCgroups::remove); // prepared, never used
        } catch (IOException | RuntimeException ignored) {
            // gone already
        }
        remove(base);
    }
}
