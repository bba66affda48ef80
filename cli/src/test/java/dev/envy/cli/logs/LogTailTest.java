package dev.envy.cli.logs;

import dev.envy.host.log.LogFiles;
import dev.envy.host.log.LogTail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class LogTailTest {

    @TempDir
    Path dir;

    /** The lines a tail of {@code max} of service {@code db} streams. */
    private List<String> tail(long max, boolean forFollowing) throws IOException {
        LogTail.Start start = LogTail.of(dir, "db", max, forFollowing);
        List<String> lines = new ArrayList<>();
        try (LogStream stream = new LogStream(List.of("db"), List.of(start))) {
            for (LogEntry e = stream.next(); e != null; e = stream.next()) {
                lines.add(new String(e.payload(), StandardCharsets.UTF_8));
            }
        }
        assertEquals(lines.size(), start.lines(), "the count matches what is streamed");
        return lines;
    }

    @Test
    void linesLongerThanTheReadChunkComeBackWhole() throws IOException {
        String longLine = "x".repeat(150_000);
        Files.writeString(dir.resolve("db.log"), "first\n" + longLine + "\nlast\n");
        assertEquals(List.of("first", longLine, "last"), tail(10, false));
        assertEquals(List.of(longLine, "last"), tail(2, false));
    }

    @Test
    void manyLinesAcrossChunkBoundaries() throws IOException {
        StringBuilder text = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            text.append("line ").append(i).append('\n');
            expected.add("line " + i);
        }
        Files.writeString(dir.resolve("db.log"), text);
        assertEquals(expected, tail(Long.MAX_VALUE, false));
        assertEquals(expected.subList(15_000, 20_000), tail(5000, false));
    }

    @Test
    void acrossRotatedFilesOldestFirst() throws IOException {
        Files.writeString(dir.resolve("db.log.2"), "a1\na2\n");
        Files.writeString(dir.resolve("db.log.1"), "b1\nb2-unfinished");
        Files.writeString(dir.resolve("db.log"), "c1\n");
        assertEquals(List.of("a1", "a2", "b1", "b2-unfinished", "c1"), tail(100, false));
        assertEquals(List.of("a2", "b1", "b2-unfinished", "c1"), tail(4, false));
        assertEquals(List.of("c1"), tail(1, false));
    }

    @Test
    void unfinishedLastLineIsLeftForTheFollowerWhenAsked() throws IOException {
        Files.writeString(dir.resolve("db.log"), "one\ntwo\nthr");
        assertEquals(List.of("one", "two"), tail(5, true));
        assertEquals(8, LogTail.of(dir, "db", 5, true).currentEnd());
        assertEquals(List.of("one", "two", "thr"), tail(5, false));
    }

    @Test
    void zeroLinesStillFindsWhereToFollowFrom() throws IOException {
        Files.writeString(dir.resolve("db.log"), "one\ntwo\nthr");
        assertEquals(List.of(), tail(0, true));
        LogTail.Start start = LogTail.of(dir, "db", 0, true);
        assertEquals(8, start.currentEnd());
        assertEquals(LogFiles.key(dir.resolve("db.log")), start.currentKey());
    }

    @Test
    void emptyLinesAreLines() throws IOException {
        Files.writeString(dir.resolve("db.log"), "\na\n\n");
        assertEquals(List.of("", "a", ""), tail(10, false));
        assertEquals(List.of("a", ""), tail(2, false));
    }

    @Test
    void absentLogHasNoLines() throws IOException {
        assertEquals(List.of(), tail(10, false));
        assertEquals(List.of(), tail(10, true));
    }

    @Test
    void invalidUtf8IsKeptAsBytes() throws IOException {
        byte[] bytes = {'x', (byte) 0xff, '\n'};
        Files.write(dir.resolve("db.log"), bytes);
        try (LogStream stream = new LogStream(List.of("db"), List.of(LogTail.of(dir, "db", 1, false)))) {
            assertArrayEquals(new byte[]{'x', (byte) 0xff}, stream.next().payload());
        }
    }

    @Test
    void streamMergesServicesByTimeAndUntimedLinesStayWithTheirNeighbour() throws IOException {
        Files.writeString(dir.resolve("db.log"), "2026-01-01T00:00:01.000Z d1\nd1-continued\n2026-01-01T00:00:05.000Z d5\n");
        Files.writeString(dir.resolve("web.log"), "2026-01-01T00:00:01.000Z w1\n2026-01-01T00:00:03.000Z w3\n");
        List<String> merged = new ArrayList<>();
        try (LogStream stream = new LogStream(List.of("db", "web"),
                List.of(LogTail.of(dir, "db", 10, false), LogTail.of(dir, "web", 10, false)))) {
            for (LogEntry e = stream.next(); e != null; e = stream.next()) {
                merged.add(new String(e.payload(), StandardCharsets.UTF_8));
            }
        }
        assertEquals(List.of("d1", "d1-continued", "w1", "w3", "d5"), merged);
    }

    @Test
    void mergeOfListsFollowsTheSameRules() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        List<LogEntry> db = List.of(new LogEntry("db", t0.plusSeconds(1), b("d1")),
                new LogEntry("db", null, b("d1-continued")), new LogEntry("db", t0.plusSeconds(5), b("d5")));
        List<LogEntry> web = List.of(new LogEntry("web", t0.plusSeconds(1), b("w1")),
                new LogEntry("web", t0.plusSeconds(3), b("w3")));
        List<String> merged = LogEntry.merge(List.of(db, web)).stream()
                .map(e -> new String(e.payload(), StandardCharsets.UTF_8)).toList();
        assertEquals(List.of("d1", "d1-continued", "w1", "w3", "d5"), merged);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
