package dev.envy.daemon.os;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Optional;
import java.util.OptionalInt;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * The only class in envy that calls native code: a few Linux libc calls through the Foreign Function &amp; Memory API.
 * Every method is a thin, errno-aware wrapper; where a call is missing on this platform the wrapper reports that
 * ({@link #pidfdOpen} returns empty on ENOSYS) so callers can fall back to polling {@code /proc}.
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
    private static final int O_NONBLOCK = 0x800;
    private static final int O_CLOEXEC = 0x80000;
    private static final int PR_SET_CHILD_SUBREAPER = 36;
    private static final long SYS_PIDFD_OPEN = 434; // same number on x86_64 and aarch64

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MemoryLayout POLLFD = MemoryLayout.structLayout(
            JAVA_INT.withName("fd"), JAVA_SHORT.withName("events"), JAVA_SHORT.withName("revents"));

    private static final MethodHandle KILL = errnoCall("kill", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle CLOSE = errnoCall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle POLL =
            errnoCall("poll", FunctionDescriptor.of(JAVA_INT, JAVA_LONG.withName("fds"), JAVA_LONG, JAVA_INT));
    private static final MethodHandle WAITPID =
            errnoCall("waitpid", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT));
    private static final MethodHandle READ =
            errnoCall("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle WRITE =
            errnoCall("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle PIPE2 = errnoCall("pipe2", FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT));
    private static final MethodHandle GETUID = plainCall("getuid", FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle GETPID = plainCall("getpid", FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle PRCTL = LIBC.find("prctl").map(address -> LINKER.downcallHandle(address,
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
            Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"))).orElse(null);
    private static final MethodHandle SYSCALL_PIDFD_OPEN = LIBC.find("syscall").map(address -> LINKER.downcallHandle(
            address, FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_INT),
            Linker.Option.firstVariadicArg(1), Linker.Option.captureCallState("errno"))).orElse(null);
    private static final MethodHandle RENAMEAT2 = LIBC.find("renameat2").map(address -> LINKER.downcallHandle(
            address, FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT),
            Linker.Option.captureCallState("errno"))).orElse(null);
    private static final int AT_FDCWD = -100;
    private static final int RENAME_EXCHANGE = 2;

    private Native() {}

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
            MemorySegment state = arena.allocate(CAPTURE);
            int rc = (int) KILL.invokeExact(state, target, signal);
            if (rc == 0) {
                return true;
            }
            int errno = errno(state);
            if (errno == ESRCH) {
                return false;
            }
            throw new NativeException("kill(" + target + ", " + signal + ")", errno);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** {@code pidfd_open(pid, 0)}: empty if the process does not exist or the kernel lacks pidfds (ENOSYS). */
    public static OptionalInt pidfdOpen(long pid) {
        if (SYSCALL_PIDFD_OPEN == null) {
            return OptionalInt.empty();
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            long fd = (long) SYSCALL_PIDFD_OPEN.invokeExact(state, SYS_PIDFD_OPEN, (int) pid, 0);
            return fd >= 0 ? OptionalInt.of((int) fd) : OptionalInt.empty();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
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
    public static boolean renameExchange(java.nio.file.Path a, java.nio.file.Path b) {
        if (RENAMEAT2 == null) {
            return false;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            int rc = (int) RENAMEAT2.invokeExact(state, AT_FDCWD, arena.allocateFrom(a.toString()), AT_FDCWD,
                    arena.allocateFrom(b.toString()), RENAME_EXCHANGE);
            return rc == 0;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
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
            MemorySegment state = arena.allocate(CAPTURE);
            int rc = (int) POLL.invokeExact(state, array.address(), (long) fds.length, timeoutMillis);
            if (rc < 0) {
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
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** {@code close(fd)}; errors are ignored (the fd is gone either way on Linux). */
    public static void close(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            int ignored = (int) CLOSE.invokeExact(arena.allocate(CAPTURE), fd);
        } catch (Throwable t) {
            // nothing sensible to do: on Linux the descriptor is released even when close reports an error
        }
    }

    /** {@code pipe2(O_CLOEXEC [| O_NONBLOCK])}: {read end, write end}. */
    public static int[] pipe(boolean nonBlocking) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            MemorySegment state = arena.allocate(CAPTURE);
            int rc = (int) PIPE2.invokeExact(state, fds.address(), O_CLOEXEC | (nonBlocking ? O_NONBLOCK : 0));
            if (rc != 0) {
                throw new NativeException("pipe2", errno(state));
            }
            return new int[] {fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1)};
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /**
     * {@code read(fd, buffer, buffer.byteSize())} into a native buffer: bytes read, 0 at end of file, -1 when a
     * non-blocking fd has nothing (EAGAIN) or the call was interrupted (EINTR).
     */
    public static long read(int fd, MemorySegment buffer) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = arena.allocate(CAPTURE);
            long n = (long) READ.invokeExact(state, fd, buffer.address(), buffer.byteSize());
            if (n >= 0) {
                return n;
            }
            int errno = errno(state);
            if (errno == EAGAIN || errno == EINTR) {
                return -1;
            }
            throw new NativeException("read", errno);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** Writes one byte to {@code fd} (a wake-up pipe); a full non-blocking pipe is fine (it is already awake). */
    public static void writeByte(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment one = arena.allocate(1);
            long ignored = (long) WRITE.invokeExact(arena.allocate(CAPTURE), fd, one.address(), 1L);
        } catch (Throwable t) {
            // a wake-up that cannot be written means the poller is closed or already has a byte pending
        }
    }

    /** {@code prctl(PR_SET_CHILD_SUBREAPER, 1)}: orphans of our descendants are reparented to us. */
    public static boolean becomeChildSubreaper() {
        if (PRCTL == null) {
            return false;
        }
        try (Arena arena = Arena.ofConfined()) {
            int rc = (int) PRCTL.invokeExact(arena.allocate(CAPTURE), PR_SET_CHILD_SUBREAPER, 1L, 0L, 0L, 0L);
            return rc == 0;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
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
            MemorySegment state = arena.allocate(CAPTURE);
            while (true) {
                int rc = (int) WAITPID.invokeExact(state, (int) pid, status.address(), WNOHANG);
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
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    public static long getuid() {
        try {
            return Integer.toUnsignedLong((int) GETUID.invokeExact());
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    public static long getpid() {
        try {
            return (int) GETPID.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    private static MethodHandle errnoCall(String name, FunctionDescriptor descriptor) {
        MemorySegment address = LIBC.find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
        return LINKER.downcallHandle(address, descriptor, Linker.Option.captureCallState("errno"));
    }

    private static MethodHandle plainCall(String name, FunctionDescriptor descriptor) {
        MemorySegment address = LIBC.find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
        return LINKER.downcallHandle(address, descriptor);
    }
}
