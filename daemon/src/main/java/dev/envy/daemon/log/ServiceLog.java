package dev.envy.daemon.log;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The log file of one service, {@code <logsDir>/<service>.log}: each line is written as
 * {@code <ISO-8601 UTC millis>Z <raw bytes>\n}. Bytes are kept as the service wrote them (invalid UTF-8 included); a
 * line longer than {@link #MAX_LINE} is expected to arrive already split (see {@link LineSplitter}). Thread-safe: the
 * service poller writes lines (of the service and of its shutdown command) while the log store's flusher flushes and
 * releases the buffer; each line stays whole.
 *
 * <p>When the file cannot be written (a full disk), lines are kept in memory up to {@link RotatingFile#BUFFER} bytes
 * and written once it can be, whole, in order and once; beyond that they are dropped and counted. The episode is
 * reported through {@code trouble} twice: when it starts, and when writing works again, with the number of lines lost.
 */
public final class ServiceLog implements AutoCloseable {

    /** The longest line on disk, in bytes, not counting the time prefix and the newline. */
    public static final int MAX_LINE = dev.envy.core.log.LogFormat.MAX_PAYLOAD;

    private final String service;
    private final Path file;
    private final RotatingFile out;
    private final LinePrefix prefix = new LinePrefix();
    private final Consumer<String> trouble;
    private final Runnable unflushed;
    private boolean closed;

    /** @param unflushed run when a line arrives with nothing else waiting to be flushed (outside the lock) */
    ServiceLog(String service, Path file, long maxBytes, int keep, Consumer<String> trouble, Runnable unflushed)
            throws IOException {
        this(service, new RotatingFile(file, maxBytes, keep), trouble, unflushed);
    }

    ServiceLog(String service, RotatingFile out, Consumer<String> trouble) {
        this(service, out, trouble, () -> { });
    }

    ServiceLog(String service, RotatingFile out, Consumer<String> trouble, Runnable unflushed) {
        this.service = service;
        this.file = out.file();
        this.out = out;
        this.trouble = trouble;
        this.unflushed = unflushed;
    }

    public String service() {
        return service;
    }

    public Path file() {
        return file;
    }

    /**
     * A writer for one stream of output (one process's merged stdout and stderr), which may share this log with
     * others (a service and its shutdown command, one process after another).
     */
    public Writer writer() {
        return new Writer();
    }

    /**
     * Cuts what is read from one stream into lines ({@link LineSplitter}: an unfinished last line waits for the next
     * read, a line over {@link #MAX_LINE} is split) and appends them all, stamped with the time of the read, under one
     * lock per read rather than one per line: a flood of short lines costs a copy of each and no more. Lines of two
     * streams never interleave within a line. Not thread-safe: one thread per stream.
     */
    public final class Writer {
        private final LineSplitter splitter = new LineSplitter(this::toFile);
        private byte[] stamp;

        private Writer() {}

        /** Appends the lines that end in {@code bytes} (one read), stamped with {@code epochMillis}. */
        public void write(long epochMillis, byte[] bytes, int offset, int length) {
            append(epochMillis, bytes, offset, length, false);
        }

        /** Appends the stream's unterminated last line, if any (at end of file), stamped with {@code epochMillis}. */
        public void finish(long epochMillis) {
            append(epochMillis, null, 0, 0, true);
        }

        private void append(long epochMillis, byte[] bytes, int offset, int length, boolean end) {
            boolean first;
            synchronized (ServiceLog.this) {
                if (closed) {
                    return;
                }
                first = !out.dirty();
                stamp = prefix.at(epochMillis);
                if (end) {
                    splitter.finish();
                } else {
                    splitter.feed(bytes, offset, length);
                }
                first &= out.dirty();
            }
            if (first) {
                unflushed.run();
            }
            report();
        }

        private void toFile(byte[] bytes, int offset, int length) {
            out.append(stamp, bytes, offset, length, (byte) '\n');
        }
    }

    /** Appends one line (without its newline) stamped with the current time, through a writer of its own. */
    void line(byte[] bytes, int offset, int length) {
        line(System.currentTimeMillis(), bytes, offset, length);
    }

    /**
     * Appends one line (without its newline, at most {@link #MAX_LINE} bytes) stamped with {@code epochMillis}, through
     * a writer of its own.
     */
    void line(long epochMillis, byte[] bytes, int offset, int length) {
        if (length > MAX_LINE) {
            throw new IllegalArgumentException("a log line is at most " + MAX_LINE + " bytes, got " + length);
        }
        Writer writer = writer();
        writer.write(epochMillis, bytes, offset, length);
        writer.finish(epochMillis);
    }

    /** Writes buffered lines to the file, so readers of the file see them (what cannot be written stays buffered). */
    public void flush() {
        synchronized (this) {
            if (closed) {
                return;
            }
            out.flush();
        }
        report();
    }

    /** Flushes and drops the write buffer if nothing was written since the last flush (a quiet service). */
    void releaseIfQuiet() {
        synchronized (this) {
            if (closed || out.dirty()) {
                return;
            }
            out.release();
        }
        report();
    }

    synchronized boolean dirty() {
        return !closed && out.dirty();
    }

    /** Says when writing the file started failing, and when it works again with what was lost (outside the lock). */
    private void report() {
        IOException failure;
        OptionalLong recovery;
        boolean recreated;
        synchronized (this) {
            failure = out.takeFailure();
            recovery = out.takeRecovery();
            recreated = out.takeRecreated();
        }
        if (recreated) {
            trouble.accept(file + " was deleted while " + service + " wrote to it; made it again, and its lines go"
                    + " there from now on");
        }
        if (recovery.isPresent()) {
            trouble.accept(file + " can be written again; " + lost(recovery.getAsLong())
                    + " while it could not be written");
        }
        if (failure != null) {
            trouble.accept("cannot write " + file + ": " + reason(failure) + "; the lines of " + service
                    + " are kept in memory (up to " + RotatingFile.BUFFER / 1024 + " KiB) and written when it can be"
                    + " written again, and counted and dropped beyond that");
        }
    }

    private String lost(long lines) {
        return lines == 0 ? "no line of " + service + " was lost" : lines == 1 ? "1 line of " + service + " was lost"
                : lines + " lines of " + service + " were lost";
    }

    static String reason(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public void close() {
        long lost;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            out.close();
            lost = out.lost();
        }
        if (lost > 0) {
            trouble.accept("closed " + file + " while it could not be written: " + lost(lost));
        }
    }
}
