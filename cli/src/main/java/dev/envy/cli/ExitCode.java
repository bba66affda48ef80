package dev.envy.cli;

/** The exit codes of every envy command (behaviour.md). */
public final class ExitCode {
    /** Success; notes may have been printed. */
    public static final int OK = 0;
    /** The operation ran but something failed (a service failed to start…). */
    public static final int FAILED = 1;
    /** The request was invalid and nothing was done (unknown service, invalid manifest, bad flag). */
    public static final int INVALID = 2;
    /** The daemon could not be reached or started. */
    public static final int DAEMON = 3;

    private ExitCode() {
    }
}
