package dev.envy.host.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DetachedTest {

    @TempDir
    Path dir;

    @Test
    void theProcessRunsInTheGivenDirectoryWithItsOutputAppendedAndIsNotOurChild() throws Exception {
        Path out = Files.writeString(dir.resolve("out.log"), "before\n");
        ProcessBuilder builder = new ProcessBuilder().directory(dir.toFile());
        builder.environment().put("GREETING", "hello");
        long pid = Detached.start(builder, List.of("sh", "-c", "echo \"$GREETING from $(pwd -P)\"; exec sleep 30"),
                out);
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("pid " + pid + " gone"));
        try {
            assertFalse(ProcessHandle.current().children().anyMatch(c -> c.pid() == pid),
                    "a child of this JVM would hold up its exit");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (Files.readAllLines(out).size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(5); // polling the condition, up to the deadline
            }
            assertEquals(List.of("before", "hello from " + dir.toRealPath()), Files.readAllLines(out));
        } finally {
            process.destroyForcibly();
        }
        assertTrue(process.onExit().get().pid() == pid);
    }

    @Test
    void aProgramThatCannotRunSaysSoInTheOutput() throws Exception {
        Path out = dir.resolve("out.log");
        long pid = Detached.start(new ProcessBuilder().directory(dir.toFile()), List.of("no-such-program-envy"), out);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!(Files.exists(out) && Files.readString(out).contains("no-such-program-envy"))
                && System.nanoTime() < deadline) {
            Thread.sleep(5); // polling the condition, up to the deadline
        }
        assertTrue(Files.readString(out).contains("no-such-program-envy"), Files.readString(out));
        assertTrue(pid > 0);
        assertThrows(java.io.IOException.class, () -> Detached.start(
                new ProcessBuilder().directory(dir.resolve("missing").toFile()), List.of("true"), out));
    }
}
