package dev.envy.cli.client;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The client's side of the runtime dir's locks. File locks are per process, so two threads of one JVM are also
 * serialised by an in-process lock per path; otherwise the second thread would get an
 * {@link OverlappingFileLockException} instead of waiting.
 */
final class FileLocks {

    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
    private static final Duration POLL = Duration.ofMillis(10);

    private FileLocks() {
    }

    /** A held exclusive lock; {@link #close()} releases it. */
    static final class Held implements AutoCloseable {
        private final ReentrantLock local;
        private final FileChannel channel;

        private Held(ReentrantLock local, FileChannel channel) {
            this.local = local;
            this.channel = channel;
        }

        @Override
        public void close() throws IOException {
            try {
                channel.close(); // releases the file lock
            } finally {
                local.unlock();
            }
        }
    }

    /** Takes the exclusive lock on {@code file} (created if needed), waiting at most {@code deadline}. */
    static Held lock(Path file, Duration deadline, String awaited) throws IOException {
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
                sleep();
            }
            return new Held(local, channel);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            local.unlock();
            throw e;
        }
    }

    /**
     * Whether a daemon holds {@code daemon.lock}. Probes with a non-blocking lock that is released at once; a
     * missing file means no daemon ever ran here. Never creates the file.
     */
    static boolean isHeld(Path daemonLock) throws IOException {
        try (FileChannel channel = FileChannel.open(daemonLock, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (NoSuchFileException e) {
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // this very JVM holds it
        }
    }

    /** Waits until nobody holds {@code daemonLock}; false when the deadline passed first. */
    static boolean awaitReleased(Path daemonLock, Duration deadline) throws IOException {
        long end = System.nanoTime() + deadline.toNanos();
        while (isHeld(daemonLock)) {
            if (System.nanoTime() - end >= 0) {
                return false;
            }
            sleep();
        }
        return true;
    }

    static void sleep() throws DaemonException {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DaemonException("interrupted while waiting for the daemon", null);
        }
    }

    private static DaemonException timeout(Duration deadline, String awaited) {
        return new DaemonException("timed out after " + DaemonClient.seconds(deadline) + " waiting for " + awaited,
                "another envy may be stuck starting the daemon; try again");
    }
}
