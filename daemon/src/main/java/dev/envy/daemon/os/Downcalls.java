package dev.envy.daemon.os;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.List;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * How {@link Native} and {@link PosixSpawn} call libc: through one downcall handle per argument count, each taking the
 * function's address, a segment for the captured {@code errno} and only {@code long}s, and returning a {@code long}.
 *
 * <p>Why: the JDK generates code for every distinct (function descriptor, linker options) pair it links, about 7 ms
 * each in a cold JVM (an AOT cache cannot hold it), and that was on the critical path of a daemon start. With one
 * handle per shape there are six of them instead of fifteen; a function is just an address.
 *
 * <p>Why only {@code long}s is correct on x86_64 and aarch64 Linux: every argument here travels in an integer
 * register; a pointer is passed as {@code segment.address()}; a C {@code int} or {@code short} passed as a
 * sign-extended {@code long} has the right low 32 (or 16) bits, the only ones the callee reads (x86_64 code compiled
 * by clang also relies on narrow arguments being extended to 32 bits, which sign extension gives). A C function that
 * returns {@code int} leaves the upper 32 bits of the register undefined: callers always narrow such a result with
 * {@code (int)} before looking at it. Passing a pointer as a number means the FFM API does not keep its segment alive
 * during the call: every caller allocates them in an arena it closes after the call.
 *
 * <p>The variadic shape serves {@code prctl} and {@code syscall}: both take their fixed first argument and then
 * {@code long}s, which is what their glibc implementations read ({@code va_arg(ap, unsigned long)} and the syscall
 * argument registers).
 */
final class Downcalls {

    static final Linker LINKER = Linker.nativeLinker();
    static final SymbolLookup LIBC = LINKER.defaultLookup();
    static final StructLayout STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private Downcalls() {}

    /** The address of a libc function; NULL where this libc lacks it (a call then throws). */
    static MemorySegment symbol(String name) {
        return LIBC.find(name).orElse(MemorySegment.NULL);
    }

    static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    /**
     * Links every shape now, in the order a starting daemon first needs them: {@code prctl} at once, then
     * {@code close}/{@code pipe2}, then {@code poll}/{@code read}/{@code write} and the rest of {@code posix_spawn}.
     */
    static void linkAll() {
        // reading a holder's field initialises the holder, which links its shape
        List.of(Variadic.HANDLE, Args1.HANDLE, Args2.HANDLE, Args3.HANDLE, Args5.HANDLE, Args6.HANDLE);
    }

    static long variadic(MemorySegment function, MemorySegment state, long fixed, long a, long b, long c, long d) {
        try {
            return (long) Variadic.HANDLE.invokeExact(function, state, fixed, a, b, c, d);
        } catch (Throwable t) {
            throw rethrown(t);
        }
    }

    static long call(MemorySegment function, MemorySegment state, long a) {
        try {
            return (long) Args1.HANDLE.invokeExact(function, state, a);
        } catch (Throwable t) {
            throw rethrown(t);
        }
    }

    static long call(MemorySegment function, MemorySegment state, long a, long b) {
        try {
            return (long) Args2.HANDLE.invokeExact(function, state, a, b);
        } catch (Throwable t) {
            throw rethrown(t);
        }
    }

    static long call(MemorySegment function, MemorySegment state, long a, long b, long c) {
        try {
            return (long) Args3.HANDLE.invokeExact(function, state, a, b, c);
        } catch (Throwable t) {
            throw rethrown(t);
        }
    }

    static long call(MemorySegment function, MemorySegment state, long a, long b, long c, long d, long e) {
        try {
            return (long) Args5.HANDLE.invokeExact(function, state, a, b, c, d, e);
        } catch (Throwable t) {
            throw rethrown(t);
        }
    }

    static long call(MemorySegment function, MemorySegment state, long a, long b, long c, long d, long e, long f) {
        try {
            return (long) Args6.HANDLE.invokeExact(function, state, a, b, c, d, e, f);
        } catch (Throwable t) {
            throw rethrown(t);
        }
    }

    /** A downcall only throws unchecked exceptions (a NULL function, a closed state segment). */
    private static RuntimeException rethrown(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    private static MethodHandle link(int arguments, Linker.Option... options) {
        MemoryLayout[] longs = new MemoryLayout[arguments];
        Arrays.fill(longs, JAVA_LONG);
        return LINKER.downcallHandle(FunctionDescriptor.of(JAVA_LONG, longs), options);
    }

    // one holder per shape, so that each is linked at its first use (or by linkAll), not all at once

    private static final class Variadic {
        static final MethodHandle HANDLE = link(5, Linker.Option.firstVariadicArg(1), CAPTURE_ERRNO);
    }

    private static final class Args1 {
        static final MethodHandle HANDLE = link(1, CAPTURE_ERRNO);
    }

    private static final class Args2 {
        static final MethodHandle HANDLE = link(2, CAPTURE_ERRNO);
    }

    private static final class Args3 {
        static final MethodHandle HANDLE = link(3, CAPTURE_ERRNO);
    }

    private static final class Args5 {
        static final MethodHandle HANDLE = link(5, CAPTURE_ERRNO);
    }

    private static final class Args6 {
        static final MethodHandle HANDLE = link(6, CAPTURE_ERRNO);
    }
}
