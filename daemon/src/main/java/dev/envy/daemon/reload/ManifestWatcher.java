package dev.envy.daemon.reload;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * UP-3 ({@code [options] auto-reload}): calls {@code onChange} once the manifest file has changed and then stayed
 * quiet for the debounce period, so an editor's burst of writes (or a save by rename, which is why the parent
 * directory is watched rather than the file) gives one reload. The callback runs on the watcher's own thread; it
 * should only hand an event to the daemon's loop.
 */
public final class ManifestWatcher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ManifestWatcher.class.getName());
    private static final Duration CLOSE_DEADLINE = Duration.ofSeconds(5);

    private final Path fileName;
    private final long debounceNanos;
    private final Runnable onChange;
    private final WatchService watchService;
    private final Thread thread;

    private ManifestWatcher(Path manifestFile, Duration debounce, Runnable onChange) throws IOException {
        Path absolute = manifestFile.toAbsolutePath();
        this.fileName = absolute.getFileName();
        this.debounceNanos = debounce.toNanos();
        this.onChange = onChange;
        this.watchService = FileSystems.getDefault().newWatchService();
        try {
            absolute.getParent().register(watchService, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException | RuntimeException e) {
            watchService.close();
            throw e;
        }
        this.thread = Thread.ofPlatform().daemon().name("envy-manifest-watcher").unstarted(this::loop);
    }

    /** Starts watching {@code manifestFile}; {@link #close()} stops it. */
    public static ManifestWatcher start(Path manifestFile, Duration debounce, Runnable onChange) throws IOException {
        ManifestWatcher watcher = new ManifestWatcher(manifestFile, debounce, onChange);
        watcher.thread.start();
        return watcher;
    }

    private void loop() {
        long due = 0;
        boolean pending = false;
        try {
            while (true) {
                WatchKey key = pending
                        ? watchService.poll(Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS)
                        : watchService.take();
                if (key != null) {
                    if (concernsManifest(key)) {
                        pending = true;
                        due = System.nanoTime() + debounceNanos;
                    }
                    if (!key.reset()) {
                        LOG.warning("the manifest's directory can no longer be watched; auto-reload stops");
                        return;
                    }
                } else if (pending && System.nanoTime() - due >= 0) {
                    pending = false;
                    fire();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: the watcher's life is over
        }
    }

    private boolean concernsManifest(WatchKey key) {
        boolean concerns = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW || fileName.equals(event.context())) {
                concerns = true;
            }
        }
        return concerns;
    }

    private void fire() {
        try {
            onChange.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "manifest change handler failed", e);
        }
    }

    /** Stops watching; no callback starts after this returns (one already running is waited for, with a deadline). */
    @Override
    public void close() {
        try {
            watchService.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing the watch service", e);
        }
        if (Thread.currentThread() != thread) {
            try {
                if (!thread.join(CLOSE_DEADLINE)) {
                    LOG.warning("the manifest watcher did not stop within " + CLOSE_DEADLINE.toSeconds() + "s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
