package dev.envy.daemon.log;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The daemon's own log, {@code .envy/logs/daemon.log}: plain text lines {@code <time> <LEVEL> <message>} (a multi-line
 * message becomes several lines), or with {@link Format#JSON} one object a line
 * ({@code {"time":"…","level":"INFO","message":"…"}}, LG-3), rotated by size like the service logs (LG-4: the daemon
 * opens it with the manifest's {@code log-max-size}, {@code log-keep} and {@code daemon-log-format}). Every line is
 * flushed at once (the daemon log is small and read after crashes). Thread-safe. Logging never throws: a line that
 * cannot be written (a full disk) is kept, with those after it, and written when the file can be written again
 * (up to {@link RotatingFile#BUFFER} bytes, beyond which lines are counted and dropped); the first line written
 * afterwards says how many were lost.
 *
 * <p>The launcher (cli {@code DaemonLauncher}) also appends its own {@code <time> [launcher] …} lines to this file and
 * points the daemon JVM's stdout and stderr at it (for the rare line the JVM writes before or around this class, such
 * as a crash). Those are plain text even in the JSON format, and the JVM's descriptors keep the file they were opened
 * on, so after a rotation its lines land in a rotated file ({@code daemon.log.N}).
 */
public final class DaemonLog implements AutoCloseable {

    public enum Level { DEBUG, INFO, WARN, ERROR }

    public enum Format { TEXT, JSON }

    private static final byte[] NOTHING = new byte[0];

    private final RotatingFile out;
    private final Format format;
    private final LinePrefix prefix = new LinePrefix();

    public DaemonLog(Path file, long maxBytes, int keep) throws IOException {
        this(file, maxBytes, keep, Format.TEXT);
    }

    public DaemonLog(Path file, long maxBytes, int keep, Format format) throws IOException {
        this(new RotatingFile(file, maxBytes, keep), format);
    }

    DaemonLog(RotatingFile out, Format format) {
        this.out = out;
        this.format = format;
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
        write(level, message);
        IOException failure = out.takeFailure();
        if (failure != null) {
            // kept in the buffer with the lines before it, and written with them once there is room
            write(Level.WARN, "cannot write " + out.file() + ": " + ServiceLog.reason(failure) + "; its lines are kept"
                    + " in memory (up to " + RotatingFile.BUFFER / 1024 + " KiB) and written when it can be written"
                    + " again, and counted and dropped beyond that");
        }
        if (out.takeRecreated()) {
            write(Level.WARN, out.file() + " was deleted while the daemon wrote to it; made it again");
        }
        OptionalLong recovery = out.takeRecovery();
        if (recovery.isPresent() && recovery.getAsLong() > 0) {
            write(Level.WARN, out.file() + " can be written again; " + recovery.getAsLong()
                    + " line(s) of this log were lost while it could not be written");
        }
    }

    private void write(Level level, String message) {
        long now = System.currentTimeMillis();
        if (format == Format.JSON) {
            String time = new String(prefix.at(now), StandardCharsets.US_ASCII).strip();
            byte[] json = ("{\"time\":\"" + time + "\",\"level\":\"" + level + "\",\"message\":" + quote(message)
                    + "}").getBytes(StandardCharsets.UTF_8);
            out.append(NOTHING, json, 0, json.length, (byte) '\n');
        } else {
            for (String line : message.split("\n", -1)) {
                byte[] text = (level.name() + " " + line).getBytes(StandardCharsets.UTF_8);
                out.append(prefix.at(now), text, 0, text.length, (byte) '\n');
            }
        }
        out.flush();
    }

    static String quote(String text) {
        StringBuilder b = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
        if (out.lost() > 0) {
            System.err.println("envy: " + out.lost() + " line(s) of " + out.file() + " could not be written");
        }
    }
}
