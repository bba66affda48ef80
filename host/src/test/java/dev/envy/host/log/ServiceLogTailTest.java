package dev.envy.host.log;

import dev.envy.core.log.LogFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ServiceLogTailTest {
    @TempDir
    Path dir;

    private Path logOf(String... lines) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String line : lines) {
            out.write(LogFormat.encode(Instant.parse("2026-11-22T01:02:03.456Z"), line.getBytes(StandardCharsets.UTF_8)));
        }
        Path file = dir.resolve("db.log");
        Files.write(file, out.toByteArray());
        return file;
    }

    @Test
    void theLastLinesComeWithoutTheirTimeStamps() throws Exception {
        assertEquals(List.of("c", "d"), LogTail.lastServiceLines(logOf("a", "b", "c", "d"), 2, Instant.MIN));
    }

    @Test
    void aShortLogGivesAllItHas() throws Exception {
        assertEquals(List.of("only"), LogTail.lastServiceLines(logOf("only"), 10, Instant.MIN));
    }

    @Test
    void aMissingLogGivesNothing() {
        assertEquals(List.of(), LogTail.lastServiceLines(dir.resolve("none.log"), 10, Instant.MIN));
    }

    @Test
    void aHugeLogIsReadOnlyAtItsEnd() throws Exception {
        String[] lines = new String[50_000];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = "line " + i;
        }
        assertEquals(List.of("line 49998", "line 49999"), LogTail.lastServiceLines(logOf(lines), 2, Instant.MIN));
    }

    @Test
    void onlyTheLinesOfThisRunAreShown() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Instant earlier = Instant.parse("2026-11-22T01:00:00.000Z");
        Instant run = Instant.parse("2026-11-22T01:05:00.000Z");
        out.write(LogFormat.encode(earlier, "migrating".getBytes(StandardCharsets.UTF_8)));
        out.write(LogFormat.encode(earlier, "error: earlier run".getBytes(StandardCharsets.UTF_8)));
        out.write(LogFormat.encode(run, "migrating".getBytes(StandardCharsets.UTF_8)));
        out.write("a line without a time stamp\n".getBytes(StandardCharsets.UTF_8));
        out.write(LogFormat.encode(run.plusMillis(3), "error: this run".getBytes(StandardCharsets.UTF_8)));
        Path file = dir.resolve("migrate.log");
        Files.write(file, out.toByteArray());

        assertEquals(List.of("migrating", "a line without a time stamp", "error: this run"),
                LogTail.lastServiceLines(file, 10, run));
        assertEquals(List.of(), LogTail.lastServiceLines(file, 10, run.plusSeconds(1)));
    }
}
