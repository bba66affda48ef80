package dev.envy.cli.logs;

import dev.envy.host.log.LogTail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines of several services from their {@link LogTail.Start}s, merged by time as they are read: one line per
 * service in memory at a time. Lines of one service keep their file order; ties go to the service listed first; a
 * line without a time sorts with the line before it in its service.
 */
final class LogStream implements AutoCloseable {

    private final List<ServiceLines> services = new ArrayList<>();

    LogStream(List<String> names, List<LogTail.Start> starts) {
        this(names, starts, Instant.MIN);
    }

    /** Only the lines written at or after {@code from} (a line without a time has the time of the line before it). */
    LogStream(List<String> names, List<LogTail.Start> starts, Instant from) {
        for (int i = 0; i < names.size(); i++) {
            services.add(new ServiceLines(names.get(i), starts.get(i), from));
        }
    }

    /** The next line in time order, or null when every service's lines are read. */
    LogEntry next() throws IOException {
        ServiceLines best = null;
        for (ServiceLines s : services) {
            if (s.head() != null && (best == null || s.headTime().isBefore(best.headTime()))) {
                best = s;
            }
        }
        return best == null ? null : best.take();
    }

    @Override
    public void close() throws IOException {
        for (ServiceLines s : services) {
            s.close();
        }
    }

    /** One service's lines read forwards through its files; the last file of its chain only up to the counted end. */
    private static final class ServiceLines implements AutoCloseable {
        private final String service;
        private final List<Path> files;
        private final long currentEnd;
        private final boolean lastIsCurrent;
        private int fileIndex = -1;
        private FileChannel channel;
        private long remaining;
        private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private long firstOffset;
        private LogEntry head;
        private boolean headLoaded;
        private Instant lastTime = Instant.MIN;
        private final Instant from;

        ServiceLines(String service, LogTail.Start start, Instant from) {
            this.service = service;
            this.from = from;
            this.files = start.files();
            this.firstOffset = start.offset();
            this.currentEnd = start.currentEnd();
            this.lastIsCurrent = start.currentKey() != null;
            buffer.limit(0);
        }

        LogEntry head() throws IOException {
            while (!headLoaded) {
                byte[] bytes = nextLine();
                head = bytes == null ? null : LogEntry.of(service, bytes);
                headLoaded = true;
                if (head != null && headTime().isBefore(from)) {
                    take(); // written before the window: passed over, its time kept for a line without one
                }
            }
            return head;
        }

        Instant headTime() {
            return head.time() == null ? lastTime : head.time();
        }

        LogEntry take() {
            LogEntry taken = head;
            lastTime = headTime();
            headLoaded = false;
            head = null;
            return taken;
        }

        private byte[] nextLine() throws IOException {
            while (true) {
                if (channel == null && !openNext()) {
                    return null;
                }
                while (buffer.hasRemaining()) {
                    byte b = buffer.get();
                    if (b == '\n') {
                        return takeLine();
                    }
                    line.write(b);
                }
                if (!fill()) {
                    channel.close();
                    channel = null;
                    if (line.size() > 0) {
                        return takeLine(); // a file's last line without its newline
                    }
                }
            }
        }

        private byte[] takeLine() {
            byte[] bytes = line.toByteArray();
            line.reset();
            return bytes;
        }

        private boolean openNext() throws IOException {
            while (++fileIndex < files.size()) {
                Path file = files.get(fileIndex);
                try {
                    channel = FileChannel.open(file, StandardOpenOption.READ);
                } catch (NoSuchFileException gone) {
                    continue; // rotated away or deleted since it was counted
                }
                long from = fileIndex == 0 ? firstOffset : 0;
                long end = lastIsCurrent && fileIndex == files.size() - 1 ? currentEnd : channel.size();
                channel.position(from);
                remaining = Math.max(0, end - from);
                buffer.clear().limit(0);
                return true;
            }
            return false;
        }

        private boolean fill() throws IOException {
            if (remaining <= 0) {
                return false;
            }
            buffer.clear();
            buffer.limit((int) Math.min(buffer.capacity(), remaining));
            int n = channel.read(buffer);
            buffer.flip();
            if (n <= 0) {
                return false;
            }
            remaining -= n;
            return true;
        }

        @Override
        public void close() throws IOException {
            if (channel != null) {
                channel.close();
            }
        }
    }
}
