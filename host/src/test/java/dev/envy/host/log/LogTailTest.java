package dev.envy.host.log;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LogTailTest {

    @TempDir
    Path tmp;

    @Test
    void theLastLinesFromAnOffsetOn() throws Exception {
        Path log = tmp.resolve("daemon.log");
        Files.writeString(log, "old 1\nold 2\n");
        long from = LogTail.sizeOf(log);
        Files.writeString(log, "new 1\nnew 2\nnew 3\n", java.nio.file.StandardOpenOption.APPEND);
        assertEquals(List.of("new 2", "new 3"), LogTail.lastText(log, from, 2));
        assertEquals(List.of("new 1", "new 2", "new 3"), LogTail.lastText(log, from, 20));
    }

    @Test
    void aHugeLogIsReadOnlyAtItsEndAndThePartialFirstLineDropped() throws Exception {
        Path log = tmp.resolve("daemon.log");
        Files.writeString(log, "x".repeat(200_000) + "\nlast\n");
        assertEquals(List.of("last"), LogTail.lastText(log, 0, 20));
    }

    @Test
    void aMissingLogHasNoTail() {
        assertEquals(List.of(), LogTail.lastText(tmp.resolve("none.log"), 0, 20));
    }
}
