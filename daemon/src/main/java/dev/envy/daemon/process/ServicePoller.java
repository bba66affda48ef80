package dev.envy.daemon.process;

import dev.envy.daemon.log.LineSplitter;
import dev.envy.daemon.log.ServiceLog;
import dev.envy.host.os.Native;
import dev.envy.host.os.ProcStat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

/**
 * One thread for all service processes: it reads their merged output pipes until end of file, writing them line by
 * line to the service logs (and to each stream's {@link LineListener}), and it reaps the leaders it was given as
 * pidfds the moment they exit. It waits in one {@code poll} on all pipes, all pidfds and a wake-up pipe, and reads at
 * most one chunk per pipe per round, so a flooding service cannot starve a quiet one; the lines of one chunk go to the
 * log in one go ({@link ServiceLog.Writer}), and are decoded to strings only for a stream with a listener. Memory is
 * one 64 KiB read buffer for all streams, plus each stream's line splitter (empty unless a line is split across
 * reads). A stream is
 * {@linkplain Stream#abandon() abandoned} for output held open by an escaped process.
 */
final class ServicePoller implements AutoCloseable {

    private static final int CHUNK = 64 * 1024;

    private final Consumer<String> diagnostics;
    private final int[] wake = Native.pipe(true);
    private final ConcurrentLinkedQueue<Stream> added = new ConcurrentLinkedQueue<>();
    private final List<Stream> streams = new ArrayList<>();
    private final ConcurrentLinkedQueue<Exit> addedExits = new ConcurrentLinkedQueue<>();
    private final List<Exit> exits = new ArrayList<>();
    private final Thread thread;
    private volatile boolean closed;

    ServicePoller(Consumer<String> diagnostics) {
        this.diagnostics = diagnostics;
        this.thread = new Thread(this::loop, "envy-output");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts reading {@code fd} (this poller closes it) into {@code log}. */
    Stream add(int fd, ServiceLog log, LineListener listener) {
        Stream stream = new Stream(fd, log, listener);
        added.add(stream);
        wakeUp();
        return stream;
    }

    /**
     * Reaps the child {@code pid} when its {@code pidfd} (which this poller closes) turns readable; the future
     * completes with its wait status then.
     */
    CompletableFuture<Native.WaitStatus> reapOnExit(long pid, int pidfd) {
        Exit exit = new Exit(pid, pidfd, new CompletableFuture<>());
        addedExits.add(exit);
        wakeUp();
        return exit.status;
    }

    private record Exit(long pid, int pidfd, CompletableFuture<Native.WaitStatus> status) {
        /** Reaps the child; false if it has not exited after all. */
        boolean reap() {
            Optional<Native.WaitStatus> reaped = Native.waitpidNoHang(pid);
            if (reaped.isEmpty() && ProcStat.read(pid).filter(e -> e.ppid() == Native.getpid()).isPresent()) {
                return false;
            }
            Native.close(pidfd);
            // not our child any more (reaped elsewhere): report it as 255, like a lost process
            status.complete(reaped.orElse(new Native.WaitStatus((int) pid, 255, 0)));
            return true;
        }
    }

    /** One pipe being read. */
    final class Stream {
        private final int fd;
        private final ServiceLog log;
        private final ServiceLog.Writer writer;
        private final LineListener listener;
        /** The listener's own cut of the same bytes into lines; null without a listener (no line is decoded then). */
        private final LineSplitter tap;
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private volatile boolean abandoned;
        private boolean writeFailed;

        private Stream(int fd, ServiceLog log, LineListener listener) {
            this.fd = fd;
            this.log = log;
            this.writer = log.writer();
            this.listener = listener;
            this.tap = listener == LineListener.NONE ? null : new LineSplitter(this::tapped);
        }

        /** Completes when the stream ended (or was abandoned) and everything read from it is flushed to the log. */
        CompletableFuture<Void> done() {
            return done;
        }

        /** Stops reading at once even though the pipe is still open; {@link #done()} completes soon after. */
        void abandon() {
            abandoned = true;
            wakeUp();
        }

        private void feed(byte[] bytes, int length) {
            // one time stamp for the lines of one read: they arrived together
            try {
                writer.write(System.currentTimeMillis(), bytes, 0, length);
            } catch (RuntimeException e) {
                lost(e);
            }
            if (tap != null) {
                tap.feed(bytes, 0, length);
            }
        }

        private void finish() {
            try {
                try {
                    writer.finish(System.currentTimeMillis());
                } catch (RuntimeException e) {
                    lost(e);
                }
                if (tap != null) {
                    tap.finish();
                }
            } finally {
                Native.close(fd);
                try {
                    log.flush();
                } catch (RuntimeException e) {
                    diagnostics.accept(e.getMessage());
                }
                done.complete(null);
            }
        }

        /** Keeps draining the pipe when the log cannot take lines, so the service never blocks on it; says so once. */
        private void lost(RuntimeException e) {
            if (!writeFailed) {
                writeFailed = true;
                diagnostics.accept("lines of " + log.service() + " are being lost: " + e.getMessage());
            }
        }

        private void tapped(byte[] bytes, int offset, int length) {
            try {
                listener.onLine(new String(bytes, offset, length, StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                diagnostics.accept("a line listener of " + log.service() + " failed: " + e);
            }
        }
    }

    private void loop() {
        byte[] heap = new byte[CHUNK];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(CHUNK);
            while (!closed) {
                round(buffer, heap);
            }
        } catch (RuntimeException | Error e) {
            diagnostics.accept("the output reader failed, service output is no longer logged: " + e);
        } finally {
            closed = true;
            for (Stream s; (s = added.poll()) != null; ) {
                streams.add(s);
            }
            streams.forEach(s -> {
                if (!s.done.isDone()) {
                    s.finish();
                }
            });
            for (Exit e; (e = addedExits.poll()) != null; ) {
                exits.add(e);
            }
            // nobody will reap these now: the caller learns they are unknown (the daemon is exiting anyway)
            exits.forEach(e -> {
                Native.close(e.pidfd());
                e.status().completeExceptionally(new IllegalStateException("the process poller was closed"));
            });
            Native.close(wake[0]);
            Native.close(wake[1]);
        }
    }

    /**
     * One round: takes in what was added, waits for any fd, reaps what exited and reads one chunk of each readable
     * pipe. A method of its own so that the JIT compiles it after a few hundred rounds: the body of a loop that never
     * returns would run interpreted for as long as the daemon lives.
     */
    private void round(MemorySegment buffer, byte[] heap) {
        for (Stream s; (s = added.poll()) != null; ) {
            streams.add(s);
        }
        for (Exit e; (e = addedExits.poll()) != null; ) {
            exits.add(e);
        }
        streams.removeIf(s -> {
            if (s.abandoned) {
                s.finish();
            }
            return s.abandoned;
        });
        int[] fds = new int[1 + exits.size() + streams.size()];
        fds[0] = wake[0];
        for (int i = 0; i < exits.size(); i++) {
            fds[1 + i] = exits.get(i).pidfd();
        }
        int first = 1 + exits.size();
        for (int i = 0; i < streams.size(); i++) {
            fds[first + i] = streams.get(i).fd;
        }
        short[] revents = Native.poll(fds, -1);
        if (revents[0] != 0) {
            drainWake(buffer);
        }
        List<Exit> reaped = new ArrayList<>();
        for (int i = 0; i < exits.size(); i++) {
            if (revents[1 + i] != 0 && exits.get(i).reap()) {
                reaped.add(exits.get(i));
            }
        }
        exits.removeAll(reaped);
        List<Stream> ended = new ArrayList<>();
        for (int i = 0; i < streams.size(); i++) {
            if (revents[first + i] != 0 && !readOnce(streams.get(i), buffer, heap)) {
                ended.add(streams.get(i));
            }
        }
        for (Stream s : ended) {
            streams.remove(s);
            s.finish();
        }
    }

    /** Reads one chunk of {@code s}; false at end of file or on a read error (the stream is over). */
    private boolean readOnce(Stream s, MemorySegment buffer, byte[] heap) {
        try {
            long n = Native.read(s.fd, buffer);
            if (n == 0) {
                return false;
            }
            if (n > 0) {
                MemorySegment.copy(buffer, ValueLayout.JAVA_BYTE, 0, heap, 0, (int) n);
                s.feed(heap, (int) n);
            }
            return true;
        } catch (RuntimeException e) {
            diagnostics.accept("reading the output of " + s.log.service() + " failed: " + e.getMessage());
            return false;
        }
    }

    private void drainWake(MemorySegment buffer) {
        while (Native.read(wake[0], buffer) > 0) {
            // wake-up bytes carry no data
        }
    }

    private void wakeUp() {
        if (!closed) {
            Native.writeByte(wake[1]);
        }
    }

    /** Stops the thread; streams still open are closed unread, their {@link Stream#done()} completed. */
    @Override
    public void close() {
        wakeUp();
        closed = true;
    }
}
