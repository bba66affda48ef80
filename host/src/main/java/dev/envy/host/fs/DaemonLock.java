package dev.envy.host.fs;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The daemon's claim on its environment: an exclusive lock on {@code daemon.lock}, held for the daemon's whole life
 * and released by the kernel however the daemon ends. Whoever holds it is the one daemon (AC-5); a socket file
 * without a holder is stale (CS-5). Clients probe it ({@link #isHeld}, {@link #awaitReleased}) without taking it for
 * longer than a moment.
 *
 * <p>The lock is a POSIX record lock ({@link FileChannel#tryLock()}); such locks are per process and dropped when
 * <em>any</em> descriptor of the file in the process is closed, so nothing else in the daemon may open this file;
 * a second {@link #tryAcquire} in the same process answers empty without opening it.
 */
public final class DaemonLock implements AutoCloseable {

    private static final Duration RETRY_EVERY = Duration.ofMillis(10);
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DaemonLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock if nobody holds it; empty when another process (or this one) does. */
    public static Optional<DaemonLock> tryAcquire(Path file) throws IOException {
        Path key = file.toAbsolutePath().normalize();
        // never open the file while this process holds the lock: closing that descriptor would drop the lock
        if (!HELD_HERE.add(key)) {
            return Optional.empty();
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return Optional.of(new DaemonLock(key, channel, lock));
            }
        } catch (OverlappingFileLockException heldHere) {
            // held through a channel this class did not open; leave it alone
        } catch (IOException | RuntimeException e) {
            HELD_HERE.remove(key);
            if (channel != null) {
                channel.close();
            }
            throw e;
        }
        HELD_HERE.remove(key);
        channel.close();
        return Optional.empty();
    }

    /**
     * Like {@link #tryAcquire} but keeps trying until {@code patience} has passed: a client probing the lock
     * ({@code envy daemon status}) holds it for microseconds, which must not make a starting daemon give up.
     */
    public static Optional<DaemonLock> acquire(Path file, Duration patience) throws IOException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Optional<DaemonLock> lock = tryAcquire(file);
            if (lock.isPresent() || System.nanoTime() - deadline >= 0) {
                return lock;
            }
            try {
                Thread.sleep(RETRY_EVERY);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /**
     * Whether a daemon holds {@code daemonLock}. Probes with a non-blocking lock that is released at once; a
     * missing file means no daemon ever ran here. Never creates the file.
     */
    public static boolean isHeld(Path daemonLock) throws IOException {
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

    /** Waits until nobody holds {@code daemonLock}; false when {@code deadline} passed first. */
    public static boolean awaitReleased(Path daemonLock, Duration deadline) throws IOException {
        long end = System.nanoTime() + deadline.toNanos();
        while (isHeld(daemonLock)) {
            if (System.nanoTime() - end >= 0) {
                return false;
            }
            try {
                Thread.sleep(RETRY_EVERY);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for " + daemonLock + " to be released");
            }
        }
        return true;
    }

    /** True while this process still holds the lock. */
    public boolean isHeld() {
        return lock.isValid();
    }

    public Path file() {
        return file;
    }

    /** Releases the lock; the daemon does this last, after removing its socket. */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
            HELD_HERE.remove(file);
        }
    }
}
