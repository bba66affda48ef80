package dev.envy.daemon.log;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The daemon's own log, {@code .envy/logs/daemon.log}: plain text lines {@code <time> <LEVEL> <message>}, rotated by
 * size like the service logs. Every line is flushed at once (the daemon log is small and read after crashes).
 * Thread-safe. A line that cannot be written goes to stderr instead: logging never throws.
 */
public final class DaemonLog implements AutoCloseable {

    public enum Level { DEBUG, INFO, WARN, ERROR }

    private final RotatingFile out;
    private final LinePrefix prefix = new LinePrefix();

    public DaemonLog(Path file, long maxBytes, int keep) throws IOException {
        this.out = new RotatingFile(file, maxBytes, keep);
    }

    public void info(String message) {
        log(Level.INFO, message);
    }

    public void warn(String message) {
        log(Level.WARN, message);
    }

    public void error(String message, Throwable cause) {
        StringWriter trace = new StringWriter();
        cause.printStackTrace(new PrintWriter(trace));
        log(Level.ERROR, message + System.lineSeparator() + trace.toString().stripTrailing());
    }

    public synchronized void log(Level level, String message) {
        long now = System.currentTimeMillis();
        for (String line : message.split("\n", -1)) {
            byte[] text = (level.name() + " " + line).getBytes(StandardCharsets.UTF_8);
            try {
                out.append(prefix.at(now), text, 0, text.length, (byte) '\n');
            } catch (IOException e) {
                System.err.println(level + " " + line);
            }
        }
        try {
            out.flush();
        } catch (IOException e) {
            System.err.println("envy: cannot write the daemon log: " + e.getMessage());
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
