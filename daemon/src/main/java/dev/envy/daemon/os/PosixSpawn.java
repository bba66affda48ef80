package dev.envy.daemon.os;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Map;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * Starts a process with glibc's {@code posix_spawn}, in a new session ({@code POSIX_SPAWN_SETSID}): one clone and one
 * exec, where the JDK's {@code ProcessBuilder} execs its {@code jspawnhelper} first and then needs {@code setsid(1)} for
 * the session, and keeps a reaper thread per process. The child gets stdin from {@code /dev/null}, stdout and stderr
 * on one descriptor, the given working directory and exactly the given environment; every other descriptor is closed,
 * the signal mask is empty and every signal has its default action. The caller reaps the child (see
 * {@link Native#pidfdOpen} and {@link Native#waitpidNoHang}).
 *
 * <p>Needs glibc 2.34 ({@code posix_spawn_file_actions_addclosefrom_np}); {@link #supported()} says whether it is there.
 */
public final class PosixSpawn {

    private static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    private static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    private static final short POSIX_SPAWN_SETSID = 0x80;
    private static final int O_RDONLY = 0;
    /** glibc's sizes are 80 and 336 bytes and its sigset_t 128; these leave room. */
    private static final long FILE_ACTIONS_BYTES = 256;
    private static final long ATTR_BYTES = 512;
    private static final long SIGSET_BYTES = 128;
    /**
     * Signals 1–64 but SIGKILL (9) and SIGSTOP (19), which cannot be reset: bit N-1 for signal N. This includes 32 and
     * 33, which glibc would otherwise leave ignored in the child (and so in every program it execs).
     */
    private static final long DEFAULT_SIGNALS = ~(1L << 8) & ~(1L << 18);

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final MethodHandle SPAWN = find("posix_spawn",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    private static final MethodHandle FA_INIT = find("posix_spawn_file_actions_init",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle FA_DESTROY = find("posix_spawn_file_actions_destroy",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle FA_OPEN = find("posix_spawn_file_actions_addopen",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private static final MethodHandle FA_DUP2 = find("posix_spawn_file_actions_adddup2",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private static final MethodHandle FA_CHDIR = find("posix_spawn_file_actions_addchdir_np",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle FA_CLOSEFROM = find("posix_spawn_file_actions_addclosefrom_np",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle ATTR_INIT = find("posix_spawnattr_init", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle ATTR_DESTROY = find("posix_spawnattr_destroy",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle ATTR_FLAGS = find("posix_spawnattr_setflags",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_SHORT));
    private static final MethodHandle ATTR_SIGMASK = find("posix_spawnattr_setsigmask",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle ATTR_SIGDEFAULT = find("posix_spawnattr_setsigdefault",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));

    private PosixSpawn() {}

    private static MethodHandle find(String name, FunctionDescriptor descriptor) {
        return LIBC.find(name).map(address -> LINKER.downcallHandle(address, descriptor)).orElse(null);
    }

    /** Whether this C library has everything {@link #spawn} needs. */
    public static boolean supported() {
        return SPAWN != null && FA_INIT != null && FA_DESTROY != null && FA_OPEN != null && FA_DUP2 != null
                && FA_CHDIR != null && FA_CLOSEFROM != null && ATTR_INIT != null && ATTR_DESTROY != null
                && ATTR_FLAGS != null && ATTR_SIGMASK != null && ATTR_SIGDEFAULT != null;
    }

    /**
     * Spawns {@code argv} (the program is {@code argv[0]}, an absolute path) as described in the class comment, its
     * output on {@code outputFd}. Returns the child's pid, which is also its session and process group id.
     *
     * @throws Native.NativeException with the error of the failed step (ENOENT for a missing program or directory…)
     */
    public static long spawn(List<String> argv, Map<String, String> environment, String workingDir, int outputFd) {
        return spawn(argv.getFirst(), argv, environment, workingDir, outputFd);
    }

    /**
     * {@link #spawn(List, Map, String, int)} of the file {@code program} (absolute, or relative to the working
     * directory), which gets {@code argv} as it is ({@code argv[0]} as a shell would pass it).
     */
    public static long spawn(String program, List<String> argv, Map<String, String> environment, String workingDir,
                             int outputFd) {
        if (!supported()) {
            throw new IllegalStateException("posix_spawn with closefrom is not available in this C library");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment actions = arena.allocate(FILE_ACTIONS_BYTES, 16);
            MemorySegment attr = arena.allocate(ATTR_BYTES, 16);
            check("posix_spawn_file_actions_init", (int) FA_INIT.invokeExact(actions));
            try {
                check("posix_spawnattr_init", (int) ATTR_INIT.invokeExact(attr));
                try {
                    check("addopen", (int) FA_OPEN.invokeExact(actions, 0, arena.allocateFrom("/dev/null"),
                            O_RDONLY, 0));
                    check("adddup2", (int) FA_DUP2.invokeExact(actions, outputFd, 1));
                    check("adddup2", (int) FA_DUP2.invokeExact(actions, 1, 2));
                    check("addchdir_np", (int) FA_CHDIR.invokeExact(actions, arena.allocateFrom(workingDir)));
                    check("addclosefrom_np", (int) FA_CLOSEFROM.invokeExact(actions, 3));
                    MemorySegment empty = arena.allocate(SIGSET_BYTES, 8);
                    MemorySegment defaults = arena.allocate(SIGSET_BYTES, 8);
                    defaults.set(JAVA_LONG, 0, DEFAULT_SIGNALS);
                    check("setsigmask", (int) ATTR_SIGMASK.invokeExact(attr, empty));
                    check("setsigdefault", (int) ATTR_SIGDEFAULT.invokeExact(attr, defaults));
                    check("setflags", (int) ATTR_FLAGS.invokeExact(attr,
                            (short) (POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)));
                    MemorySegment pid = arena.allocate(JAVA_INT);
                    int rc = (int) SPAWN.invokeExact(pid, arena.allocateFrom(program), actions, attr,
                            strings(arena, argv), strings(arena, environment.entrySet().stream()
                                    .map(e -> e.getKey() + "=" + e.getValue()).toList()));
                    check("posix_spawn " + program, rc);
                    return pid.get(JAVA_INT, 0);
                } finally {
                    int ignored = (int) ATTR_DESTROY.invokeExact(attr);
                }
            } finally {
                int ignored = (int) FA_DESTROY.invokeExact(actions);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** A NULL-terminated array of C strings. */
    private static MemorySegment strings(Arena arena, List<String> values) {
        MemorySegment array = arena.allocate(ADDRESS, values.size() + 1L);
        for (int i = 0; i < values.size(); i++) {
            array.setAtIndex(ADDRESS, i, arena.allocateFrom(values.get(i)));
        }
        array.setAtIndex(ADDRESS, values.size(), MemorySegment.NULL);
        return array;
    }

    /** posix_spawn functions return an error number instead of setting errno. */
    private static void check(String call, int rc) {
        if (rc != 0) {
            throw new Native.NativeException(call, rc);
        }
    }
}
