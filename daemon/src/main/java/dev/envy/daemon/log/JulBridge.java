package dev.envy.daemon.log;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Sends what classes log through {@code System.Logger} or {@code java.util.logging} (the socket server, the manifest
 * watcher) to the {@link DaemonLog}, in its format, instead of the JVM's default console handler, which would write
 * two-line JUL records to stderr, the daemon log's file too, outside its format (LG-1, LG-3).
 */
public final class JulBridge extends Handler {
    private final DaemonLog log;
    private final Formatter messages = new SimpleFormatter();

    private JulBridge(DaemonLog log) {
        this.log = log;
    }

    /** Replaces the root logger's handlers by one writing to {@code log}. */
    public static void install(DaemonLog log) {
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        root.addHandler(new JulBridge(log));
    }

    @Override
    public void publish(LogRecord record) {
        if (record == null || !isLoggable(record)) {
            return;
        }
        String name = record.getLoggerName() == null ? "" : record.getLoggerName();
        String message = name.substring(name.lastIndexOf('.') + 1) + ": " + messages.formatMessage(record);
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            message += System.lineSeparator() + trace.toString().stripTrailing();
        }
        log.log(level(record.getLevel()), message);
    }

    static DaemonLog.Level level(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return DaemonLog.Level.ERROR;
        }
        if (v >= Level.WARNING.intValue()) {
            return DaemonLog.Level.WARN;
        }
        return v >= Level.INFO.intValue() ? DaemonLog.Level.INFO : DaemonLog.Level.DEBUG;
    }

    @Override
    public void flush() {
        // every DaemonLog line is flushed as it is written
    }

    @Override
    public void close() {
        // the daemon closes its log itself, last
    }
}
