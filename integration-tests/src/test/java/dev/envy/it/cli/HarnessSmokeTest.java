package dev.envy.it.cli;

import dev.envy.it.support.Await;
import dev.envy.it.support.Projects;
import dev.envy.it.support.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The harness itself: isolated projects, await messages. */
class HarnessSmokeTest {
    @RegisterExtension
    final Projects projects = new Projects();

    @Test
    void awaitFailureSaysWhatWasAwaited() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> Await.until("the moon to turn blue", Duration.ofMillis(200), () -> false));
        assertEquals("timed out after 0.2s waiting for the moon to turn blue", e.getMessage());
    }

    @Test
    void eachProjectHasItsOwnPrivateRuntimeDir() throws Exception {
        TestProject a = projects.empty();
        TestProject b = projects.empty();
        assertTrue(Files.isDirectory(a.runtimeDir()));
        assertTrue(!a.runtimeDir().equals(b.runtimeDir()));
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(a.runtimeDir())));
        assertEquals(a.runtimeDir().toString(), a.envy().env().get("ENVY_RUNTIME_DIR"));
    }
}
