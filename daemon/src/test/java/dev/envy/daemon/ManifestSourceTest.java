package dev.envy.daemon;

import dev.envy.core.lifecycle.Environments;
import dev.envy.core.lifecycle.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManifestSourceTest {
    @TempDir
    Path dir;

    private ManifestSource source(ManifestSource.EnvironmentsOf envs) {
        return new ManifestSource(dir.resolve("envy.toml"), "x86_64-linux", envs);
    }

    @Test
    void UP_3_theManifestIsStaleOnceTheFileDiffersFromTheOneLastLoaded() throws Exception {
        Files.writeString(dir.resolve("envy.toml"), "[services.db]\ncommand = \"sleep 1\"\n");
        ManifestSource source = source(m -> new Environments(Map.of(), Map.of("db", Map.of())));
        assertInstanceOf(Event.ManifestLoaded.class, source.load(1, true));
        assertFalse(source.isStale());

        Files.writeString(dir.resolve("envy.toml"), "[services.db]\ncommand = \"sleep 2\"\n");
        assertTrue(source.isStale());

        assertInstanceOf(Event.ManifestLoaded.class, source.load(2, false));
        assertTrue(source.isStale(), "RS-8: a restart reads the file without applying all of it");
    }

    @Test
    void anInvalidManifestIsRejectedWithItsProblemsAndLeavesTheAppliedOneAlone() throws Exception {
        Files.writeString(dir.resolve("envy.toml"), "[services.db]\ncommand = \"sleep 1\"\n");
        ManifestSource source = source(m -> new Environments(Map.of(), Map.of("db", Map.of())));
        source.load(1, true);
        Files.writeString(dir.resolve("envy.toml"), "[services.db]\ncommand = 3\n");

        Event.ManifestRejected rejected = assertInstanceOf(Event.ManifestRejected.class, source.load(2, true));

        assertEquals(2, rejected.requestId());
        assertFalse(rejected.problems().isEmpty());
        assertTrue(source.isStale(), "what was applied is still the last valid manifest, which the file no longer is");
    }

    @Test
    void aFailingHookRejectsTheManifestWithItsMessage() throws Exception {
        Files.writeString(dir.resolve("envy.toml"), "[services.db]\ncommand = \"sleep 1\"\n");
        ManifestSource source = source(m -> {
            throw new Exception("exit 3");
        });

        Event.ManifestRejected rejected = assertInstanceOf(Event.ManifestRejected.class, source.load(7, true));

        assertEquals("hook.on-activate failed: exit 3", rejected.message());
    }
}
