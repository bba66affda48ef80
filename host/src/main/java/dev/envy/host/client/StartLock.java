package dev.envy.host.client;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code start.lock} (CS-5): held by a client while it checks for a daemon and starts one, so that starters are
 * serialised. File locks are per process, so two threads of one JVM are also serialised by an in-process lock per
 * path; otherwise the second thread would get an {@link OverlappingFileLockException} instead of waiting.
 */
final class StartLock implements AutoCloseable {

    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock local;
    private final FileChannel channel;

    private StartLock(ReentrantLock local, FileChannel channel) {
        this.local = local;
        this.channel = channel;
    }

    /** Takes the exclusive lock on {@code file} (created if needed), waiting at most {@code deadline}. */
    static StartLock take(Path file, Duration deadline, String awaited) throws IOException {
        long end = System.nanoTime() + deadline.toNanos();
        ReentrantLock local = IN_PROCESS.computeIfAbsent(file.toAbsolutePath().normalize(), p -> new ReentrantLock());
        try {
            if (!local.tryLock(deadline.toNanos(), TimeUnit.NANOSECONDS)) {
                throw timeout(deadline, awaited);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DaemonException("interrupted while waiting for " + awaited, null);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            while (channel.tryLock() == null) {
                if (System.nanoTime() - end >= 0) {
                    throw timeout(deadline, awaited);
                }
                pause();
            }
            return new StartLock(local, channel);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            local.unlock();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close(); // releases the file lock
        } finally {
            local.unlock();
        }
    }

    /** One turn of a client's wait for a lock or a socket: {@link Deadlines#POLL}. */
    static void pause() throws DaemonException {
        try {
            Thread.sleep(Deadlines.POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DaemonException("interrupted while waiting for the daemon", null);
        }
    }

    private static DaemonException timeout(Duration deadline, String awaited) {
        return new DaemonException("timed out after " + Deadlines.words(deadline) + " waiting for " + awaited,
                "another envy may be stuck starting the daemon; try again");
    }
}
