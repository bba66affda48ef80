package dev.envy.daemon.activation;

import dev.envy.host.os.Native;
import dev.envy.host.os.ProcStat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells when activation processes exit, however they exit. On Linux each watched pid gets a pidfd, and one thread
 * polls all of them (plus a wake-up pipe, so a new pid joins the poll at once): a pidfd becomes readable the moment
 * its process exits, so the callback follows within milliseconds, and the thread sleeps in {@code poll} until then.
 * Where pidfds are unavailable the same thread checks {@link ProcStat#alive} every {@value #FALLBACK_POLL_MILLIS} ms
 * instead.
 *
 * <p>A pid that is already gone, or whose start time differs from the one given (the pid was reused), is reported
 * at once. Callbacks run on the watcher's thread, never on the caller's, exactly once per watch, and must be quick.
 */
public final class ActivationWatcher implements AutoCloseable {

    static final int FALLBACK_POLL_MILLIS = 100;

    /** A watch that can be cancelled; cancelling after the callback ran does nothing. */
    public interface Watch {
        void cancel();
    }

    private final boolean pidfds;
    private final int[] wake;
    private final Map<Long, Watched> watched = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final List<Integer> toClose = new ArrayList<>();
    private final Thread thread;
    private volatile boolean closed;

    public ActivationWatcher() {
        this(Native.pidfdSupported());
    }

    ActivationWatcher(boolean usePidfds) {
        this.pidfds = usePidfds;
        this.wake = Native.pipe(true);
        this.thread = new Thread(this::loop, "envy-activation-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Calls {@code onExit} once when the process {@code pid} that started at {@code startTime} (field 22 of
     * {@code /proc/PID/stat}; 0 or less: unknown, not checked) has exited or become a zombie.
     */
    public Watch watch(long pid, long startTime, Runnable onExit) {
        if (closed) {
            throw new IllegalStateException("the activation watcher is closed");
        }
        int fd = -1;
        if (pidfds) {
            OptionalInt opened = Native.pidfdOpen(pid);
            fd = opened.orElse(-1);
        }
        // checked after the pidfd is open: if the pid still names the same process now, the pidfd refers to it
        boolean sameProcess = ProcStat.alive(pid, startTime);
        long knownStart = startTime > 0 ? startTime : ProcStat.startTime(pid).orElse(0);
        Watched w = new Watched(ids.incrementAndGet(), pid, knownStart, fd, onExit);
        if (!sameProcess) {
            w.gone = true;
        }
        watched.put(w.id, w);
        Native.writeByte(wake[1]);
        return w::cancelWatch;
    }

    private final class Watched {
        final long id;
        final long pid;
        final long startTime;
        final int fd;
        final Runnable onExit;
        final AtomicBoolean done = new AtomicBoolean();
        volatile boolean gone;

        Watched(long id, long pid, long startTime, int fd, Runnable onExit) {
            this.id = id;
            this.pid = pid;
            this.startTime = startTime;
            this.fd = fd;
            this.onExit = onExit;
        }

        void cancelWatch() {
            if (done.compareAndSet(false, true)) {
                watched.remove(id);
                if (fd >= 0) {
                    synchronized (toClose) {
                        toClose.add(fd); // closed by the poll thread, the only one using it
                    }
                }
                Native.writeByte(wake[1]);
            }
        }

        void fire() {
            if (done.compareAndSet(false, true)) {
                watched.remove(id);
                try {
                    onExit.run();
                } catch (RuntimeException e) {
                    System.err.println("envy: an activation exit callback failed: " + e);
                }
            }
        }
    }

    private void loop() {
        List<Watched> open = new ArrayList<>();
        try {
            while (!closed) {
                open.clear();
                for (Watched w : watched.values()) {
                    if (w.gone) {
                        closeFd(w);
                        w.fire();
                    } else {
                        open.add(w);
                    }
                }
                closeCancelled();
                if (pidfds) {
                    pollPidfds(open);
                } else {
                    pollProc(open);
                }
            }
        } catch (RuntimeException e) {
            System.err.println("envy: the activation watcher stopped: " + e);
        }
    }

    private void pollPidfds(List<Watched> open) {
        int[] fds = new int[open.size() + 1];
        fds[0] = wake[0];
        boolean withoutFd = false;
        for (int i = 0; i < open.size(); i++) {
            Watched w = open.get(i);
            fds[i + 1] = w.fd;
            if (w.fd < 0) {
                // no pidfd could be opened (e.g. out of descriptors): this one is polled through /proc
                withoutFd = true;
                if (!ProcStat.alive(w.pid, w.startTime)) {
                    w.gone = true;
                }
            }
        }
        // every change (a watch, a cancel, close) writes to the wake pipe: with a pidfd each, nothing needs a timeout
        short[] revents = Native.poll(fds, withoutFd ? FALLBACK_POLL_MILLIS : -1);
        if (revents[0] != 0) {
            drainWake();
        }
        for (int i = 0; i < open.size(); i++) {
            if (revents[i + 1] != 0) {
                open.get(i).gone = true;
            }
        }
    }

    private void pollProc(List<Watched> open) {
        boolean anyGone = false;
        for (Watched w : open) {
            if (!ProcStat.alive(w.pid, w.startTime)) {
                w.gone = true;
                anyGone = true;
            }
        }
        if (anyGone) {
            return; // report at once, wait afterwards
        }
        short[] revents = Native.poll(new int[] {wake[0]}, FALLBACK_POLL_MILLIS);
        if (revents[0] != 0) {
            drainWake();
        }
    }

    private void closeFd(Watched w) {
        if (w.fd >= 0) {
            Native.close(w.fd);
        }
    }

    /** Cancelled watches were removed from the map; their fds are closed here, by the only thread polling them. */
    private void closeCancelled() {
        synchronized (toClose) {
            toClose.forEach(Native::close);
            toClose.clear();
        }
    }

    private void drainWake() {
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
            java.lang.foreign.MemorySegment buffer = arena.allocate(256);
            while (Native.read(wake[0], buffer) > 0) {
                // empty the pipe
            }
        }
    }

    /** Stops the thread and closes every descriptor; pending callbacks are not called. */
    @Override
    public void close() {
        closed = true;
        Native.writeByte(wake[1]);
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Watched w : watched.values()) {
            closeFd(w);
        }
        watched.clear();
        Native.close(wake[0]);
        Native.close(wake[1]);
    }
}
