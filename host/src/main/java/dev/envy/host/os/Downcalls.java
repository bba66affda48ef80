package dev.envy.host.os;

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
 * How {@link Native} and {@link PosixSpawn} call libc: through two downcall handles, one for every ordinary function
 * and one for the variadic {@code prctl} and {@code syscall}. Each takes the function's address, a segment for the
 * captured {@code errno} and six {@code long}s (five for the variadic one), and returns a {@code long}.
 *
 * <p>Why: the JDK generates code for every distinct (function descriptor, linker options) pair it links, 7-10 ms each
 * in a cold JVM (an AOT cache cannot hold it) after 50-60 ms for the first, and with a handle per function (fifteen
 * shapes) that sat on the critical path of a daemon start. Now there are two shapes; a function is just an address.
 *
 * <p>Why this is correct on Linux x86_64 and aarch64, the platforms envy runs on:
 * <ul>
 *   <li>Every argument here is an integer or a pointer, and the first six travel in integer registers in both ABIs
 *       (rdi, rsi, rdx, rcx, r8, r9; x0-x5). A pointer is passed as {@code segment.address()}.</li>
 *   <li>A C {@code int} or {@code short} passed as a sign-extended {@code long} has the right low 32 (or 16) bits,
 *       the only ones the callee reads; x86_64 code compiled by clang also expects a narrow argument extended to 32
 *       bits, which sign extension gives.</li>
 *   <li>A function that takes fewer than six arguments gets zeros in the argument registers it does not declare and
 *       never reads them: the caller owns those registers and pops nothing (no stack arguments, caller cleanup).</li>
 *   <li>A function that returns a C {@code int} leaves the upper 32 bits of the result register undefined: callers
 *       always narrow such a result with {@code (int)} before looking at it, never test the {@code long}.</li>
 *   <li>The variadic shape is kept apart because on x86_64 a variadic callee reads {@code %al} (how many vector
 *       registers hold arguments), which only a variadic downcall sets. Its fixed first argument is {@code int
 *       option} or {@code long number}; the rest are {@code long}s, which is what glibc's {@code prctl} reads
 *       ({@code va_arg(ap, unsigned long)}) and {@code syscall} passes on.</li>
 * </ul>
 * Passing a pointer as a number means the FFM API does not keep its segment alive during the call: every caller
 * allocates those segments in an arena that it closes only after the call.
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

    /** Links both shapes now, in the order a starting daemon first needs them: {@code prctl}, then the rest. */
    static void linkAll() {
        // reading a holder's field initialises the holder, which links its shape
        List.of(Variadic.HANDLE, Fixed.HANDLE);
    }

    static long variadic(MemorySegment function, MemorySegment state, long fixed, long a, long b, long c, long d) {
        try {
            return (long) Variadic.HANDLE.invokeExact(function, state, fixed, a, b, c, d);
        } catch (Throwable t) {
            throw rethrown(t);
        }
    }

    static long call(MemorySegment function, MemorySegment state, long a) {
        return call(function, state, a, 0, 0, 0, 0, 0);
    }

    static long call(MemorySegment function, MemorySegment state, long a, long b) {
        return call(function, state, a, b, 0, 0, 0, 0);
    }

    static long call(MemorySegment function, MemorySegment state, long a, long b, long c) {
        return call(function, state, a, b, c, 0, 0, 0);
    }

    static long call(MemorySegment function, MemorySegment state, long a, long b, long c, long d, long e) {
        return call(function, state, a, b, c, d, e, 0);
    }

    static long call(MemorySegment function, MemorySegment state, long a, long b, long c, long d, long e, long f) {
        try {
            return (long) Fixed.HANDLE.invokeExact(function, state, a, b, c, d, e, f);
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

    // a holder per shape, so that each is linked at its first use (or by linkAll), not with this class

    private static final class Variadic {
        static final MethodHandle HANDLE = link(5, Linker.Option.firstVariadicArg(1), CAPTURE_ERRNO);
    }

    private static final class Fixed {
        static final MethodHandle HANDLE = link(6, CAPTURE_ERRNO);
    }
}
