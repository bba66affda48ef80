package dev.envy.host.client;

import java.io.IOException;
import java.util.List;

/**
 * The daemon could not be reached, started or understood (exit code 3), or refused the request outright (the exit
 * code it sent). The message is one sentence for the user; {@link #hint()} says what to do; {@link #logTail()} holds
 * the last lines of {@code daemon.log} when the daemon failed to start, to be shown below the message.
 */
public final class DaemonException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Exit code 3 of the behaviour contract: the daemon could not be reached or started. */
    public static final int UNREACHABLE = 3;

    private final int exitCode;
    private final String hint;
    private final List<String> logTail;
    private final boolean closedByDaemon;

    public DaemonException(String message, String hint) {
        this(UNREACHABLE, message, hint, List.of());
    }

    public DaemonException(int exitCode, String message, String hint, List<String> logTail) {
        this(exitCode, message, hint, logTail, false);
    }

    private DaemonException(int exitCode, String message, String hint, List<String> logTail, boolean closed) {
        super(message);
        this.exitCode = exitCode;
        this.hint = hint;
        this.logTail = List.copyOf(logTail);
        this.closedByDaemon = closed;
    }

    /** The daemon hung up before its answer: it died, or went away while shutting down. */
    static DaemonException closedByDaemon(String message, String hint) {
        return new DaemonException(UNREACHABLE, message, hint, List.of(), true);
    }

    /** True when the daemon hung up before answering (see {@link #closedByDaemon}). */
    public boolean closedByDaemon() {
        return closedByDaemon;
    }

    public int exitCode() {
        return exitCode;
    }

    /** What the user can do about it, or null. */
    public String hint() {
        return hint;
    }

    /** The last lines of the daemon log written by the failed start; empty when not relevant. */
    public List<String> logTail() {
        return logTail;
    }
}
