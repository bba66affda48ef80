package dev.envy.daemon;

import dev.envy.daemon.log.DaemonLog;
import dev.envy.daemon.loop.LogSink;

/** The loop's log on the real {@link DaemonLog} (LG-1, LG-4: {@code .envy/logs/daemon.log}, rotated). */
final class DaemonLogSink implements LogSink {
    private final DaemonLog log;

    DaemonLogSink(DaemonLog log) {
        this.log = log;
    }

    @Override
    public void info(String message) {
        log.info(message);
    }

    @Override
    public void warn(String message) {
        log.warn(message);
    }

    @Override
    public void error(String message, Throwable cause) {
        log.error(message, cause);
    }
}
