package dev.envy.daemon.process;

/**
 * Receives each line a service prints (stdout and stderr merged), decoded as UTF-8 with replacement, without its
 * newline, on the service's output thread, after the line was handed to the log. Used for log readiness and
 * following. Must be quick and must not block; an exception is logged and ignored.
 */
@FunctionalInterface
public interface LineListener {

    LineListener NONE = line -> {};

    void onLine(String line);
}
