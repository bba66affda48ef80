package dev.envy.daemon.log;

import dev.envy.host.testing.Await;
import dev.envy.daemon.testing.LogFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogStoreTest {

    @TempDir
    Path dir;

    static void write(ServiceLog log, String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        log.line(b, 0, b.length);
    }

    @Test
    void linesAreStampedWithUtcMillis() throws Exception {
        try (LogStore store = new LogStore(dir, 0, 0)) {
            ServiceLog log = store.open("web");
            log.line(1_795_000_000_000L, "hi".getBytes(), 0, 2);
            log.flush();
            assertEquals("2026-11-18T11:06:40.000Z hi\n", Files.readString(dir.resolve("web.log")));
        }
    }

    @Test
    void linesReadBackWithCoreLogFormatByteForByte() throws Exception {
        byte[] raw = {'o', 'k', (byte) 0xff, ' ', (byte) 0xc3};
        try (LogStore store = new LogStore(dir, 0, 0)) {
            ServiceLog log = store.open("web");
            log.line(1_795_000_000_123L, raw, 0, raw.length);
            log.flush();
        }
        byte[] file = Files.readAllBytes(dir.resolve("web.log"));
        dev.envy.core.log.LogFormat.Line line = dev.envy.core.log.LogFormat.parse(file);
        assertEquals(java.time.Instant.ofEpochMilli(1_795_000_000_123L), line.time());
        assertEquals(java.util.Arrays.toString(raw), java.util.Arrays.toString(line.payload()));
    }

    @Test
    void rotationUnderAFloodLosesNoLine() throws Exception {
        try (LogStore store = new LogStore(dir, 64 * 1024, 1000)) {
            ServiceLog log = store.open("web");
            for (int i = 0; i < 50_000; i++) {
                write(log, "line " + i);
            }
            log.flush();
            List<String> all = new ArrayList<>();
            List<Path> files = store.files("web");
            for (int i = files.size() - 1; i >= 0; i--) {
                all.addAll(LogFiles.lines(files.get(i)));
            }
            assertEquals(IntStream.range(0, 50_000).mapToObj(i -> "line " + i).toList(), all);
            for (Path f : files) {
                assertTrue(!Files.exists(f) || Files.size(f) <= 64 * 1024, f + " over the limit");
            }
            assertTrue(Files.exists(dir.resolve("web.log.2")), "rotated at least twice");
        }
    }

    @Test
    void HD_10_aLogDeletedWhileTheServiceWritesIsMadeAgainWithEveryLaterLine() throws Exception {
        List<String> trouble = new ArrayList<>();
        try (LogStore store = new LogStore(dir, 0, 0, trouble::add)) {
            ServiceLog log = store.open("web");
            write(log, "before");
            log.flush();
            Files.delete(dir.resolve("web.log"));
            write(log, "after 1");
            write(log, "after 2");
            log.flush();
            assertEquals(List.of("after 1", "after 2"), LogFiles.lines(dir.resolve("web.log")));
            assertEquals(1, trouble.size(), trouble.toString());
            assertTrue(trouble.getFirst().endsWith("web.log was deleted while web wrote to it; made it again, and"
                    + " its lines go there from now on"), trouble.getFirst());
            // the whole logs directory too (rm -rf .envy/logs)
            Files.delete(dir.resolve("web.log"));
            Files.delete(dir);
            write(log, "after 3");
            log.flush();
            assertEquals(List.of("after 3"), LogFiles.lines(dir.resolve("web.log")));
            assertEquals(2, trouble.size(), trouble.toString());
        }
    }

    @Test
    void onlyKeepRotatedFilesAreKept() throws Exception {
        try (LogStore store = new LogStore(dir, 1000, 2)) {
            ServiceLog log = store.open("db");
            for (int i = 0; i < 1000; i++) {
                write(log, "line " + i);
            }
            log.flush();
        }
        assertTrue(Files.exists(dir.resolve("db.log.2")));
        assertFalse(Files.exists(dir.resolve("db.log.3")));
        List<String> newest = LogFiles.lines(dir.resolve("db.log"));
        assertEquals("line 999", newest.getLast());
    }

    @Test
    void idleLinesReachTheFileWithoutAnExplicitFlush() throws Exception {
        try (LogStore store = new LogStore(dir, 0, 0)) {
            write(store.open("web"), "hello");
            Await.until(Duration.ofSeconds(2), "the periodic flush",
                    () -> LogFiles.lines(dir.resolve("web.log")).equals(List.of("hello")));
        }
    }

    @Test
    void aStoreWhoseLogsAreQuietSchedulesNothingAndWakesForTheNextLine() throws Exception {
        try (LogStore store = new LogStore(dir, 0, 0)) {
            ServiceLog web = store.open("web");
            ServiceLog db = store.open("db");
            assertFalse(store.flushScheduled(), "nothing written: nothing to do");
            write(web, "one");
            assertTrue(store.flushScheduled(), "the first unflushed line schedules a flush");
            Await.until(Duration.ofSeconds(2), "the flush, then a quiet round that gives the buffer back",
                    () -> LogFiles.lines(dir.resolve("web.log")).equals(List.of("one")) && !store.flushScheduled());
            write(db, "two");
            write(web, "three");
            Await.until(Duration.ofSeconds(2), "the next lines, flushed without an explicit flush",
                    () -> LogFiles.lines(dir.resolve("db.log")).equals(List.of("two"))
                            && LogFiles.lines(dir.resolve("web.log")).equals(List.of("one", "three")));
            Await.until(Duration.ofSeconds(2), "the store to go quiet again", () -> !store.flushScheduled());
        }
    }

    @Test
    void theSameServiceSharesOneLogAndOddNamesAreRefused() {
        try (LogStore store = new LogStore(dir, 0, 0)) {
            assertTrue(store.open("web") == store.open("web"));
            assertThrows(IllegalArgumentException.class, () -> store.open("../etc"));
        }
    }

    @Test
    void daemonLogWritesTimeLevelMessageLines() throws Exception {
        Path file = dir.resolve("daemon.log");
        try (DaemonLog log = new DaemonLog(file, 0, 0)) {
            log.info("daemon started");
            log.warn("two\nlines");
        }
        List<String> lines = LogFiles.lines(file);
        assertEquals(List.of("INFO daemon started", "WARN two", "WARN lines"), lines);
    }

    @Test
    void daemonLogCanWriteOneJsonObjectALine() throws Exception {
        Path file = dir.resolve("daemon.log");
        try (DaemonLog log = new DaemonLog(file, 0, 0, DaemonLog.Format.JSON)) {
            log.warn("say \"hi\"\n\tthen\\ \u0001");
        }
        String line = Files.readString(file);
        assertTrue(line.matches("\\{\"time\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\",\"level\":\"WARN\","
                + "\"message\":\"say \\\\\"hi\\\\\"\\\\n\\\\tthen\\\\\\\\ \\\\u0001\"}\n"), line);
    }
}
