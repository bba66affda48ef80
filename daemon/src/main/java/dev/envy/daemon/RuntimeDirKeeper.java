package dev.envy.daemon;

import dev.envy.core.runtime.RuntimePaths;
import dev.envy.daemon.loop.LogSink;
import dev.envy.daemon.server.SocketServer;
import dev.envy.host.fs.DaemonLock;
import dev.envy.host.fs.RuntimeDir;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * HD-6: keeps the runtime directory of a serving daemon in place. A {@code /tmp} cleaner, or logind removing
 * {@code $XDG_RUNTIME_DIR} at logout, may delete the directory (or just the socket) under a running daemon; clients
 * would then find no daemon. The directory is watched (inotify, so an idle daemon does no work), and looked at every
 * {@value #CHECK_EVERY_SECONDS} s as well (a directory moved away sends no event): when the socket is gone or another
 * file took its place, or {@code daemon.json} is gone, the directory is made again (checked as at start), the socket
 * bound again and {@code daemon.json} and {@code state.json} written again. The daemon lock is in the project's
 * {@code .envy/}, so no second daemon can start meanwhile; a client that finds the lock held but no socket waits for
 * it. When the directory cannot be made again (another user made it in between), the daemon stops its services and
 * exits, as on SIGTERM.
 */
final class RuntimeDirKeeper implements AutoCloseable {

    static final long CHECK_EVERY_SECONDS = 10;
    private static final Duration RESTORE_PATIENCE = Duration.ofSeconds(2);
    private static final Duration RETRY_EVERY = Duration.ofMillis(50);

    /** What restoring writes besides the socket: {@code daemon.json} and {@code state.json}. */
    interface Rewrite {
        void rewrite() throws IOException;
    }

    private final RuntimePaths paths;
    private final long uid;
    private final SocketServer server;
    private final DaemonLock lock;
    private final Rewrite files;
    private final Runnable giveUp;
    private final LogSink log;
    private final WatchService watch;
    private final Thread thread;
    private volatile boolean closed;

    private RuntimeDirKeeper(RuntimePaths paths, long uid, SocketServer server, DaemonLock lock, Rewrite files,
                             Runnable giveUp, LogSink log) throws IOException {
        this.paths = paths;
        this.uid = uid;
        this.server = server;
        this.lock = lock;
        this.files = files;
        this.giveUp = giveUp;
        this.log = log;
        this.watch = FileSystems.getDefault().newWatchService();
        this.thread = Thread.ofPlatform().daemon(true).name("envy-runtime-dir").unstarted(this::loop);
    }

    /** Starts keeping {@code paths}' directory; {@code giveUp} is called once when it cannot be restored. */
    static RuntimeDirKeeper start(RuntimePaths paths, long uid, SocketServer server, DaemonLock lock, Rewrite files,
                                  Runnable giveUp, LogSink log) throws IOException {
        RuntimeDirKeeper keeper = new RuntimeDirKeeper(paths, uid, server, lock, files, giveUp, log);
        keeper.register();
        keeper.thread.start();
        return keeper;
    }

    private WatchKey register() throws IOException {
        // a file moved over the socket is a creation (and no deletion) in the directory
        return paths.runtimeDir().register(watch, StandardWatchEventKinds.ENTRY_DELETE,
                StandardWatchEventKinds.ENTRY_CREATE);
    }

    private void loop() {
        WatchKey key = null;
        try {
            while (!closed) {
                WatchKey signalled = watch.poll(CHECK_EVERY_SECONDS, TimeUnit.SECONDS);
                if (signalled != null) {
                    signalled.pollEvents();
                    signalled.reset();
                    key = signalled;
                }
                if (closed) {
                    return;
                }
                if (gone()) {
                    if (!restore()) {
                        giveUp.run();
                        return;
                    }
                    if (key != null) {
                        key.cancel();
                    }
                    key = register(); // the directory may be a new one
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // closed: the daemon is exiting
        } catch (IOException | RuntimeException e) {
            log.warn("stopped watching " + paths.runtimeDir() + ": " + e.getMessage());
        }
    }

    private boolean gone() {
        return !server.ownsSocketFile() || !Files.exists(paths.daemonJson(), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Makes the directory, the socket and the files again; false when the daemon must leave instead. A cleaner may
     * still be deleting while this makes (the base directory going after the environment's): a failure is tried
     * again, for up to {@link #RESTORE_PATIENCE}, before the daemon gives up.
     */
    private boolean restore() throws InterruptedException {
        long end = System.nanoTime() + RESTORE_PATIENCE.toNanos();
        while (true) {
            try {
                RuntimeDir.prepare(paths.runtimeDir(), uid);
                if (!server.rebind(lock)) {
                    return true; // the daemon is on its way out
                }
                files.rewrite();
                log.warn("the runtime directory " + paths.runtimeDir() + " (or its socket) was deleted while the "
                        + "daemon ran; made it again: socket, daemon.json and state.json restored");
                return true;
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    return true;
                }
                if (System.nanoTime() - end >= 0) {
                    log.warn("the runtime directory " + paths.runtimeDir() + " was deleted while the daemon ran and "
                            + "cannot be made again: " + e.getMessage() + "; stopping every service and exiting");
                    return false;
                }
                Thread.sleep(RETRY_EVERY);
            }
        }
    }

    /** Stops watching; the daemon calls this first when it exits, so it never restores what it is removing. */
    @Override
    public void close() {
        closed = true;
        try {
            watch.close();
        } catch (IOException ignored) {
            // nothing left to watch
        }
        if (thread != Thread.currentThread()) {
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
