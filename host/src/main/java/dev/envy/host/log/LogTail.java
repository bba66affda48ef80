package dev.envy.host.log;

import dev.envy.core.log.LogFormat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one reader of log tails, for the CLI and the daemon. LG-7: where the last lines of a service's log begin,
 * found by counting newlines backwards from the end (so the cost depends on the lines asked for, not on the size of
 * the log) across rotation ({@code .log}, then {@code .log.1}…); the CLI then streams the lines forwards, so memory
 * stays bounded whatever {@code -n} is. And {@link #last}: the last few lines of one file within a bounded window,
 * for messages (a failed start, a failed service).
 */
public final class LogTail {

    private static final int CHUNK = 64 * 1024;
    /** What a tail of {@code daemon.log} reads at most. */
    private static final int SHORT_WINDOW = 64 * 1024;
    /** What a tail of a service's log reads at most: enough for ten long lines. */
    static final int SERVICE_WINDOW = 256 * 1024;

    private LogTail() {
    }

    /**
     * Where to read the last lines of one service from.
     *
     * @param files      the files to read, oldest first: a suffix of the service's chain
     * @param offset     where to begin in the first of them
     * @param lines      how many lines there are from there (as counted; the log may grow meanwhile)
     * @param currentKey the identity of {@code <service>.log} when counted (null when it was absent)
     * @param currentEnd where reading {@code <service>.log} stops: its size, or just after its last complete line
     *                   when following (a follower prints an unfinished line once it is complete)
     */
    public record Start(List<Path> files, long offset, long lines, Object currentKey, long currentEnd) {

        /**
         * Without the files last written before {@code from} (by their modification time): none of their lines can
         * be in the window, so {@code --since} need not read a long rotated history. The current file is kept.
         */
        public Start since(Instant from) {
            if (from.equals(Instant.MIN)) {
                return this;
            }
            int first = 0;
            while (first < files.size() - 1 && modifiedBefore(files.get(first), from)) {
                first++;
            }
            return first == 0 ? this : new Start(files.subList(first, files.size()), 0, lines, currentKey, currentEnd);
        }

        private static boolean modifiedBefore(Path file, Instant from) {
            try {
                return java.nio.file.Files.getLastModifiedTime(file).toInstant().isBefore(from);
            } catch (IOException gone) {
                return true;
            }
        }
    }

    /** Locates the last {@code max} lines of {@code service}. */
    public static Start of(Path logsDir, String service, long max, boolean forFollowing) throws IOException {
        Path current = LogFiles.current(logsDir, service);
        Object currentKey = LogFiles.key(current);
        List<Path> chain = new ArrayList<>(LogFiles.rotated(logsDir, service));
        long currentEnd = 0;
        if (currentKey != null) {
            chain.add(current);
            currentEnd = forFollowing ? completeEnd(current) : size(current);
        }
        long counted = 0;
        for (int i = chain.size() - 1; i >= 0; i--) {
            Path file = chain.get(i);
            long end = file.equals(current) ? currentEnd : size(file);
            long[] found = countBack(file, end, max - counted);
            counted += found[0];
            if (counted >= max) {
                return new Start(chain.subList(i, chain.size()), found[1], counted, currentKey, currentEnd);
            }
        }
        return new Start(chain, 0, counted, currentKey, currentEnd);
    }

    /**
     * Counts up to {@code max} lines backwards from {@code end}: {count, offset where the earliest counted line
     * begins}. A last line without its newline counts.
     */
    public static long[] countBack(Path file, long end, long max) throws IOException {
        if (end <= 0 || max <= 0) {
            return new long[]{0, Math.max(end, 0)};
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long count = 0;
            long pos = end - 1; // the byte at end-1 ends the last line (or is inside it): no line starts after it
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
            while (pos > 0) {
                int length = (int) Math.min(CHUNK, pos);
                long from = pos - length;
                read(channel, buffer, from, length);
                for (int i = length - 1; i >= 0; i--) {
                    if (buffer.get(i) == '\n') {
                        count++;
                        if (count == max) {
                            return new long[]{count, from + i + 1};
                        }
                    }
                }
                pos = from;
            }
            return new long[]{count + 1, 0}; // the file's first line
        } catch (NoSuchFileException e) {
            return new long[]{0, 0};
        }
    }

    /** The offset just after the last newline of {@code file} (0 when it has none). */
    public static long completeEnd(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long pos = channel.size();
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
            while (pos > 0) {
                int length = (int) Math.min(CHUNK, pos);
                long from = pos - length;
                read(channel, buffer, from, length);
                for (int i = length - 1; i >= 0; i--) {
                    if (buffer.get(i) == '\n') {
                        return from + i + 1;
                    }
                }
                pos = from;
            }
            return 0;
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    private static long size(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return channel.size();
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    private static void read(FileChannel channel, ByteBuffer buffer, long from, int length) throws IOException {
        buffer.clear().limit(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, from + buffer.position()) < 0) {
                Arrays.fill(buffer.array(), buffer.position(), length, (byte) 0);
                break;
            }
        }
    }

    /**
     * The last {@code count} lines of {@code file} that begin at or after byte {@code from}, reading at most
     * {@code window} bytes however big the file is (a line cut by the window is left out); empty when there are none.
     * What a failed start shows of {@code daemon.log} and a failed service of its own log (ST-9).
     */
    public static List<byte[]> last(Path file, long from, int count, int window) {
        if (count <= 0) {
            return List.of();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long end = channel.size();
            long start = Math.max(Math.max(0, from), end - window);
            if (start >= end) {
                return List.of();
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) (end - start));
            read(channel, buffer, start, buffer.capacity());
            byte[] bytes = buffer.array();
            List<byte[]> lines = new ArrayList<>();
            int lineStart = 0;
            for (int i = 0; i <= bytes.length; i++) {
                if (i == bytes.length || bytes[i] == '\n') {
                    if (i < bytes.length || lineStart < bytes.length) {
                        lines.add(Arrays.copyOfRange(bytes, lineStart, i));
                    }
                    lineStart = i + 1;
                }
            }
            if (start > Math.max(0, from) && !lines.isEmpty()) {
                lines.removeFirst(); // cut by the window
            }
            return List.copyOf(lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** {@link #last} as text (UTF-8), for lines without a time stamp ({@code daemon.log}). */
    public static List<String> lastText(Path file, long from, int count) {
        return last(file, from, count, SHORT_WINDOW).stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    /**
     * The last {@code count} lines of a service's log file written at or after {@code since}, without their time
     * stamps (ST-9: a failed start shows its own run's lines, not an earlier run's). A line without a time stamp
     * counts as written with the line before it.
     */
    public static List<String> lastServiceLines(Path file, int count, Instant since) {
        List<String> lines = new ArrayList<>();
        boolean keep = false;
        for (byte[] b : last(file, 0, Integer.MAX_VALUE, SERVICE_WINDOW)) {
            LogFormat.Line line = LogFormat.parse(b, 0, b.length);
            if (line.time() != null) {
                keep = !line.time().isBefore(since);
            }
            if (keep) {
                lines.add(line.text());
            }
        }
        return List.copyOf(lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    /** The size of {@code file}, 0 when it is absent: where lines written from now on will begin. */
    public static long sizeOf(Path file) {
        return file.toFile().length();
    }
}
