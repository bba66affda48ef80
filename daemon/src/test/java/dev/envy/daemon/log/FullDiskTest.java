package dev.envy.daemon.log;

import dev.envy.daemon.testing.LogFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Log files on a disk that fills up: real files, behind a stand-in for {@code write(2)} that writes only as many
 * bytes as the "disk" has room for (a short write) and then fails with ENOSPC, as Linux does.
 */
class FullDiskTest {

    @TempDir
    Path dir;

    /** Room left on the pretend disk, shared by every file opened through it. */
    static final class Disk implements RotatingFile.Opener {
        long free = Long.MAX_VALUE;
        int failedWrites;

        @Override
        public RotatingFile.Output open(Path file) throws IOException {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
            return new RotatingFile.Output() {
                @Override
                public int write(ByteBuffer bytes) throws IOException {
                    if (free == 0) {
                        failedWrites++;
                        throw new IOException("No space left on device");
                    }
                    int n = (int) Math.min(bytes.remaining(), free);
                    ByteBuffer part = bytes.slice(bytes.position(), n);
                    int written = channel.write(part);
                    bytes.position(bytes.position() + written);
                    free -= written;
                    return written;
                }

                @Override
                public long size() throws IOException {
                    return channel.size();
                }

                @Override
                public void truncate(long size) throws IOException {
                    free += channel.size() - size;
                    channel.truncate(size);
                }

                @Override
                public void close() throws IOException {
                    channel.close();
                }
            };
        }
    }

    private final Disk disk = new Disk();
    private final List<String> reports = new ArrayList<>();

    private ServiceLog log(long maxBytes, int keep) throws IOException {
        return new ServiceLog("web", new RotatingFile(dir.resolve("web.log"), maxBytes, keep, disk), reports::add);
    }

    private static void write(ServiceLog log, int n) {
        byte[] b = String.format("line %06d %s", n, "x".repeat(40)).getBytes(StandardCharsets.UTF_8);
        log.line(b, 0, b.length);
    }

    /** Every line on disk whole, in order and once; returns their numbers. */
    private List<Integer> numbersOnDisk(List<Path> oldestFirst) {
        List<Integer> numbers = new ArrayList<>();
        for (Path file : oldestFirst) {
            for (String line : LogFiles.lines(file)) {
                assertTrue(line.matches("line \\d{6} x{40}"), "a torn line: " + line);
                numbers.add(Integer.parseInt(line.substring(5, 11)));
            }
        }
        for (int i = 1; i < numbers.size(); i++) {
            assertTrue(numbers.get(i) > numbers.get(i - 1), "out of order or twice: " + numbers.get(i - 1) + " then "
                    + numbers.get(i));
        }
        return numbers;
    }

    @Test
    void aLineCutShortByAFullDiskIsCompletedWhenThereIsRoomNotWrittenTwice() throws Exception {
        ServiceLog log = log(0, 0);
        for (int i = 0; i < 10; i++) {
            write(log, i);
        }
        log.flush();
        disk.free = 30; // room for part of the next line only
        write(log, 10);
        write(log, 11);
        log.flush();
        assertTrue(disk.failedWrites > 0);
        assertEquals(1, reports.size(), reports.toString());
        assertTrue(reports.getFirst().startsWith("cannot write " + dir.resolve("web.log") + ": No space left on device"),
                reports.getFirst());
        log.flush();
        log.flush();
        assertEquals(1, reports.size(), "the failure is reported once: " + reports);
        disk.free = Long.MAX_VALUE;
        write(log, 12);
        log.flush();
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), numbersOnDisk(List.of(dir.resolve("web.log"))));
        assertEquals(dir.resolve("web.log") + " can be written again; no line of web was lost while it could not be"
                + " written", reports.get(1));
        log.close();
    }

    @Test
    void linesBeyondTheBufferAreDroppedCountedAndReportedOnceSpaceReturns() throws Exception {
        ServiceLog log = log(0, 0);
        write(log, 0);
        log.flush();
        disk.free = 0;
        int n = 1;
        for (; n < 20_000; n++) {
            write(log, n);
        }
        log.flush();
        disk.free = Long.MAX_VALUE;
        log.flush();
        List<Integer> onDisk = numbersOnDisk(List.of(dir.resolve("web.log")));
        int lost = n - onDisk.size();
        assertTrue(lost > 0 && onDisk.size() > 1000, "kept " + onDisk.size() + ", lost " + lost);
        assertEquals(List.of(onDisk.getFirst(), onDisk.getLast()), List.of(0, onDisk.size() - 1),
                "the lines kept are the first ones, in order");
        assertEquals(2, reports.size(), reports.toString());
        assertEquals(dir.resolve("web.log") + " can be written again; " + lost + " lines of web were lost while it"
                + " could not be written", reports.get(1));
        log.close();
    }

    @Test
    void aFloodThroughAFullDiskWithRotationWritesEveryKeptLineOnceInOrder() throws Exception {
        ServiceLog log = log(64 * 1024, 1000);
        Set<Integer> dropped = new HashSet<>();
        int n = 0;
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 3000; i++) {
                write(log, n++);
            }
            disk.free = 1000 + round * 7919L; // nearly full: short writes, then ENOSPC
            for (int i = 0; i < 12_000; i++) {
                write(log, n++);
                if (i % 500 == 0) {
                    log.flush();
                }
            }
            disk.free = Long.MAX_VALUE;
            log.flush();
        }
        log.close();
        List<Path> files = new ArrayList<>();
        for (int i = 1000; i >= 1; i--) {
            if (Files.exists(dir.resolve("web.log." + i))) {
                files.add(dir.resolve("web.log." + i));
            }
        }
        files.add(dir.resolve("web.log"));
        assertTrue(files.size() > 5, "rotated: " + files);
        List<Integer> onDisk = numbersOnDisk(files);
        for (int i = 0; i < n; i++) {
            dropped.add(i);
        }
        onDisk.forEach(dropped::remove);
        long reportedLost = reports.stream().filter(r -> r.contains(" can be written again; "))
                .mapToLong(r -> r.contains("no line") ? 0 : Long.parseLong(r.replaceAll(".*again; (\\d+) lines? .*", "$1")))
                .sum();
        assertEquals(dropped.size(), reportedLost, "every line not on disk was counted: " + reports);
        assertEquals(10, reports.size(), "one failure and one recovery per episode: " + reports);
    }

    @Test
    void closingWhileTheDiskIsFullCutsOffAHalfWrittenLineAndCountsTheRest() throws Exception {
        ServiceLog log = log(0, 0);
        write(log, 0);
        log.flush();
        disk.free = 20;
        write(log, 1);
        write(log, 2);
        log.flush();
        log.close();
        assertEquals(List.of(0), numbersOnDisk(List.of(dir.resolve("web.log"))));
        assertEquals("closed " + dir.resolve("web.log") + " while it could not be written: 2 lines of web were lost",
                reports.getLast());
    }

    @Test
    void theDaemonLogKeepsItsLinesWhileTheDiskIsFullAndSaysWhatItLost() throws Exception {
        Path file = dir.resolve("daemon.log");
        try (DaemonLog log = new DaemonLog(new RotatingFile(file, 0, 0, disk), DaemonLog.Format.TEXT)) {
            log.info("before");
            disk.free = 0;
            log.info("while full");
            for (int i = 0; i < 10_000; i++) {
                log.info("flood " + "y".repeat(60));
            }
            disk.free = Long.MAX_VALUE;
            log.info("after");
        }
        List<String> lines = LogFiles.lines(file);
        assertEquals("INFO before", lines.get(0));
        assertEquals("INFO while full", lines.get(1));
        assertTrue(lines.get(2).startsWith("WARN cannot write " + file + ": No space left on device"), lines.get(2));
        assertEquals("INFO after", lines.get(lines.size() - 2));
        assertTrue(lines.getLast().matches("WARN " + java.util.regex.Pattern.quote(file.toString())
                + " can be written again; \\d+ line\\(s\\) of this log were lost while it could not be written"),
                lines.getLast());
        int kept = (int) lines.stream().filter(l -> l.startsWith("INFO flood")).count();
        int lost = Integer.parseInt(lines.getLast().replaceAll(".*again; (\\d+) line.*", "$1"));
        assertEquals(10_000, kept + lost);
        assertFalse(lines.stream().anyMatch(l -> !l.matches("(INFO|WARN) .*")));
    }
}
