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
import java.util.Collections;
import java.util.List;

/**
 * LG-7: the last lines of services' logs, read backwards from the end of each file (so the cost depends on the
 * lines asked for, not on the size of the log) and across rotation ({@code .log}, then {@code .log.1}…).
 */
final class LogTail {

    private static final int CHUNK = 64 * 1024;

    private LogTail() {
    }

    /**
     * The last {@code max} lines of a service's log, oldest first, and where following should go on in its current
     * file.
     *
     * @param followFrom the offset in {@code <service>.log} just after its last complete line (0 when it is absent)
     */
    record ServiceTail(List<LogEntry> entries, long followFrom) {
    }

    /**
     * The last {@code max} lines of one service. An unfinished last line of the current file (one being written) is
     * included unless {@code forFollowing}, in which case the follower prints it once it is complete.
     */
    static ServiceTail of(Path logsDir, String service, int max, boolean forFollowing) throws IOException {
        List<byte[]> newestFirst = new ArrayList<>();
        FileLines current = lastLines(LogFiles.current(logsDir, service), max, !forFollowing);
        newestFirst.addAll(current.newestFirst());
        List<Path> rotated = new ArrayList<>(LogFiles.rotated(logsDir, service));
        Collections.reverse(rotated);
        for (Path file : rotated) {
            if (newestFirst.size() >= max) {
                break;
            }
            newestFirst.addAll(lastLines(file, max - newestFirst.size(), true).newestFirst());
        }
        Collections.reverse(newestFirst);
        return new ServiceTail(entries(service, newestFirst), current.completeEnd());
    }

    /** Parses lines of one service, oldest first; a line without a time takes the time of the line before it. */
    static List<LogEntry> entries(String service, List<byte[]> lines) {
        List<LogEntry> entries = new ArrayList<>(lines.size());
        for (byte[] line : lines) {
            LogFormat.Line parsed = LogFormat.parse(line);
            entries.add(new LogEntry(service, parsed.time(), parsed.payload()));
        }
        return entries;
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

    /** The last {@code max} combined lines of the services, ordered by time. */
    static List<LogEntry> last(Path logsDir, List<String> services, int max) throws IOException {
        List<List<LogEntry>> perService = new ArrayList<>();
        for (String service : services) {
            perService.add(of(logsDir, service, max, false).entries());
        }
        List<LogEntry> merged = merge(perService);
        return merged.subList(Math.max(0, merged.size() - max), merged.size());
    }

    /**
     * Lines of one file, newest first.
     *
     * @param completeEnd the offset just after the last {@code \n} (the file's size if it ends with one)
     */
    record FileLines(List<byte[]> newestFirst, long completeEnd) {
    }

    /** Up to {@code max} last lines of {@code file}, read backwards in chunks; an absent file has none. */
    static FileLines lastLines(Path file, int max, boolean includeUnfinished) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            List<byte[]> lines = new ArrayList<>();
            byte[] carry = new byte[0];
            boolean terminated = false; // whether carry belongs to a line that has its '\n'
            long completeEnd = 0;
            long pos = size;
            while (pos > 0 && (lines.size() < max || !terminated)) {
                int length = (int) Math.min(CHUNK, pos);
                pos -= length;
                byte[] chunk = read(channel, pos, length);
                byte[] buf = concat(chunk, carry);
                int end = buf.length;
                for (int i = chunk.length - 1; i >= 0 && (lines.size() < max || !terminated); i--) {
                    if (buf[i] == '\n') {
                        byte[] segment = Arrays.copyOfRange(buf, i + 1, end);
                        if (terminated) {
                            lines.add(segment);
                        } else {
                            completeEnd = pos + i + 1;
                            if (includeUnfinished && segment.length > 0 && max > 0) {
                                lines.add(segment);
                            }
                        }
                        terminated = true;
                        end = i;
                    }
                }
                carry = Arrays.copyOfRange(buf, 0, end);
            }
            if (pos == 0 && lines.size() < max) {
                if (terminated) {
                    lines.add(carry); // the file's first line
                } else if (includeUnfinished && carry.length > 0 && max > 0) {
                    lines.add(carry); // the file has one unfinished line
                }
            }
            return new FileLines(lines, completeEnd);
        } catch (NoSuchFileException e) {
            return new FileLines(List.of(), 0);
        }
    }

    private static byte[] read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                break;
            }
        }
        return Arrays.copyOf(buffer.array(), buffer.position());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
