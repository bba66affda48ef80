package dev.envy.daemon.process;

import dev.envy.daemon.log.LineSplitter;
import dev.envy.daemon.log.ServiceLog;
import dev.envy.daemon.os.Native;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One thread that reads a process's merged output pipe until end of file and writes it line by line to the service
 * log (and to a {@link LineListener}). Memory is fixed: one 64 KiB read buffer plus the splitter's line buffer.
 * {@link #abandon()} makes it stop at its next wake-up (at most {@value #POLL_MILLIS} ms) even if the pipe is still
 * open, for output held by an escaped process.
 */
final class OutputPump implements Runnable {

    private static final int POLL_MILLIS = 100;
    private static final int CHUNK = 64 * 1024;

    private final int fd;
    private final ServiceLog log;
    private final LineListener listener;
    private final Consumer<String> diagnostics;
    private final LineSplitter splitter;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private volatile boolean abandoned;

    OutputPump(int fd, ServiceLog log, LineListener listener, Consumer<String> diagnostics) {
        this.fd = fd;
        this.log = log;
        this.listener = listener;
        this.diagnostics = diagnostics;
        this.splitter = new LineSplitter(this::line);
    }

    void start(String name) {
        Thread thread = new Thread(this, "envy-output-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Completes when the pump stopped and everything it read is flushed to the log file. */
    CompletableFuture<Void> done() {
        return done;
    }

    void abandon() {
        abandoned = true;
    }

    @Override
    public void run() {
        byte[] heap = new byte[CHUNK];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(CHUNK);
            while (!abandoned) {
                short revents = Native.poll(new int[] {fd}, POLL_MILLIS)[0];
                if (revents == 0) {
                    continue;
                }
                long n = Native.read(fd, buffer);
                if (n == 0) {
                    break;
                }
                if (n > 0) {
                    MemorySegment.copy(buffer, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, heap, 0, (int) n);
                    splitter.feed(heap, 0, (int) n);
                }
            }
            splitter.finish();
        } catch (RuntimeException e) {
            diagnostics.accept("reading the output of " + log.service() + " failed: " + e.getMessage());
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

    private boolean writeFailed;

    private void line(byte[] bytes, int offset, int length) {
        try {
            log.line(bytes, offset, length);
        } catch (RuntimeException e) {
            // keep draining the pipe so the service never blocks on a full pipe; say so once
            if (!writeFailed) {
                writeFailed = true;
                diagnostics.accept("lines of " + log.service() + " are being lost: " + e.getMessage());
            }
        }
        if (listener != LineListener.NONE) {
            try {
                listener.onLine(new String(bytes, offset, length, StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                diagnostics.accept("a line listener of " + log.service() + " failed: " + e);
            }
        }
    }
}
