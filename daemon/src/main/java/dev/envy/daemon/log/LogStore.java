package dev.envy.daemon.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The per-service log files of one environment, {@code <logsDir>/<service>.log}, rotated by size ({@code .log.1} …
 * {@code .log.<keep>}). One {@link ServiceLog} per service for the store's life, shared by every process of that
 * service (restarts append). Buffered lines are flushed {@value #FLUSH_MILLIS} ms after the first of them arrived by
 * one daemon thread, and by writers at end of output; a log with nothing to flush gives its write buffer back until
 * it is written again. The flusher runs only while some log has lines to flush or a buffer to give back: an
 * environment whose services write nothing costs nothing here. A log that cannot be written (a full disk) keeps its
 * lines until it can, is retried by the same flusher, and says so through {@code trouble} (see {@link ServiceLog}).
 */
public final class LogStore implements AutoCloseable {

    static final long FLUSH_MILLIS = 100;
    private static final Pattern SERVICE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Path logsDir;
    private final long maxBytes;
    private final int keep;
    private final Consumer<String> trouble;
    private final Map<String, ServiceLog> logs = new ConcurrentHashMap<>();
    /** A flush is scheduled: set by the first unflushed line, cleared when that flush begins. */
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "envy-log-flush");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param maxBytes rotate a file before it would grow past this size; 0 or less never rotates
     * @param keep     how many rotated files to keep
     */
    public LogStore(Path logsDir, long maxBytes, int keep) {
        this(logsDir, maxBytes, keep, message -> System.err.println("envy: " + message));
    }

    /**
     * @param trouble told when a log cannot be written, and when it can again with the number of lines lost
     */
    public LogStore(Path logsDir, long maxBytes, int keep, Consumer<String> trouble) {
        this.logsDir = logsDir;
        this.maxBytes = maxBytes;
        this.keep = keep;
        this.trouble = trouble;
    }

    public Path logsDir() {
        return logsDir;
    }

    /** The log of {@code service}, opened (created if needed) on first use. */
    public ServiceLog open(String service) {
        if (!SERVICE_NAME.matcher(service).matches()) {
            throw new IllegalArgumentException("not a service name usable as a file name: '" + service + "'");
        }
        return logs.computeIfAbsent(service, name -> {
            try {
                return new ServiceLog(name, logsDir.resolve(name + ".log"), maxBytes, keep, trouble, this::wake);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the log of " + name + " in " + logsDir + ": "
                        + e.getMessage(), e);
            }
        });
    }

    /** The current file of {@code service} followed by its rotated files, newest first (whether or not they exist). */
    public List<Path> files(String service) {
        List<Path> files = new ArrayList<>();
        files.add(logsDir.resolve(service + ".log"));
        for (int i = 1; i <= keep; i++) {
            files.add(logsDir.resolve(service + ".log." + i));
        }
        return files;
    }

    /** Schedules a flush {@value #FLUSH_MILLIS} ms from now unless one is scheduled already. */
    private void wake() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                flusher.schedule(this::flushDirty, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closed) {
                scheduled.set(false); // the store is closing: close() flushes what is left
            }
        }
    }

    /**
     * Flushes every log with lines waiting and gives back the buffer of every quiet one. A log that was flushed is
     * looked at once more a period later (to give its buffer back once quiet, or to retry what a full disk refused);
     * when none was, the flusher stops until the next unflushed line.
     */
    private void flushDirty() {
        scheduled.set(false); // first: a line that arrives from here on schedules the next round itself
        boolean again = false;
        for (ServiceLog log : logs.values()) {
            try {
                if (log.dirty()) {
                    log.flush();
                    again = true;
                } else {
                    log.releaseIfQuiet();
                }
            } catch (RuntimeException e) {
                System.err.println("envy: " + e.getMessage());
            }
        }
        if (again) {
            wake();
        }
    }

    /** Whether a flush is scheduled (for tests: a store whose logs are all quiet schedules nothing). */
    boolean flushScheduled() {
        return scheduled.get();
    }

    /** Flushes and closes every log; lines written afterwards are dropped. */
    @Override
    public void close() {
        // not shutdownNow: an interrupt would close a file in the middle of a write
        flusher.shutdown();
        try {
            flusher.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        logs.values().forEach(ServiceLog::close);
    }
}
