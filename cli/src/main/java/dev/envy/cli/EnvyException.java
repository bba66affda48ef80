package dev.envy.cli;

import java.util.List;
import java.util.Optional;

/**
 * A failure the user should read: one sentence, an optional hint, and the exit code it ends with. {@link Main} turns
 * it into {@code envy: MESSAGE} / {@code hint: HINT} on stderr; commands never print errors or exit themselves.
 */
public class EnvyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;
    private final String hint;
    private final transient List<String> details;

    public EnvyException(int exitCode, String message, String hint) {
        this(exitCode, message, hint, List.of(), null);
    }

    /** With {@code details}: lines shown between the message and the hint (e.g. the tail of the daemon log). */
    public EnvyException(int exitCode, String message, String hint, List<String> details, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.hint = hint;
        this.details = List.copyOf(details);
    }

    /** Exit 2: the request was invalid and nothing was done. */
    public static EnvyException invalid(String message, String hint) {
        return new EnvyException(ExitCode.INVALID, message, hint);
    }

    /** Exit 1: the operation ran but something failed. */
    public static EnvyException failed(String message, String hint) {
        return new EnvyException(ExitCode.FAILED, message, hint);
    }

    /** Exit 3: the daemon could not be reached or started. */
    public static EnvyException daemon(String message, String hint) {
        return new EnvyException(ExitCode.DAEMON, message, hint);
    }

    public int exitCode() {
        return exitCode;
    }

    public List<String> details() {
        return details;
    }

    public Optional<String> hint() {
        return Optional.ofNullable(hint).filter(h -> !h.isBlank());
    }
}
