package dev.envy.daemon.process;

/** A service could not be started at all (missing working directory, no bash, no pipe…); nothing is running. */
public final class SpawnException extends Exception {
    public SpawnException(String message, Throwable cause) {
        super(message, cause);
    }

    public SpawnException(String message) {
        super(message);
    }
}
