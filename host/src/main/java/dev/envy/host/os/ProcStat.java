package dev.envy.host.os;

import dev.envy.core.runtime.StatLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads process facts from Linux {@code /proc}: {@code stat}, {@code comm}, {@code cmdline} and {@code environ} of a
 * process. The CLI and the daemon both read processes through this one class. A process may vanish between any two
 * reads, so every lookup answers "absent" rather than failing. The methods read the system's {@code /proc}; those that
 * take a {@code proc} path read another tree of the same shape (tests build one).
 *
 * <p>The start time is field 22 of {@code stat}: clock ticks since boot. Together with the pid it names one process
 * for its whole life, which guards every "is it still the same process?" question against pid reuse.
 */
public final class ProcStat {

    private static final Path PROC = Path.of("/proc");

    private ProcStat() {}

    /**
     * One line of {@code /proc/PID/stat}, the fields envy needs.
     *
     * @param state    one letter: R, S, D, Z (zombie), T, X…
     * @param cpuTicks the CPU time it used, user and system (fields 14 and 15), in clock ticks (1/100 s)
     * @param rssPages its resident memory (field 24), in pages
     */
    public record Entry(long pid, char state, long ppid, long pgid, long sid, long startTime, long cpuTicks,
                        long rssPages) {
        public boolean zombie() {
            return state == 'Z' || state == 'X';
        }
    }

    /** Parses the text of a stat file; the command name may contain spaces and parentheses. */
    public static Optional<Entry> parse(String stat) {
        List<String> f = StatLine.fieldsAfterName(stat);
        int open = stat.indexOf('(');
        // f[0] is field 3 (state); field N is f[N - 3]
        if (open <= 0 || f.size() < 20) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(stat.substring(0, open).trim());
            return Optional.of(new Entry(pid, f.get(0).charAt(0), Long.parseLong(f.get(1)), Long.parseLong(f.get(2)),
                    Long.parseLong(f.get(3)), Long.parseLong(f.get(19)),
                    Long.parseLong(f.get(11)) + Long.parseLong(f.get(12)), f.size() > 21 ? Long.parseLong(f.get(21)) : 0));
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    /** The stat entry of {@code pid}, empty if there is no such process (any more). */
    public static Optional<Entry> read(long pid) {
        return read(PROC, pid);
    }

    /** The stat entry of {@code pid} in the tree at {@code proc}. */
    public static Optional<Entry> read(Path proc, long pid) {
        try {
            return parse(Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"),
                    StandardCharsets.ISO_8859_1));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Field 22 of {@code stat} in the tree at {@code proc}: the start time; empty when the process is gone. */
    public static OptionalLong startTime(Path proc, long pid) {
        return read(proc, pid).map(e -> OptionalLong.of(e.startTime())).orElse(OptionalLong.empty());
    }

    /** Field 4 of {@code stat} in the tree at {@code proc}: the parent's pid. */
    public static OptionalLong ppid(Path proc, long pid) {
        return read(proc, pid).map(e -> OptionalLong.of(e.ppid())).orElse(OptionalLong.empty());
    }

    /** Whether the process exists and has not exited (a zombie waiting for its parent has). */
    public static boolean running(long pid) {
        return alive(pid, 0);
    }

    /** {@code cmdline} in the tree at {@code proc}: the NUL-separated words joined by single spaces. */
    public static Optional<String> commandLine(Path proc, long pid) {
        try {
            byte[] raw = Files.readAllBytes(proc.resolve(Long.toString(pid)).resolve("cmdline"));
            return Optional.of(new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** {@code comm} in the tree at {@code proc}: the program name (at most 15 characters). */
    public static Optional<String> name(Path proc, long pid) {
        try {
            return Optional.of(Files.readString(proc.resolve(Long.toString(pid)).resolve("comm")).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The system's {@code /proc}, for the methods that take a tree. */
    public static Path system() {
        return PROC;
    }

    /** Every process visible in {@code /proc} at the moment of the scan. */
    public static List<Entry> all() {
        return all(PROC);
    }

    /** Every process in the tree at {@code proc} at the moment of the scan. */
    public static List<Entry> all(Path proc) {
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc)) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                if (!name.isEmpty() && Character.isDigit(name.charAt(0)) && name.chars().allMatch(Character::isDigit)) {
                    read(proc, Long.parseLong(name)).ifPresent(entries::add);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + proc + ": " + e.getMessage(), e);
        }
        return entries;
    }

    public static OptionalLong startTime(long pid) {
        return read(pid).map(e -> OptionalLong.of(e.startTime())).orElse(OptionalLong.empty());
    }

    public static OptionalLong ppid(long pid) {
        return read(pid).map(e -> OptionalLong.of(e.ppid())).orElse(OptionalLong.empty());
    }

    public static OptionalLong pgid(long pid) {
        return read(pid).map(e -> OptionalLong.of(e.pgid())).orElse(OptionalLong.empty());
    }

    public static OptionalLong sessionId(long pid) {
        return read(pid).map(e -> OptionalLong.of(e.sid())).orElse(OptionalLong.empty());
    }

    public static boolean zombie(long pid) {
        return read(pid).map(Entry::zombie).orElse(false);
    }

    /**
     * Whether the process {@code pid} started at {@code startTime} is still running (present and not a zombie). A
     * {@code startTime} of 0 or less means "unknown" and skips the pid-reuse check.
     */
    public static boolean alive(long pid, long startTime) {
        return read(pid).map(e -> !e.zombie() && (startTime <= 0 || e.startTime() == startTime)).orElse(false);
    }

    /** Every descendant of {@code pid} (children, their children…), from one scan. */
    public static List<Entry> descendants(long pid) {
        return descendants(pid, all());
    }

    /** As {@link #descendants(long)}, from an existing scan. */
    public static List<Entry> descendants(long pid, List<Entry> scan) {
        Map<Long, List<Entry>> children = new HashMap<>();
        for (Entry e : scan) {
            children.computeIfAbsent(e.ppid(), k -> new ArrayList<>()).add(e);
        }
        List<Entry> result = new ArrayList<>();
        Set<Long> seen = new LinkedHashSet<>();
        Deque<Long> todo = new ArrayDeque<>(List.of(pid));
        while (!todo.isEmpty()) {
            for (Entry child : children.getOrDefault(todo.pop(), List.of())) {
                if (seen.add(child.pid())) {
                    result.add(child);
                    todo.push(child.pid());
                }
            }
        }
        return result;
    }

    /** Every process whose session id or process group id is {@code id} (zombies included). */
    public static List<Entry> membersOf(long id) {
        return membersOf(id, all());
    }

    /** As {@link #membersOf(long)}, from an existing scan. */
    public static List<Entry> membersOf(long id, List<Entry> scan) {
        return scan.stream().filter(e -> e.sid() == id || e.pgid() == id).toList();
    }

    /** {@code /proc/PID/environ}: the environment the process was started with; empty when it cannot be read. */
    public static java.util.Map<String, String> environment(long pid) {
        try {
            return parseEnvironment(Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("environ")));
        } catch (IOException | RuntimeException e) {
            return java.util.Map.of(); // gone, or not ours to read
        }
    }

    /**
     * A block of NUL-separated {@code NAME=VALUE} entries ({@code /proc/PID/environ}, {@code env -0}) as a map in its
     * order; of a name given twice the first counts, as for {@code getenv}.
     */
    public static java.util.Map<String, String> parseEnvironment(byte[] block) {
        java.util.Map<String, String> env = new java.util.LinkedHashMap<>();
        for (String entry : entries(block)) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                env.putIfAbsent(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return env;
    }

    /** The NUL-separated entries of an environment block, in order. */
    private static List<String> entries(byte[] block) {
        List<String> entries = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= block.length; i++) {
            if (i == block.length || block[i] == 0) {
                entries.add(new String(block, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return entries;
    }

    /** Whether {@code /proc/PID/environ} (the environment the process was started with) holds {@code entry}. */
    public static boolean environmentContains(long pid, String entry) {
        try {
            return entries(Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("environ"))).contains(entry);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
