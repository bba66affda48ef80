package dev.envy.daemon.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The log file of one service, {@code <logsDir>/<service>.log}: each line is written as
 * {@code <ISO-8601 UTC millis>Z <raw bytes>\n}. Bytes are kept as the service wrote them (invalid UTF-8 included); a
 * line longer than {@link #MAX_LINE} is expected to arrive already split (see {@link LineSplitter}). Thread-safe: the
 * service poller writes lines (of the service and of its shutdown command) while the log store's flusher flushes and
 * releases the buffer; each line stays whole.
 */
public final class ServiceLog implements AutoCloseable {

    /** The longest line on disk, in bytes, not counting the time prefix and the newline. */
    public static final int MAX_LINE = dev.envy.core.log.LogFormat.MAX_PAYLOAD;

    private final String service;
    private final Path file;
    private final RotatingFile out;
    private final LinePrefix prefix = new LinePrefix();
    private boolean closed;

    ServiceLog(String service, Path file, long maxBytes, int keep) throws IOException {
        this.service = service;
        this.file = file;
        this.out = new RotatingFile(file, maxBytes, keep);
    }

    public String service() {
        return service;
    }

    public Path file() {
        return file;
    }

    /** Appends one line (without its newline) stamped with the current time. */
    public void line(byte[] bytes, int offset, int length) {
        line(System.currentTimeMillis(), bytes, offset, length);
    }

    /** Appends one line (without its newline) stamped with {@code epochMillis}. */
    public synchronized void line(long epochMillis, byte[] bytes, int offset, int length) {
        if (length > MAX_LINE) {
            throw new IllegalArgumentException("a log line is at most " + MAX_LINE + " bytes, got " + length);
        }
        if (closed) {
            return;
        }
        try {
            out.append(prefix.at(epochMillis), bytes, offset, length, (byte) '\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes buffered lines to the file, so readers of the file see them. */
    public synchronized void flush() {
        if (closed) {
            return;
        }
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Flushes and drops the write buffer if nothing was written since the last flush (a quiet service). */
    synchronized void releaseIfQuiet() {
        if (closed || out.dirty()) {
            return;
        }
        try {
            out.release();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    synchronized boolean dirty() {
        return !closed && out.dirty();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file + ": " + e.getMessage(), e);
        }
    }
}
