package dev.envy.host.os;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

import static dev.envy.host.os.Downcalls.STATE;
import static dev.envy.host.os.Downcalls.call;
import static dev.envy.host.os.Downcalls.errno;
import static dev.envy.host.os.Downcalls.symbol;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * A few Linux libc calls through the Foreign Function &amp; Memory API ({@code posix_spawn} is in {@link PosixSpawn}).
 * Every method is a thin, errno-aware wrapper; where a call is missing on this platform the wrapper reports that
 * ({@link #pidfdOpen} returns empty on ENOSYS) so callers can fall back to polling {@code /proc}. {@link Downcalls}
 * says how the calls are linked (and why C {@code int} results are narrowed with {@code (int)} before any test).
 *
 * <p>{@link #waitpid} must only be used for specific pids the JDK does not own (reparented orphans); the JDK's own
 * reaper thread waits for the processes it spawned.
 */
public final class Native {

    public static final int EINTR = 4;
    public static final int ESRCH = 3;
    public static final int EAGAIN = 11;
    public static final int ENOSYS = 38;
    public static final int ECHILD = 10;

    public static final short POLLIN = 0x1;
    public static final short POLLERR = 0x8;
    public static final short POLLHUP = 0x10;
    public static final short POLLNVAL = 0x20;

    private static final int WNOHANG = 1;
    private static final int WEXITED = 4;
    private static final int WNOWAIT = 0x01000000;
    private static final int P_ALL = 0;
    /** {@code siginfo_t}: 128 bytes on Linux; {@code si_pid} at byte 16 on 64-bit (after three ints and padding). */
    private static final int SIGINFO_SIZE = 128;
    private static final int SIGINFO_PID = 16;
    private static final int O_NONBLOCK = 0x800;
    private static final int O_CLOEXEC = 0x80000;
    private static final int PR_SET_CHILD_SUBREAPER = 36;
    private static final long SYS_PIDFD_OPEN = 434; // same number on x86_64 and aarch64

    private static final MemoryLayout POLLFD = MemoryLayout.structLayout(
            JAVA_INT.withName("fd"), JAVA_SHORT.withName("events"), JAVA_SHORT.withName("revents"));
    private static final int AT_FDCWD = -100;
    private static final int RENAME_EXCHANGE = 2;

    private static final MemorySegment KILL = symbol("kill");
    private static final MemorySegment CLOSE = symbol("close");
    private static final MemorySegment POLL = symbol("poll");
    private static final MemorySegment WAITPID = symbol("waitpid");
    private static final MemorySegment WAITID = symbol("waitid");
    private static final MemorySegment READ = symbol("read");
    private static final MemorySegment WRITE = symbol("write");
    private static final MemorySegment PIPE2 = symbol("pipe2");
    private static final MemorySegment PRCTL = symbol("prctl");
    private static final MemorySegment SYSCALL = symbol("syscall");
    private static final MemorySegment RENAMEAT2 = symbol("renameat2");

    private Native() {}

    /**
     * Links every native call now, on the calling thread, so that their first use does not: the daemon does this on a
     * side thread at start. Each call is otherwise linked at its first use.
     */
    public static void link() {
        Downcalls.linkAll();
    }

    /** The result of {@link #waitpid}: the raw wait status decoded. */
    public record WaitStatus(int pid, int exitCode, int signal) {
        static WaitStatus decode(int pid, int status) {
            int termSig = status & 0x7f;
            return termSig == 0 ? new WaitStatus(pid, (status >> 8) & 0xff, 0) : new WaitStatus(pid, -1, termSig);
        }
    }

    /** Thrown for an unexpected errno; the expected ones are part of each method's result. */
    public static final class NativeException extends RuntimeException {
        private final int errno;

        NativeException(String call, int errno) {
            super(call + " failed with errno " + errno);
            this.errno = errno;
        }

        public int errno() {
            return errno;
        }
    }

    /** {@code kill(pid, sig)}: false when no such process (ESRCH). */
    public static boolean kill(long pid, int signal) {
        if (pid <= 0) {
            throw new IllegalArgumentException("refusing kill(" + pid + "): only a positive pid is signalled here");
        }
        return killRaw((int) pid, signal);
    }

    /** {@code kill(-pgid, sig)}: signals a whole process group; false when the group is empty (ESRCH). */
    public static boolean killGroup(long pgid, int signal) {
        if (pgid <= 1) {
            throw new IllegalArgumentException("refusing to signal process group " + pgid);
        }
        return killRaw(-(int) pgid, signal);
    }

    private static boolean killRaw(int target, int signal) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(STATE);
            if ((int) call(KILL, state, target, signal) == 0) {
                return true;
            }
            int errno = errno(state);
            if (errno == ESRCH) {
                return false;
            }
            throw new NativeException("kill(" + target + ", " + signal + ")", errno);
        }
    }

    /** {@code pidfd_open(pid, 0)}: empty if the process does not exist or the kernel lacks pidfds (ENOSYS). */
    public static OptionalInt pidfdOpen(long pid) {
        if (missing(SYSCALL)) {
            return OptionalInt.empty();
        }
        try (Arena arena = Arena.ofConfined()) {
            long fd = Downcalls.variadic(SYSCALL, arena.allocate(STATE), SYS_PIDFD_OPEN, (int) pid, 0, 0, 0);
            return fd >= 0 ? OptionalInt.of((int) fd) : OptionalInt.empty();
        }
    }

    /**
     * {@code renameat2(a, b, RENAME_EXCHANGE)}: swaps two existing paths in one atomic step. False, with nothing
     * changed, where either is missing or the kernel, file system or libc cannot do it; the caller then renames.
     *
     * <p>Why not a rename over the old file: ext4 (with its default {@code auto_da_alloc}) starts writing the new
     * file's data back to disk before such a rename returns, which took 5-35 ms per call on a busy machine. An
     * exchange does not, and takes about 0.1 ms.
     */
    public static boolean renameExchange(Path a, Path b) {
        if (missing(RENAMEAT2)) {
            return false;
        }
        try (Arena arena = Arena.ofConfined()) {
            int rc = (int) call(RENAMEAT2, arena.allocate(STATE), AT_FDCWD, arena.allocateFrom(a.toString()).address(),
                    AT_FDCWD, arena.allocateFrom(b.toString()).address(), RENAME_EXCHANGE);
            return rc == 0;
        }
    }

    /** Whether this kernel supports pidfds: probes {@code pidfd_open} on our own pid. */
    public static boolean pidfdSupported() {
        OptionalInt fd = pidfdOpen(getpid());
        fd.ifPresent(Native::close);
        return fd.isPresent();
    }

    /**
     * {@code poll} on {@code fds} for POLLIN. Returns the revents of each fd (0 when nothing happened), or all zeros on
     * timeout or EINTR.
     *
     * @param timeoutMillis -1 waits forever
     */
    public static short[] poll(int[] fds, int timeoutMillis) {
        short[] revents = new short[fds.length];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment array = arena.allocate(POLLFD, fds.length);
            for (int i = 0; i < fds.length; i++) {
                array.set(JAVA_INT, i * 8L, fds[i]);
                array.set(JAVA_SHORT, i * 8L + 4, POLLIN);
            }
            MemorySegment state = arena.allocate(STATE);
            if ((int) call(POLL, state, array.address(), fds.length, timeoutMillis) < 0) {
                int errno = errno(state);
                if (errno == EINTR) {
                    return revents;
                }
                throw new NativeException("poll", errno);
            }
            for (int i = 0; i < fds.length; i++) {
                revents[i] = array.get(JAVA_SHORT, i * 8L + 6);
            }
            return revents;
        }
    }

    /** {@code close(fd)}; errors are ignored (the fd is gone either way on Linux). */
    public static void close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            call(CLOSE, arena.allocate(STATE), fd);
        } catch (RuntimeException e) {
            // nothing sensible to do: on Linux the descriptor is released even when close reports an error
        }
    }

    /** {@code pipe2(O_CLOEXEC [| O_NONBLOCK])}: {read end, write end}. */
    public static int[] pipe(boolean nonBlocking) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            MemorySegment state = arena.allocate(STATE);
            if ((int) call(PIPE2, state, fds.address(), O_CLOEXEC | (nonBlocking ? O_NONBLOCK : 0)) != 0) {
                throw new NativeException("pipe2", errno(state));
            }
            return new int[] {fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1)};
        }
    }

    /**
     * {@code read(fd, buffer, buffer.byteSize())} into a native buffer: bytes read, 0 at end of file, -1 when a
     * non-blocking fd has nothing (EAGAIN) or the call was interrupted (EINTR).
     */
    public static long read(int fd, MemorySegment buffer) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(STATE);
            long n = call(READ, state, fd, buffer.address(), buffer.byteSize());
            if (n >= 0) {
                return n;
            }
            int errno = errno(state);
            if (errno == EAGAIN || errno == EINTR) {
                return -1;
            }
            throw new NativeException("read", errno);
        }
    }

    /** Writes one byte to {@code fd} (a wake-up pipe); a full non-blocking pipe is fine (it is already awake). */
    public static void writeByte(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            call(WRITE, arena.allocate(STATE), fd, arena.allocate(1).address(), 1);
        } catch (RuntimeException e) {
            // a wake-up that cannot be written means the poller is closed or already has a byte pending
        }
    }

    /** {@code prctl(PR_SET_CHILD_SUBREAPER, 1)}: orphans of our descendants are reparented to us. */
    public static boolean becomeChildSubreaper() {
        if (missing(PRCTL)) {
            return false;
        }
        try (Arena arena = Arena.ofConfined()) {
            return (int) Downcalls.variadic(PRCTL, arena.allocate(STATE), PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0;
        }
    }

    /**
     * {@code waitpid(pid, &status, WNOHANG)} for one specific child the JDK does not own. Empty when it has not exited
     * yet or is not our child (ECHILD). Never call it with a pid the JDK spawned, and never with -1.
     */
    public static Optional<WaitStatus> waitpidNoHang(long pid) {
        if (pid <= 0) {
            throw new IllegalArgumentException("waitpid is only for one specific pid, not " + pid);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment status = arena.allocate(JAVA_INT);
            MemorySegment state = arena.allocate(STATE);
            while (true) {
                int rc = (int) call(WAITPID, state, (int) pid, status.address(), WNOHANG);
                if (rc > 0) {
                    return Optional.of(WaitStatus.decode(rc, status.get(JAVA_INT, 0)));
                }
                if (rc == 0) {
                    return Optional.empty();
                }
                int errno = errno(state);
                if (errno == EINTR) {
                    continue;
                }
                if (errno == ECHILD) {
                    return Optional.empty();
                }
                throw new NativeException("waitpid(" + pid + ")", errno);
            }
        }
    }

    /**
     * Whether some child of this process has exited and waits to be reaped (a zombie), found without reaping it:
     * {@code waitid(P_ALL, 0, &info, WEXITED | WNOHANG | WNOWAIT)}, one system call however many processes the machine
     * runs. Says which child, or 0 for none (also with no child at all); a child the JDK waits for may show here for
     * the instant between its exit and its reaping.
     */
    public static long zombieChild() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = arena.allocate(SIGINFO_SIZE, 8); // zeroed: si_pid stays 0 when no child has exited
            MemorySegment state = arena.allocate(STATE);
            while (true) {
                int rc = (int) call(WAITID, state, P_ALL, 0, info.address(), WEXITED | WNOHANG | WNOWAIT, 0);
                if (rc == 0) {
                    return info.get(JAVA_INT, SIGINFO_PID);
                }
                int errno = errno(state);
                if (errno == EINTR) {
                    continue;
                }
                if (errno == ECHILD) {
                    return 0;
                }
                throw new NativeException("waitid(P_ALL)", errno);
            }
        }
    }

    /** This process's pid, without a native call. */
    public static long getpid() {
        return ProcessHandle.current().pid();
    }

    private static boolean missing(MemorySegment function) {
        return function.address() == 0;
    }
}
