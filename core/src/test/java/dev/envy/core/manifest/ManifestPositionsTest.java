package dev.envy.core.manifest;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManifestPositionsTest {
    private static final String TEXT = """
            version = 1
            [services.web]
            command = "sleep 100"
            readiness.log = 'ready'
            depends-on = { db = "ready" }
            systems = ["x86_64-linux", 3]
            [services."api.v2"]
            command = "true"
            """;

    @Test
    void findsTheLineAndColumnOfAKeyPath() {
        ManifestPositions p = ManifestPositions.of(TEXT);
        assertEquals(Optional.of(new ManifestPositions.Position(3, 1)), p.at("services", "web", "command"));
        assertEquals(Optional.of(new ManifestPositions.Position(4, 1)), p.at("services", "web", "readiness", "log"));
        assertEquals(Optional.of(new ManifestPositions.Position(5, 16)), p.at("services", "web", "depends-on", "db"));
        assertEquals(Optional.of(new ManifestPositions.Position(8, 1)), p.at("services", "api.v2", "command"));
        assertEquals(Optional.empty(), p.at("services", "web", "restart"));
        assertTrue(p.has("services", "web", "readiness"));
        assertFalse(p.has("options"));
    }

    @Test
    void listsKeysAndStrings() {
        ManifestPositions p = ManifestPositions.of(TEXT);
        assertEquals(Set.of("web", "api.v2"), p.keys("services"));
        assertEquals(List.of("x86_64-linux"), p.strings("services", "web", "systems"));
        assertEquals(Set.of(), p.keys("services", "web", "command"));
    }

    @Test
    void aTextThatDoesNotParseHasNoPositions() {
        assertEquals(Optional.empty(), ManifestPositions.of("[services.web\ncommand = 1").at("services"));
    }
}
