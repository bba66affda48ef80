package dev.envy.daemon.loop;

/**
 * Where the daemon's lifecycle lines go (LG-1: {@code .envy/logs/daemon.log}). Only lifecycle lines: started,
 * manifest loaded, spawned, exited, stopping, activation registered/exited, teardown, exit.
 */
public interface LogSink {

    void info(String message);

    void warn(String message);

    void error(String message, Throwable cause);

    /** Writes what is buffered to disk. */
    default void flush() {
    }
}
