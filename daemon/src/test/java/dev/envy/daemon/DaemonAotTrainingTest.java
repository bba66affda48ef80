package dev.envy.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DaemonAotTrainingTest {

    @TempDir
    Path dir;

    @Test
    void aFailedTrainingLeavesNoCacheButAMarkAndNoTemporaryFiles() throws Exception {
        Path cache = dir.resolve("daemon.aot");
        // a flag no JVM accepts: the training JVM fails at once
        assertFalse(DaemonAotTraining.make(cache, List.of("-XX:+NoSuchFlagAtAll")));
        assertFalse(Files.exists(cache));
        assertTrue(Files.exists(dir.resolve("daemon.aot.failed")));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("daemon.aot.failed", "daemon.aot.lock"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
