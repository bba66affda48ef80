package dev.envy.host.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AotCacheCheckTest {

    @TempDir
    Path dir;

    @Test
    void aJvmMapsItsCacheWhenItReportsSharing() {
        assertTrue(AotCacheCheck.mapped("mixed mode, emulated-client, sharing"));
        assertFalse(AotCacheCheck.mapped("mixed mode, emulated-client"));
        assertFalse(AotCacheCheck.mapped(null));
    }

    @Test
    void aRejectedCacheIsDeletedToBeMadeAgainAndASecondRejectionGivesUpForTheBuild() throws Exception {
        Path cache = Files.writeString(dir.resolve("cli.aot"), "cache");
        AotCacheCheck.rejected(cache);
        assertFalse(Files.exists(cache), "deleted, so that the next start makes it again");
        assertFalse(Files.exists(dir.resolve("cli.aot.failed")));

        Files.writeString(cache, "made again");
        AotCacheCheck.rejected(cache);
        assertFalse(Files.exists(cache));
        assertTrue(Files.exists(dir.resolve("cli.aot.failed")), "no third attempt for this build");
    }
}
