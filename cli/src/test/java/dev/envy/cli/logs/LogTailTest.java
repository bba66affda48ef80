package dev.envy.cli.logs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LogTailTest {

    @TempDir
    Path dir;

    private static List<String> strings(LogTail.FileLines lines) {
        return lines.newestFirst().stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void linesLongerThanTheReadChunkComeBackWhole() throws IOException {
        String longLine = "x".repeat(150_000);
        Path file = dir.resolve("a.log");
        Files.writeString(file, "first\n" + longLine + "\nlast\n");
        assertEquals(List.of("last", longLine, "first"), strings(LogTail.lastLines(file, 10, true)));
        assertEquals(List.of("last", longLine), strings(LogTail.lastLines(file, 2, true)));
    }

    @Test
    void manyLinesAcrossChunkBoundaries() throws IOException {
        StringBuilder text = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            text.append("line ").append(i).append('\n');
            expected.addFirst("line " + i);
        }
        Path file = dir.resolve("a.log");
        Files.writeString(file, text);
        LogTail.FileLines all = LogTail.lastLines(file, Integer.MAX_VALUE, true);
        assertEquals(expected, strings(all));
        assertEquals(Files.size(file), all.completeEnd());
        assertEquals(expected.subList(0, 5000), strings(LogTail.lastLines(file, 5000, true)));
    }

    @Test
    void unfinishedLastLineIsLeftForTheFollowerWhenAsked() throws IOException {
        Path file = dir.resolve("a.log");
        Files.writeString(file, "one\ntwo\nthr");
        LogTail.FileLines forFollowing = LogTail.lastLines(file, 5, false);
        assertEquals(List.of("two", "one"), strings(forFollowing));
        assertEquals(8, forFollowing.completeEnd());
        assertEquals(List.of("thr", "two", "one"), strings(LogTail.lastLines(file, 5, true)));
    }

    @Test
    void zeroLinesStillFindsWhereToFollowFrom() throws IOException {
        Path file = dir.resolve("a.log");
        Files.writeString(file, "one\ntwo\nthr");
        LogTail.FileLines none = LogTail.lastLines(file, 0, false);
        assertEquals(List.of(), strings(none));
        assertEquals(8, none.completeEnd());
    }

    @Test
    void emptyLinesAreLines() throws IOException {
        Path file = dir.resolve("a.log");
        Files.writeString(file, "\na\n\n");
        assertEquals(List.of("", "a", ""), strings(LogTail.lastLines(file, 10, true)));
    }

    @Test
    void absentFileHasNoLines() throws IOException {
        assertEquals(List.of(), strings(LogTail.lastLines(dir.resolve("none.log"), 10, true)));
    }

    @Test
    void mergeOrdersByTimeKeepsEachServiceInFileOrderAndUntimedLinesStayWithTheirNeighbour() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        List<LogEntry> db = List.of(new LogEntry("db", t0.plusSeconds(1), b("d1")),
                new LogEntry("db", null, b("d1-continued")), new LogEntry("db", t0.plusSeconds(5), b("d5")));
        List<LogEntry> web = List.of(new LogEntry("web", t0.plusSeconds(1), b("w1")),
                new LogEntry("web", t0.plusSeconds(3), b("w3")));
        List<String> merged = LogTail.merge(List.of(db, web)).stream()
                .map(e -> new String(e.payload(), StandardCharsets.UTF_8)).toList();
        assertEquals(List.of("d1", "d1-continued", "w1", "w3", "d5"), merged);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
