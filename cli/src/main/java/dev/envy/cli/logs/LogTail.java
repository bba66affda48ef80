package dev.envy.cli.logs;

import dev.envy.core.log.LogFormat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * LG-7: where the last lines of a service's log begin, found by counting newlines backwards from the end (so the
 * cost depends on the lines asked for, not on the size of the log) across rotation ({@code .log}, then
 * {@code .log.1}…). The lines themselves are then streamed forwards by {@link LogStream}, so memory stays bounded
 * whatever {@code -n} is.
 */
final class LogTail {

    private static final int CHUNK = 64 * 1024;

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
    record Start(List<Path> files, long offset, long lines, Object currentKey, long currentEnd) {

        /**
         * Without the files last written before {@code from} (by their modification time): none of their lines can
         * be in the window, so {@code --since} need not read a long rotated history. The current file is kept.
         */
        Start since(Instant from) {
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
    static Start of(Path logsDir, String service, long max, boolean forFollowing) throws IOException {
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
    static long[] countBack(Path file, long end, long max) throws IOException {
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
    static long completeEnd(Path file) throws IOException {
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

    /** Parses lines of one service, oldest first. */
    static List<LogEntry> entries(String service, List<byte[]> lines) {
        List<LogEntry> entries = new ArrayList<>(lines.size());
        for (byte[] line : lines) {
            entries.add(entry(service, line));
        }
        return entries;
    }

    static LogEntry entry(String service, byte[] line) {
        LogFormat.Line parsed = LogFormat.parse(line);
        return new LogEntry(service, parsed.time(), parsed.payload());
    }

    /**
     * Merges per-service lists (each oldest first) into one ordered by time, never reordering lines of one service;
     * ties go to the service listed first. A line without a time sorts with the line before it in its service.
     */
    static List<LogEntry> merge(List<List<LogEntry>> perService) {
        int total = perService.stream().mapToInt(List::size).sum();
        List<LogEntry> merged = new ArrayList<>(total);
        int[] next = new int[perService.size()];
        Instant[] lastTime = new Instant[perService.size()];
        Arrays.fill(lastTime, Instant.MIN);
        while (merged.size() < total) {
            int best = -1;
            Instant bestTime = null;
            for (int s = 0; s < perService.size(); s++) {
                if (next[s] < perService.get(s).size()) {
                    Instant t = perService.get(s).get(next[s]).time();
                    Instant effective = t == null ? lastTime[s] : t;
                    if (best < 0 || effective.isBefore(bestTime)) {
                        best = s;
                        bestTime = effective;
                    }
                }
            }
            lastTime[best] = bestTime;
            merged.add(perService.get(best).get(next[best]++));
        }
        return merged;
    }
}
