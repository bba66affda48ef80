package dev.envy.daemon.reload;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The debounce is 200 ms. "No further callback" is asserted over a 1 s window: a callback owed to an event that was
 * already delivered fires at most one debounce period after that event, so 5× the debounce leaves ample margin for a
 * loaded machine while keeping the test short.
 */
class ManifestWatcherTest {

    private static final Duration DEBOUNCE = Duration.ofMillis(200);
    private static final long QUIET_WINDOW_MS = 1000;
    private static final long CALLBACK_DEADLINE_S = 10;

    @TempDir
    Path dir;

    @Test
    void UP_3_aBurstOfSavesGivesExactlyOneCallback() throws Exception {
        Path manifest = dir.resolve("envy.toml");
        Files.writeString(manifest, "version = 1\n");
        Semaphore calls = new Semaphore(0);
        try (ManifestWatcher ignored = ManifestWatcher.start(manifest, DEBOUNCE, calls::release)) {
            for (int i = 0; i < 5; i++) {
                Files.writeString(manifest, "version = 1\n# save " + i + "\n");
            }
            assertTrue(calls.tryAcquire(CALLBACK_DEADLINE_S, TimeUnit.SECONDS),
                    "a callback within " + CALLBACK_DEADLINE_S + "s of the burst of saves");
            assertFalse(calls.tryAcquire(QUIET_WINDOW_MS, TimeUnit.MILLISECONDS),
                    "no second callback for the same burst");
        }
    }

    @Test
    void aSaveByRenameIsSeen() throws Exception {
        Path manifest = dir.resolve("envy.toml");
        Files.writeString(manifest, "version = 1\n");
        Semaphore calls = new Semaphore(0);
        try (ManifestWatcher ignored = ManifestWatcher.start(manifest, DEBOUNCE, calls::release)) {
            Path temp = dir.resolve(".envy.toml.swp");
            Files.writeString(temp, "version = 1\n[vars]\nA = \"1\"\n");
            Files.move(temp, manifest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            assertTrue(calls.tryAcquire(CALLBACK_DEADLINE_S, TimeUnit.SECONDS),
                    "a callback within " + CALLBACK_DEADLINE_S + "s of replacing the manifest by rename");
        }
    }

    @Test
    void savesSeparatedByQuietGiveOneCallbackEach() throws Exception {
        Path manifest = dir.resolve("envy.toml");
        Files.writeString(manifest, "version = 1\n");
        Semaphore calls = new Semaphore(0);
        try (ManifestWatcher ignored = ManifestWatcher.start(manifest, DEBOUNCE, calls::release)) {
            Files.writeString(manifest, "# first\n");
            assertTrue(calls.tryAcquire(CALLBACK_DEADLINE_S, TimeUnit.SECONDS), "a callback for the first save");
            Files.writeString(manifest, "# second\n");
            assertTrue(calls.tryAcquire(CALLBACK_DEADLINE_S, TimeUnit.SECONDS), "a callback for the second save");
        }
    }

    @Test
    void otherFilesInTheDirectoryAreIgnored() throws Exception {
        Path manifest = dir.resolve("envy.toml");
        Files.writeString(manifest, "version = 1\n");
        Semaphore calls = new Semaphore(0);
        try (ManifestWatcher ignored = ManifestWatcher.start(manifest, DEBOUNCE, calls::release)) {
            Files.writeString(dir.resolve("README.md"), "hello");
            Files.writeString(dir.resolve("envy.toml~"), "backup");
            assertFalse(calls.tryAcquire(QUIET_WINDOW_MS, TimeUnit.MILLISECONDS),
                    "no callback for files other than the manifest");
        }
    }

    @Test
    void noCallbackAfterClose() throws Exception {
        Path manifest = dir.resolve("envy.toml");
        Files.writeString(manifest, "version = 1\n");
        Semaphore calls = new Semaphore(0);
        ManifestWatcher watcher = ManifestWatcher.start(manifest, DEBOUNCE, calls::release);
        watcher.close();
        Files.writeString(manifest, "# after close\n");
        assertFalse(calls.tryAcquire(QUIET_WINDOW_MS, TimeUnit.MILLISECONDS), "no callback once closed");
    }

    @Test
    void aFailingCallbackDoesNotStopTheWatcher() throws Exception {
        Path manifest = dir.resolve("envy.toml");
        Files.writeString(manifest, "version = 1\n");
        Semaphore calls = new Semaphore(0);
        Runnable failing = () -> {
            calls.release();
            throw new IllegalStateException("handler broke");
        };
        try (ManifestWatcher ignored = ManifestWatcher.start(manifest, DEBOUNCE, failing)) {
            Files.writeString(manifest, "# one\n");
            assertTrue(calls.tryAcquire(CALLBACK_DEADLINE_S, TimeUnit.SECONDS), "a callback for the first save");
            Files.writeString(manifest, "# two\n");
            assertTrue(calls.tryAcquire(CALLBACK_DEADLINE_S, TimeUnit.SECONDS),
                    "a callback for the second save although the first callback threw");
        }
    }
}
