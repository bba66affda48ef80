package dev.envy.core.protocol;

/**
 * STA-1: what status shows of one service. Times are epoch milliseconds; absent values are 0 / -1 / null as noted.
 *
 * @param status     one of STA-2's words: not-started, waiting, blocked, starting, running, stopping, stopped,
 *                   completed, failed, backoff
 * @param ready      the readiness check passed (or the service has none and is running)
 * @param pid        the process (group) id, or -1 when not running
 * @param sinceMillis when the service entered its current status
 * @param startedMillis when the current or last process was spawned, or 0
 * @param restarts   automatic restarts in a row (STA-7)
 * @param exitCode   the last exit code, or -1 when it did not exit by itself with a code
 * @param signal     the last terminating signal's name ({@code SIGSEGV}), or null
 * @param message    a short reason ({@code blocked by db}, {@code readiness timed out after 60s}), or null
 * @param statusText RD-1: the last {@code STATUS=} the live process sent over sd_notify, or null
 * @param ports      PT-1: the ports allocated to it, by name, while it has a process (else empty)
 */
public record ServiceView(String name, String status, boolean ready, long pid, long sinceMillis,
                          long startedMillis, int restarts, int exitCode, String signal, String message,
                          String statusText, java.util.Map<String, Integer> ports) {

    public ServiceView {
        ports = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(ports));
    }

    /** A view with no sd_notify status and no allocated port. */
    public ServiceView(String name, String status, boolean ready, long pid, long sinceMillis, long startedMillis,
                       int restarts, int exitCode, String signal, String message) {
        this(name, status, ready, pid, sinceMillis, startedMillis, restarts, exitCode, signal, message, null,
                java.util.Map.of());
    }
}
