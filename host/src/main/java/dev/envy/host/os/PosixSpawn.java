package dev.envy.host.os;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;

import static dev.envy.host.os.Downcalls.STATE;
import static dev.envy.host.os.Downcalls.call;
import static dev.envy.host.os.Downcalls.symbol;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

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

    private static final MemorySegment SPAWN = symbol("posix_spawn");
    private static final MemorySegment FA_INIT = symbol("posix_spawn_file_actions_init");
    private static final MemorySegment FA_DESTROY = symbol("posix_spawn_file_actions_destroy");
    private static final MemorySegment FA_OPEN = symbol("posix_spawn_file_actions_addopen");
    private static final MemorySegment FA_DUP2 = symbol("posix_spawn_file_actions_adddup2");
    private static final MemorySegment FA_CHDIR = symbol("posix_spawn_file_actions_addchdir_np");
    private static final MemorySegment FA_CLOSEFROM = symbol("posix_spawn_file_actions_addclosefrom_np");
    private static final MemorySegment ATTR_INIT = symbol("posix_spawnattr_init");
    private static final MemorySegment ATTR_DESTROY = symbol("posix_spawnattr_destroy");
    private static final MemorySegment ATTR_FLAGS = symbol("posix_spawnattr_setflags");
    private static final MemorySegment ATTR_SIGMASK = symbol("posix_spawnattr_setsigmask");
    private static final MemorySegment ATTR_SIGDEFAULT = symbol("posix_spawnattr_setsigdefault");

    private PosixSpawn() {}

    /** Whether this C library has everything {@link #spawn} needs. */
    public static boolean supported() {
        return !List.of(SPAWN, FA_INIT, FA_DESTROY, FA_OPEN, FA_DUP2, FA_CHDIR, FA_CLOSEFROM, ATTR_INIT, ATTR_DESTROY,
                ATTR_FLAGS, ATTR_SIGMASK, ATTR_SIGDEFAULT).contains(MemorySegment.NULL);
    }

    /**
     * Spawns {@code argv} (the program is {@code argv[0]}, an absolute path) as described in the class comment, its
     * output on {@code outputFd}. Returns the child's pid, which is also its session and process group id.
     *
     * @throws Native.NativeException with the error of the failed step (ENOENT for a missing program or directory…)
     */
    public static long spawn(List<String> argv, Map<String, String> environment, String workingDir, int outputFd) {
        String program = argv.getFirst();
        if (!supported()) {
            throw new IllegalStateException("posix_spawn with closefrom is not available in this C library");
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(STATE);
            long actions = arena.allocate(FILE_ACTIONS_BYTES, 16).address();
            long attr = arena.allocate(ATTR_BYTES, 16).address();
            check("posix_spawn_file_actions_init", call(FA_INIT, state, actions));
            try {
                check("posix_spawnattr_init", call(ATTR_INIT, state, attr));
                try {
                    check("addopen", call(FA_OPEN, state, actions, 0, cString(arena, "/dev/null"), O_RDONLY, 0));
                    check("adddup2", call(FA_DUP2, state, actions, outputFd, 1));
                    check("adddup2", call(FA_DUP2, state, actions, 1, 2));
                    check("addchdir_np", call(FA_CHDIR, state, actions, cString(arena, workingDir)));
                    check("addclosefrom_np", call(FA_CLOSEFROM, state, actions, 3));
                    MemorySegment empty = arena.allocate(SIGSET_BYTES, 8);
                    MemorySegment defaults = arena.allocate(SIGSET_BYTES, 8);
                    defaults.set(JAVA_LONG, 0, DEFAULT_SIGNALS);
                    check("setsigmask", call(ATTR_SIGMASK, state, attr, empty.address()));
                    check("setsigdefault", call(ATTR_SIGDEFAULT, state, attr, defaults.address()));
                    check("setflags", call(ATTR_FLAGS, state, attr,
                            (short) (POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)));
                    MemorySegment pid = arena.allocate(JAVA_INT);
                    long rc = call(SPAWN, state, pid.address(), cString(arena, program), actions, attr,
                            strings(arena, argv), strings(arena, environment.entrySet().stream()
                                    .map(e -> e.getKey() + "=" + e.getValue()).toList()));
                    check("posix_spawn " + program, rc);
                    return pid.get(JAVA_INT, 0);
                } finally {
                    call(ATTR_DESTROY, state, attr);
                }
            } finally {
                call(FA_DESTROY, state, actions);
            }
        }
    }

    private static long cString(Arena arena, String value) {
        return arena.allocateFrom(value).address();
    }

    /** A NULL-terminated array of C strings. */
    private static long strings(Arena arena, List<String> values) {
        MemorySegment array = arena.allocate(ADDRESS, values.size() + 1L);
        for (int i = 0; i < values.size(); i++) {
            array.setAtIndex(ADDRESS, i, arena.allocateFrom(values.get(i)));
        }
        array.setAtIndex(ADDRESS, values.size(), MemorySegment.NULL);
        return array.address();
    }

    /** posix_spawn functions return an error number (a C {@code int}) instead of setting errno. */
    private static void check(String call, long result) {
        int rc = (int) result;
        if (rc != 0) {
            throw new Native.NativeException(call, rc);
        }
    }
}
