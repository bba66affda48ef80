package dev.envy.cli;

import java.util.Optional;

/**
 * A failure the user should read: one sentence, an optional hint, and the exit code it ends with. {@link Main} turns
 * it into {@code envy: MESSAGE} / {@code hint: HINT} on stderr; commands never print errors or exit themselves.
 */
public class EnvyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;
    private final String hint;

    public EnvyException(int exitCode, String message, String hint) {
        super(message);
        this.exitCode = exitCode;
        this.hint = hint;
    }

    public EnvyException(int exitCode, String message, String hint, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.hint = hint;
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

    public Optional<String> hint() {
        return Optional.ofNullable(hint).filter(h -> !h.isBlank());
    }
}
