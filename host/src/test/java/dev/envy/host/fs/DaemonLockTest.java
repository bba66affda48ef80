package dev.envy.host.fs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DaemonLockTest {

    @TempDir
    Path tmp;

    @Test
    void onlyOneHolderAtATime() throws Exception {
        Path file = tmp.resolve("daemon.lock");
        try (DaemonLock first = DaemonLock.tryAcquire(file).orElseThrow()) {
            assertTrue(first.isHeld());
            assertTrue(DaemonLock.tryAcquire(file).isEmpty(), "held by this process");
        }
        try (DaemonLock again = DaemonLock.tryAcquire(file).orElseThrow()) {
            assertTrue(again.isHeld(), "released by close");
        }
    }

    @Test
    void aSecondAttemptInTheSameProcessDoesNotDropTheLock() throws Exception {
        Path file = tmp.resolve("daemon.lock");
        try (DaemonLock lock = DaemonLock.tryAcquire(file).orElseThrow()) {
            assertTrue(DaemonLock.tryAcquire(file).isEmpty());
            assertTrue(DaemonLock.acquire(file, Duration.ofMillis(30)).isEmpty());
            assertEquals("held", probeFromAnotherProcess(file), "the failed attempts left the lock in place");
        }
    }

    @Test
    void anotherProcessSeesItHeldAndTakesItOnceReleased() throws Exception {
        Path file = tmp.resolve("daemon.lock");
        DaemonLock lock = DaemonLock.tryAcquire(file).orElseThrow();
        assertEquals("held", probeFromAnotherProcess(file));
        lock.close();
        assertFalse(lock.isHeld());
        assertEquals("free", probeFromAnotherProcess(file));
    }

    @Test
    void acquireWaitsOutABriefProbe() throws Exception {
        Path file = tmp.resolve("daemon.lock");
        DaemonLock probe = DaemonLock.tryAcquire(file).orElseThrow();
        Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(100); // the probe's hold, the thing under test waits it out
                probe.close();
            } catch (InterruptedException | IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try (DaemonLock lock = DaemonLock.acquire(file, Duration.ofSeconds(5)).orElseThrow()) {
            assertTrue(lock.isHeld());
        }
    }

    @Test
    @SuppressWarnings("try")
    void acquireGivesUpAfterItsPatience() throws Exception {
        Path file = tmp.resolve("daemon.lock");
        try (DaemonLock held = DaemonLock.tryAcquire(file).orElseThrow()) {
            assertTrue(DaemonLock.acquire(file, Duration.ofMillis(50)).isEmpty());
        }
    }

    /** fcntl locks (what FileChannel uses) as another process sees them: python's lockf is the same kind. */
    private static String probeFromAnotherProcess(Path file) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", """
                import fcntl, sys
                f = open(sys.argv[1], 'a')
                try:
                    fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    print('free')
                except OSError:
                    print('held')
                """, file.toString()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "python probe did not finish");
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }
}
