package dev.envy.host.client;

import dev.envy.core.runtime.EnvironmentId;
import dev.envy.host.fs.RuntimeDir;
import dev.envy.host.fs.RuntimeDirException;
import dev.envy.host.os.CurrentUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DaemonConnectorTest {

    @TempDir
    Path tmp;

    @Test
    void forProjectUsesTheCanonicalDirAndTheEnvironmentsRuntimeBase() throws Exception {
        Path real = Files.createDirectory(tmp.resolve("shop"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        String before = System.getProperty("envy.home");
        System.setProperty("envy.home", "/opt/envy");
        try {
            var c = DaemonConnector.forProject(link, Map.of("ENVY_RUNTIME_DIR", tmp.resolve("run").toString()),
                    Deadlines.DEFAULT.withStart(Duration.ofSeconds(5)));
            assertEquals(real.toRealPath(), c.projectDir());
            assertEquals(tmp.resolve("run").resolve(EnvironmentId.of(real.toRealPath())), c.status().runtimeDir());
            assertEquals(real.toRealPath().resolve(".envy/logs/daemon.log"), c.status().log());
        } finally {
            if (before == null) {
                System.clearProperty("envy.home");
            } else {
                System.setProperty("envy.home", before);
            }
        }
    }

    @Test
    void withoutEnvyHomeTheDaemonCannotBeFound() {
        String before = System.getProperty("envy.home");
        System.clearProperty("envy.home");
        try {
            var e = assertThrows(DaemonException.class, DaemonJvm::fromSystemProperty);
            assertEquals(3, e.exitCode());
            assertEquals("run envy through bin/envy", e.hint());
        } finally {
            if (before != null) {
                System.setProperty("envy.home", before);
            }
        }
    }

    @Test
    void CS_4_theClientRefusesAWorldWritableRuntimeDir() throws Exception {
        Path base = Files.createDirectory(tmp.resolve("base"));
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxrwxrwx"));
        var e = assertThrows(RuntimeDirException.class,
                () -> RuntimeDir.prepare(base.resolve("env"), CurrentUser.uid()));
        assertTrue(e.getMessage().contains("is writable by others (mode 0777)"), e.getMessage());
    }

    @Test
    void CS_4_theClientCreatesTheRuntimeDirOwnerOnly() throws Exception {
        Path dir = tmp.resolve("base").resolve("env");
        RuntimeDir.prepare(dir, CurrentUser.uid());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.getParent())));
    }
}
